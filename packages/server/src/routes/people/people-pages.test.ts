import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOrganization, type TestOrganization } from '../../test/factories.js';
import { createTestApp, type RequestOptions, request, type TestApp } from '../../test/test-app.js';
import { ENGINES } from '../../test/test-database.js';

type Person = { id: string; name: string; email: string; teamIds: string[] };
type Page = { people: Person[]; nextCursor: string | null };

describe.each(ENGINES)('people list pages (%s)', (engine) => {
  let app: TestApp;
  let org: TestOrganization;
  beforeAll(async () => {
    app = await createTestApp(engine);
    org = await createOrganization(app, 'Pages');
    // Four people with the same name: their order, and the pages' edges between them, rest on the id.
    for (let i = 0; i < 4; i++) await add('Same Name', `same${i}@pages.example`);
    for (let i = 0; i < 6; i++) await add(`Zed ${i}`, `zed${i}@pages.example`);
  });
  afterAll(async () => {
    await app.close();
  });

  const call = (options: RequestOptions) => request(app, { ...options, as: { token: org.admin.token } });
  async function add(name: string, email: string) {
    const res = await call({ method: 'POST', url: '/api/v1/people', body: { name, email } });
    expect(res.statusCode).toBe(201);
  }
  async function page(query: string): Promise<Page> {
    const res = await call({ method: 'GET', url: `/api/v1/people${query}` });
    expect(res.statusCode, res.body).toBe(200);
    return res.json();
  }
  async function everyPage(limit: number, extra = ''): Promise<{ pages: Page[]; people: Person[] }> {
    const pages: Page[] = [];
    let cursor: string | null = null;
    do {
      const next = await page(
        `?limit=${limit}${extra}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
      );
      pages.push(next);
      cursor = next.nextCursor;
    } while (cursor && pages.length < 50);
    return { pages, people: pages.flatMap((p) => p.people) };
  }

  it('gives one page by default with everyone there is, and no next cursor', async () => {
    const first = await page('');
    expect(first.people).toHaveLength(15);
    expect(first.nextCursor).toBeNull();
  });

  it('pages in name then id order, everyone exactly once, with ties split across pages', async () => {
    const all = (await page('')).people;
    const expected = [...all].sort((a, b) =>
      a.name === b.name ? (a.id < b.id ? -1 : 1) : a.name < b.name ? -1 : 1,
    );
    expect(all.map((p) => p.id)).toEqual(expected.map((p) => p.id));
    for (const limit of [1, 2, 3, 4]) {
      const { pages, people } = await everyPage(limit);
      expect(people.map((p) => p.id)).toEqual(all.map((p) => p.id));
      expect(pages.at(-1)?.nextCursor).toBeNull();
      for (const p of pages.slice(0, -1)) expect(p.people).toHaveLength(limit);
    }
    // Each person keeps their teams on a page, as on the whole list.
    const { people } = await everyPage(2);
    expect(people.find((p) => p.id === org.plainPersonId)?.teamIds).toEqual([org.teamId]);
  });

  it('finds people by part of their name or email, case aside, and pages the matches', async () => {
    const found = await page('?q=SAME');
    expect(found.people.map((p) => p.email).sort()).toEqual([
      'same0@pages.example',
      'same1@pages.example',
      'same2@pages.example',
      'same3@pages.example',
    ]);
    expect((await page('?q=zed3%40pages')).people.map((p) => p.name)).toEqual(['Zed 3']);
    // A wildcard character is a character, not a wildcard.
    expect((await page('?q=%25')).people).toEqual([]);
    expect((await page('?q=_')).people).toEqual([]);
    const { people } = await everyPage(3, '&q=zed');
    expect(people.map((p) => p.name)).toEqual(['Zed 0', 'Zed 1', 'Zed 2', 'Zed 3', 'Zed 4', 'Zed 5']);
  });

  it('refuses a cursor it did not give out, and a limit out of range, with a clear 400', async () => {
    const good = (await page('?limit=2')).nextCursor;
    expect(good).toBeTypeOf('string');
    for (const cursor of ['nonsense', 'eyJ4IjoxfQ', `${good}x`, 'W10', '%00']) {
      const res = await call({ method: 'GET', url: `/api/v1/people?cursor=${cursor}` });
      expect(res.statusCode, cursor).toBe(400);
      expect(res.json().code).toBe('invalid_input');
      expect(res.json().errors[0].path).toBe('cursor');
      // A NUL is refused by the schema, with its own words; anything else that is not a cursor with these.
      if (cursor !== '%00') expect(res.json().detail).toMatch(/not one this list gave out/);
    }
    for (const limit of ['0', '201', 'ten', '1.5']) {
      const res = await call({ method: 'GET', url: `/api/v1/people?limit=${limit}` });
      expect(res.statusCode, limit).toBe(400);
    }
  });
});
