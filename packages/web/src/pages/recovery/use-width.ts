import { type RefObject, useEffect, useRef, useState } from 'react';

/**
 * The rendered width of an element, followed as it resizes. Charts draw at their real pixel width
 * (one viewBox unit = one pixel), so text stays readable on a phone instead of shrinking with the picture.
 */
export function useWidth<T extends HTMLElement>(fallback: number): [RefObject<T | null>, number] {
  const ref = useRef<T>(null);
  const [width, setWidth] = useState(fallback);
  useEffect(() => {
    const element = ref.current;
    if (!element) return;
    const measure = () => {
      const next = Math.round(element.getBoundingClientRect().width);
      if (next > 0) setWidth((previous) => (Math.abs(previous - next) > 1 ? next : previous));
    };
    measure();
    if (typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver(measure);
    observer.observe(element);
    return () => observer.disconnect();
  }, []);
  return [ref, width];
}
