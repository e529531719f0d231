import { describe, expect, it } from 'vitest';
import { coachAnalyzeInputSchema } from './coach.js';
import { occurrenceInputSchema } from './commitments.js';
import { organizationUpdateInputSchema } from './organization.js';
import { personCreateInputSchema, personUpdateInputSchema } from './people.js';
import { repairCreateInputSchema, repairUpdateInputSchema, roundUpdateInputSchema } from './repairs.js';
import { setupInputSchema } from './session.js';
import { teamCreateInputSchema } from './teams.js';

describe('API input schemas', () => {
  it('normalises emails and defaults the role of a new person to member', () => {
    expect(personCreateInputSchema.parse({ name: ' Ann ', email: ' Ann@Example.org ' })).toEqual({
      name: 'Ann',
      email: 'ann@example.org',
      role: 'member',
    });
  });

  it('rejects unknown fields, so a typo is an error rather than silently ignored', () => {
    const result = personCreateInputSchema.safeParse({ name: 'A', email: 'a@example.org', rol: 'admin' });
    expect(result.success).toBe(false);
  });

  it('requires strong-enough passwords and real emails at set-up', () => {
    const base = { organizationName: 'Org', name: 'A', email: 'a@example.org', password: 'long enough' };
    expect(setupInputSchema.safeParse(base).success).toBe(true);
    expect(setupInputSchema.safeParse({ ...base, password: 'short' }).success).toBe(false);
    expect(setupInputSchema.safeParse({ ...base, password: '            ' }).success).toBe(false);
    expect(setupInputSchema.safeParse({ ...base, email: 'a@b' }).success).toBe(false);
    expect(setupInputSchema.safeParse({ ...base, name: '   ' }).success).toBe(false);
  });

  it('refuses empty updates', () => {
    expect(personUpdateInputSchema.safeParse({}).success).toBe(false);
    expect(organizationUpdateInputSchema.safeParse({}).success).toBe(false);
  });

  it('accepts only real IANA time zones', () => {
    expect(organizationUpdateInputSchema.safeParse({ timeZone: 'Europe/Berlin' }).success).toBe(true);
    expect(organizationUpdateInputSchema.safeParse({ timeZone: 'Mars/Olympus' }).success).toBe(false);
  });

  it('requires ids to be UUIDs', () => {
    expect(teamCreateInputSchema.safeParse({ name: 'T', memberIds: ['1'] }).success).toBe(false);
    expect(
      teamCreateInputSchema.safeParse({
        name: 'T',
        leaderId: null,
        memberIds: ['5b8c1f9e-2a4d-4c3b-9f1e-7d6a5b4c3d2e'],
      }).success,
    ).toBe(true);
  });

  it('takes only http and https links for an occurrence', () => {
    const record = (link: string) => occurrenceInputSchema.safeParse({ status: 'kept', note: 'Done.', link });
    for (const link of [
      'https://example.org/notes',
      'http://intranet.example/x?y=1#z',
      'HTTPS://EXAMPLE.ORG/',
    ])
      expect(record(link).success, link).toBe(true);
    for (const link of [
      'javascript:alert(document.cookie)',
      'JavaScript:alert(1)',
      'data:text/html,<script>alert(1)</script>',
      'vbscript:msgbox(1)',
      'file:///etc/passwd',
      'ftp://example.org/x',
      'mailto:a@example.org',
      '//example.org/x',
    ]) {
      const result = record(link);
      expect(result.success, link).toBe(false);
      expect(result.error?.issues[0]?.message).toBe(
        'Must be a web address starting with https:// or http://.',
      );
    }
  });

  it('refuses two questions with the same id, naming the second', () => {
    const result = roundUpdateInputSchema.safeParse({
      questions: [
        { id: 'impact', text: 'How did this impact you?' },
        { text: 'Anything else?' },
        { id: 'impact', text: 'How did it affect you?' },
      ],
      closesOn: '2099-01-01',
    });
    expect(result.success).toBe(false);
    expect(result.error?.issues).toEqual([
      expect.objectContaining({
        path: ['questions', 2, 'id'],
        message:
          'Question 3 has the same id as question 1 ("impact"); give each question its own id, or leave it out.',
      }),
    ]);
  });

  it('refuses a kind of breach named twice', () => {
    const base = { teamId: '5b8c1f9e-2a4d-4c3b-9f1e-7d6a5b4c3d2e', title: 'T', description: 'D' };
    for (const result of [
      repairCreateInputSchema.safeParse({ ...base, breachKinds: ['voice', 'care', 'voice'] }),
      repairUpdateInputSchema.safeParse({ breachKinds: ['care', 'care'] }),
      coachAnalyzeInputSchema.safeParse({ text: 'x', breachKinds: ['voice', 'voice'] }),
    ]) {
      expect(result.success).toBe(false);
      expect(result.error?.issues[0]?.message).toBe('Choose each kind of breach once.');
    }
    expect(repairCreateInputSchema.safeParse({ ...base, breachKinds: ['voice', 'care'] }).success).toBe(true);
  });
});
