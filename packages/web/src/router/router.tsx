import { type AnchorHTMLAttributes, type MouseEvent, useSyncExternalStore } from 'react';

// A tiny history-API router: the app has a handful of pages and needs no library for that.

const listeners = new Set<() => void>();
let navigationCount = 0;

function notify(): void {
  for (const listener of listeners) listener();
}

if (typeof window !== 'undefined') {
  window.addEventListener('popstate', () => {
    navigationCount++;
    notify();
  });
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

function currentLocation(): string {
  return window.location.pathname + window.location.search;
}

export interface NavigateOptions {
  replace?: boolean;
  /** Move focus to the new page's heading even on a replace (e.g. the redirect after signing in). */
  focusHeading?: boolean;
}

export function navigate(to: string, options: NavigateOptions = {}): void {
  if (to === currentLocation()) return;
  if (options.replace) window.history.replaceState(null, '', to);
  else window.history.pushState(null, '', to);
  // Plain redirects (replace) are not user navigations: leave focus where it is.
  if (!options.replace || options.focusHeading) navigationCount++;
  window.scrollTo(0, 0);
  notify();
}

/** True once the user has moved between pages, so headings know to take focus. */
export function hasNavigated(): boolean {
  return navigationCount > 0;
}

export interface Route {
  path: string;
  query: URLSearchParams;
}

let cachedKey = '';
let cachedRoute: Route = { path: '/', query: new URLSearchParams() };

function snapshot(): Route {
  const key = currentLocation();
  if (key !== cachedKey) {
    cachedKey = key;
    const path = window.location.pathname.replace(/\/+$/, '') || '/';
    cachedRoute = { path, query: new URLSearchParams(window.location.search) };
  }
  return cachedRoute;
}

export function useRoute(): Route {
  return useSyncExternalStore(subscribe, snapshot);
}

/** Matches "/teams/:id" style patterns; returns the parameters or null. */
export function matchPath(pattern: string, path: string): Record<string, string> | null {
  const patternParts = pattern.split('/').filter(Boolean);
  const pathParts = path.split('/').filter(Boolean);
  if (patternParts.length !== pathParts.length) return null;
  const params: Record<string, string> = {};
  for (const [i, part] of patternParts.entries()) {
    const actual = pathParts[i] ?? '';
    if (part.startsWith(':')) params[part.slice(1)] = decodeURIComponent(actual);
    else if (part !== actual) return null;
  }
  return params;
}

type LinkProps = Omit<AnchorHTMLAttributes<HTMLAnchorElement>, 'href'> & { to: string };

export function Link({ to, onClick, children, ...rest }: LinkProps) {
  const handleClick = (event: MouseEvent<HTMLAnchorElement>) => {
    onClick?.(event);
    // Let the browser handle new-tab/window clicks and anything already handled.
    if (
      event.defaultPrevented ||
      event.button !== 0 ||
      event.metaKey ||
      event.ctrlKey ||
      event.shiftKey ||
      event.altKey
    ) {
      return;
    }
    event.preventDefault();
    navigate(to);
  };
  return (
    <a href={to} onClick={handleClick} {...rest}>
      {children}
    </a>
  );
}
