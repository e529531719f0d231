import { describe, expect, it } from 'vitest';
import { organizationUpdateInputSchema } from './organization.js';
import { personCreateInputSchema, personUpdateInputSchema } from './people.js';
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
});
