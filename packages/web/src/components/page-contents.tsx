import { useEffect, useState } from 'react';

interface Entry {
  id: string;
  text: string;
}

/**
 * "On this page": links to the page's section headings (visible `h2` with an id inside `main`), read from the
 * page after it renders, so a long page that grows with its stage stays easy to move around, by keyboard too.
 * `watch` changes whenever the sections may have changed.
 */
export function PageContents({ watch }: { watch: unknown }) {
  const [entries, setEntries] = useState<Entry[]>([]);
  useEffect(() => {
    void watch;
    // After the sections below have rendered (some load their own data).
    const timer = setTimeout(() => {
      const headings = [...document.querySelectorAll<HTMLHeadingElement>('main h2[id]')].filter(
        // A passing note (data-transient) is not a section of the page.
        (h) =>
          !h.classList.contains('visually-hidden') &&
          h.offsetParent !== null &&
          !h.closest('[data-transient]'),
      );
      setEntries(headings.map((h) => ({ id: h.id, text: h.textContent ?? '' })));
    }, 300);
    return () => clearTimeout(timer);
  }, [watch]);

  if (entries.length < 4) return null;
  const jump = (id: string) => {
    const heading = document.getElementById(id);
    if (!heading) return;
    if (!heading.hasAttribute('tabindex')) heading.setAttribute('tabindex', '-1');
    heading.scrollIntoView({ block: 'start' });
    heading.focus({ preventScroll: true });
  };
  return (
    <nav aria-label="On this page" className="page-contents">
      <h2 className="page-contents__title">On this page</h2>
      <ul className="page-contents__list">
        {entries.map((e) => (
          <li key={e.id}>
            <a
              href={`#${e.id}`}
              onClick={(event) => {
                event.preventDefault();
                jump(e.id);
              }}
            >
              {e.text}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}
