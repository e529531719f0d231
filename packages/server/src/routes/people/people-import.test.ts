import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOrganization, snapshot, type TestOrganization } from '../../test/factories.js';
import { createTestApp, request, type TestApp } from '../../test/test-app.js';
import { ENGINES } from '../../test/test-database.js';

const GOOD = [
  'name,email,team',
  'Ann New,ann@example.org,IMP TEAM',
  'Bob New,BOB@Example.org,Data',
  'Cy New,cy@example.org,data',
  'Renamed Member,member.imp@example.org,Data',
  'Dee New,dee@example.org,',
  '',
].join('\n');

describe.each(ENGINES)('people import (%s)', (engine) => {
  let app: TestApp;
  let org: TestOrganization;
  beforeAll(async () => {
    app = await createTestApp(engine);
    org = await createOrganization(app, 'Imp');
  });
  afterAll(async () => {
    await app.close();
  });

  const importCsv = (
    csv: string,
    { dryRun = false, contentType = 'text/csv', token = org.admin.token } = {},
  ) =>
    request(app, {
      method: 'POST',
      url: `/api/v1/people/import?dryRun=${dryRun}`,
      body: csv,
      headers: { 'content-type': contentType },
      as: { token },
    });
  const personByEmail = (email: string) =>
    app.deps.db
      .selectFrom('people')
      .selectAll()
      .where('organization_id', '=', org.id)
      .where('email', '=', email)
      .executeTakeFirst();
  const teamsOf = async (personId: string) =>
    (
      await app.deps.db
        .selectFrom('team_members as m')
        .innerJoin('teams as t', 't.id', 'm.team_id')
        .select('t.name')
        .where('m.person_id', '=', personId)
        .orderBy('t.name')
        .execute()
    ).map((t) => t.name);

  const expectedReport = {
    created: 4,
    alreadyPresent: 1,
    teamsCreated: ['Data'],
    membershipsAdded: 4,
  };

  it('reports on a dry run exactly what an import would do, changing nothing', async () => {
    const before = await snapshot(app);
    const res = await importCsv(GOOD, { dryRun: true });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ dryRun: true, ...expectedReport });
    expect(await snapshot(app)).toEqual(before);
    expect(await personByEmail('ann@example.org')).toBeUndefined();
  });

  it('imports people, creates missing teams, matches existing ones in any case, and adds memberships', async () => {
    const before = await snapshot(app);
    const res = await importCsv(GOOD);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ dryRun: false, ...expectedReport });
    const after = await snapshot(app);
    expect(after.people).toBe((before.people ?? 0) + 4);
    expect(after.teams).toBe((before.teams ?? 0) + 1);
    expect(after.team_members).toBe((before.team_members ?? 0) + 4);
    expect(after.users).toBe(before.users);

    const ann = await personByEmail('ann@example.org');
    expect(ann).toMatchObject({ name: 'Ann New', role: 'member', user_id: null });
    expect(await teamsOf(ann?.id ?? '')).toEqual(['Imp Team']);
    const bob = await personByEmail('bob@example.org');
    expect(bob?.name).toBe('Bob New');
    expect(await teamsOf(bob?.id ?? '')).toEqual(['Data']);
    const dee = await personByEmail('dee@example.org');
    expect(await teamsOf(dee?.id ?? '')).toEqual([]);
    // Someone already present keeps their name and role, and joins the team.
    const member = await personByEmail('member.imp@example.org');
    expect(member).toMatchObject({ name: 'Test member.imp', role: 'member' });
    expect(await teamsOf(member?.id ?? '')).toEqual(['Data', 'Imp Team']);
    const data = await app.deps.db.selectFrom('teams').selectAll().where('name_key', '=', 'data').execute();
    expect(data).toHaveLength(1);
    expect(data[0]).toMatchObject({ name: 'Data', organization_id: org.id, leader_id: null });
  });

  it('changes nothing when the same file is imported again', async () => {
    const before = await snapshot(app);
    const res = await importCsv(GOOD);
    expect(res.json()).toEqual({
      dryRun: false,
      created: 0,
      alreadyPresent: 5,
      teamsCreated: [],
      membershipsAdded: 0,
    });
    expect(await snapshot(app)).toEqual(before);
  });

  it('reads a BOM, CRLF line ends, quoted fields with commas and quotes, and columns in any order', async () => {
    const csv = '\uFEFFEmail,TEAM,Name\r\n"quinn@example.org","Sales, EMEA","Quinn, ""Q"" Quartz"\r\n';
    const res = await importCsv(csv, { contentType: 'text/csv; charset=utf-8' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ created: 1, teamsCreated: ['Sales, EMEA'], membershipsAdded: 1 });
    const quinn = await personByEmail('quinn@example.org');
    expect(quinn?.name).toBe('Quinn, "Q" Quartz');
    expect(await teamsOf(quinn?.id ?? '')).toEqual(['Sales, EMEA']);
  });

  it('accepts a file without a team column', async () => {
    const res = await importCsv('name,email\nRae,rae@example.org\n');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ created: 1, teamsCreated: [], membershipsAdded: 0 });
  });

  describe('a file with a bad row imports nothing', () => {
    const header = 'name,email,team';
    it.each([
      [
        'a bad email',
        [header, 'Good One,good1@example.org,T1', 'Bad,not-an-email,T1'],
        [{ line: 3, match: /not an email/ }],
      ],
      [
        'a missing name',
        [header, ',noname@example.org,T1', 'Good One,good1@example.org,T1'],
        [{ line: 2, match: /name is empty/ }],
      ],
      [
        'an email twice in the file',
        [
          header,
          'Good One,good1@example.org,T1',
          'Good Two,good2@example.org,T1',
          'Again,GOOD1@example.org,T1',
        ],
        [{ line: 4, match: /already appears on line 2/ }],
      ],
      [
        'a wrong field count',
        [header, 'Good One,good1@example.org,T1', 'Short,short@example.org'],
        [{ line: 3, match: /Expected 3 fields but found 2/ }],
      ],
      [
        'several bad rows',
        [header, 'Bad Email,nope,T1', 'Good One,good1@example.org,T1', '', 'Too,many,fields,here'],
        [
          { line: 2, match: /not an email/ },
          { line: 5, match: /Expected 3 fields/ },
        ],
      ],
      [
        'a bad row after a quoted line break (a name is one line)',
        [header, '"Multi\nLine",multi@example.org,T1', 'Bad,bad@,T1'],
        [
          { line: 2, match: /single line/ },
          { line: 4, match: /not an email/ },
        ],
      ],
    ])('%s', async (_label, lines, expected) => {
      const before = await snapshot(app);
      for (const dryRun of [true, false]) {
        const res = await importCsv(`${lines.join('\n')}\n`, { dryRun });
        expect(res.statusCode).toBe(422);
        const problem = res.json();
        expect(problem.code).toBe('import_invalid');
        expect(problem.detail).toMatch(/Nothing was imported/);
        expect(problem.rows.map((r: { line: number }) => r.line)).toEqual(expected.map((e) => e.line));
        expected.forEach((e, i) => {
          expect(problem.rows[i].messages.join(' ')).toMatch(e.match);
        });
      }
      expect(await snapshot(app)).toEqual(before);
      expect(await personByEmail('good1@example.org')).toBeUndefined();
    });
  });

  it.each([
    ['a missing email column', 'name,team\nAl,T1\n', /missing column: email/],
    ['an unknown column', 'name,email,phone\nAl,al@example.org,123\n', /unknown column: phone/],
    ['an empty file', '', /file is empty/],
    ['a header without rows', 'name,email,team\n', /no people/],
    ['an unclosed quote', 'name,email\n"Al,al@example.org\n', /never closed/],
  ])('rejects %s with 422 on line 1 or where the problem is', async (_label, csv, detail) => {
    const before = await snapshot(app);
    const res = await importCsv(csv);
    expect(res.statusCode).toBe(422);
    expect(res.json().code).toBe('import_invalid');
    expect(res.json().rows).toHaveLength(1);
    expect(res.json().rows[0].messages.join(' ')).toMatch(detail);
    expect(await snapshot(app)).toEqual(before);
  });

  it('refuses a Latin-1 file instead of importing "Jos�", and says to save it as UTF-8', async () => {
    const before = await snapshot(app);
    const latin1 = Buffer.from('name,email,team\nJosé Ruiz,jose.latin@example.org,Ops\n', 'latin1');
    for (const dryRun of [true, false]) {
      const res = await app.app.inject({
        method: 'POST',
        url: `/api/v1/people/import?dryRun=${dryRun}`,
        headers: { 'content-type': 'text/csv', authorization: `Bearer ${org.admin.token}` },
        payload: latin1,
      });
      expect(res.statusCode, res.body).toBe(422);
      expect(res.json().code).toBe('import_invalid');
      expect(res.json().rows).toEqual([
        { line: 2, messages: [expect.stringMatching(/not saved as UTF-8.*Save it as UTF-8/)] },
      ]);
    }
    // What a browser sends for the same file: it read the file as UTF-8 and put in the replacement character.
    const fromBrowser = await importCsv('name,email,team\nJos\ufffd Ruiz,jose.latin@example.org,Ops\n');
    expect(fromBrowser.statusCode).toBe(422);
    expect(await snapshot(app)).toEqual(before);
    expect(await personByEmail('jose.latin@example.org')).toBeUndefined();
  });

  it('refuses JSON instead of CSV with 415 and a detail that says to send text/csv', async () => {
    const before = await snapshot(app);
    const res = await request(app, {
      method: 'POST',
      url: '/api/v1/people/import',
      body: { csv: 'name,email\nAl,al@example.org' },
      as: { token: org.admin.token },
    });
    expect(res.statusCode).toBeGreaterThanOrEqual(400);
    expect(res.statusCode).toBeLessThan(500);
    expect([400, 415]).toContain(res.statusCode);
    expect(res.json().detail).toMatch(/text\/csv/);
    expect(await snapshot(app)).toEqual(before);
  });

  it('refuses a body over 2 MiB with 413', async () => {
    const before = await snapshot(app);
    const row = 'Some Person,some.person@example.org,Some Team\n';
    const csv = `name,email,team\n${row.repeat(Math.ceil((2 * 1024 * 1024) / row.length) + 10)}`;
    const res = await importCsv(csv);
    expect(res.statusCode).toBe(413);
    expect(res.json().code).toBe('payload_too_large');
    expect(await snapshot(app)).toEqual(before);
  });

  it('rejects an unknown dryRun value with 400', async () => {
    const res = await request(app, {
      method: 'POST',
      url: '/api/v1/people/import?dryRun=maybe',
      body: GOOD,
      headers: { 'content-type': 'text/csv' },
      as: { token: org.admin.token },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().code).toBe('invalid_input');
  });
});
