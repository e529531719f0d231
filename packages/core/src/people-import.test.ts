import { describe, expect, it } from 'vitest';
import { IMPORT_MAX_ROWS, parsePeopleCsv } from './people-import.js';

describe('parsePeopleCsv', () => {
  it('reads rows, trims fields and lower-cases emails', () => {
    const result = parsePeopleCsv(
      'name,email,team\n  Ann Lee , Ann@Example.ORG ,Platform\nBo Diaz,bo@example.org,\n',
    );
    expect(result.errors).toEqual([]);
    expect(result.rows).toEqual([
      { line: 2, name: 'Ann Lee', email: 'ann@example.org', team: 'Platform' },
      { line: 3, name: 'Bo Diaz', email: 'bo@example.org', team: '' },
    ]);
  });

  it('accepts the columns in any order and case, and no team column at all', () => {
    expect(parsePeopleCsv('Email,TEAM,Name\na@example.org,T,A').rows).toEqual([
      { line: 2, name: 'A', email: 'a@example.org', team: 'T' },
    ]);
    expect(parsePeopleCsv('name,email\nA,a@example.org').rows[0]?.team).toBe('');
  });

  it('reports every bad row with its line and all its problems', () => {
    const result = parsePeopleCsv(
      [
        'name,email,team',
        'Good,good@example.org,T',
        ',not-an-email,T',
        'Dup,GOOD@example.org,T',
        'Short,row',
      ].join('\n'),
    );
    expect(result.errors).toEqual([
      { line: 3, messages: ['The name is empty.', '"not-an-email" is not an email address.'] },
      { line: 4, messages: ['good@example.org already appears on line 2.'] },
      { line: 5, messages: ['Expected 3 fields but found 2; check for a missing or extra comma.'] },
    ]);
    expect(result.rows.map((r) => r.line)).toEqual([2]);
  });

  it('explains header problems', () => {
    expect(parsePeopleCsv('').errors[0]?.messages[0]).toMatch(/empty/);
    expect(parsePeopleCsv('name,team\nA,T').errors[0]?.messages[0]).toMatch(/missing column: email/);
    expect(parsePeopleCsv('name,email,phone\nA,a@example.org,1').errors[0]?.messages[0]).toMatch(
      /unknown column: phone/,
    );
    expect(parsePeopleCsv('name,email,team\n').errors[0]?.messages[0]).toMatch(/no people/);
  });

  it('rejects over-long names and too many rows', () => {
    expect(parsePeopleCsv(`name,email\n${'x'.repeat(121)},a@example.org`).errors[0]?.messages[0]).toMatch(
      /longer than 120/,
    );
    const many = `name,email\n${Array.from({ length: IMPORT_MAX_ROWS + 1 }, (_, i) => `P${i},p${i}@example.org`).join('\n')}`;
    expect(parsePeopleCsv(many).errors[0]?.messages[0]).toMatch(/at most 5000/);
  });

  it('passes a CSV syntax error through with its line', () => {
    expect(parsePeopleCsv('name,email\n"A,a@example.org').errors).toEqual([
      { line: 2, messages: ['A quoted field is never closed; add the missing closing quote.'] },
    ]);
  });

  it('refuses control characters and direction overrides in names, emails and teams, naming the line', () => {
    const result = parsePeopleCsv(
      'name,email,team\nAnn\u0000 Lee,ann@example.org,T\nBo,b\u0000o@example.org,T\nCy,cy@example.org,Te\u202eam\n"Di\nLine",di@example.org,T\nEd\u0007,ed@example.org,T',
    );
    expect(result.rows).toEqual([]);
    expect(result.errors).toEqual([
      { line: 2, messages: [expect.stringMatching(/^The name must not contain a NUL character/)] },
      { line: 3, messages: [expect.stringMatching(/^The email must not contain a NUL character/)] },
      {
        line: 4,
        messages: [expect.stringMatching(/^The team name must not contain the invisible direction-changing/)],
      },
      { line: 5, messages: ['The name must be a single line; remove the line break (character 3).'] },
      {
        line: 7,
        messages: [
          expect.stringMatching(/^The name must not contain the invisible control character U\+0007/),
        ],
      },
    ]);
  });

  it('refuses a file that was not saved as UTF-8, saying how to save it', () => {
    // A Windows-1252 file read as UTF-8 (as a browser reads it): é became the replacement character.
    const latin1 = parsePeopleCsv(
      'name,email,team\nAda,ada@example.org,Ops\nJos\ufffd Ruiz,jose@example.org,Ops\n',
    );
    expect(latin1.rows).toEqual([]);
    expect(latin1.errors).toEqual([
      {
        line: 3,
        messages: [
          'The file is not saved as UTF-8: line 3 has a character that could not be read (“Jos� Ruiz,jose@examp…”). Save it as UTF-8 (in Excel: Save As › CSV UTF-8; in LibreOffice: character set Unicode (UTF-8)) and import it again.',
        ],
      },
    ]);
    // UTF-8 read as Windows-1252 and saved again: é became Ã©.
    const twice = parsePeopleCsv('name,email\nJosÃ© Ruiz,jose@example.org\n');
    expect(twice.errors[0]?.line).toBe(2);
    expect(twice.errors[0]?.messages[0]).toMatch(
      /^The file looks converted twice: line 2 has “Ã©”.*Save it as UTF-8/,
    );
    // Real accented names, in any script, are fine.
    expect(
      parsePeopleCsv('name,email\nJosé Ãlvarez,jose@example.org\nSÃO PAULO,sp@example.org\n').errors,
    ).toEqual([]);
  });
});
