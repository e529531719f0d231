import { type ReactNode, useEffect, useRef } from 'react';
import { hasNavigated } from '../router/router';

interface PageHeadingProps {
  children: ReactNode;
  /** Used for document.title; defaults to the heading when it is plain text. */
  title?: string;
}

/**
 * The page's single <h1>. It sets document.title and, after an in-app navigation, takes focus so a
 * screen-reader user hears where they landed (the browser would otherwise keep focus on the old link).
 */
export function PageHeading({ children, title }: PageHeadingProps) {
  const ref = useRef<HTMLHeadingElement>(null);
  const text = title ?? (typeof children === 'string' ? children : '');

  useEffect(() => {
    document.title = text ? `${text} · Kintsugi` : 'Kintsugi';
  }, [text]);

  useEffect(() => {
    if (hasNavigated()) ref.current?.focus();
  }, []);

  return (
    <h1 ref={ref} tabIndex={-1} className="page-heading">
      {children}
    </h1>
  );
}
