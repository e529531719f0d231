import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import * as core from '../index.js';
import { lineField, multiLineText, nameSchema, textField } from './common.js';

/**
 * Every text a client can send is checked for control characters. This walks every input schema core exports
 * (`…InputSchema`, `…QuerySchema`, and the schedule) down to each string it holds — object fields, array items,
 * union options, record keys and values — and proves each one refuses a NUL and a control character.
 */
type Def = {
  type: string;
  shape?: Record<string, z.ZodType>;
  element?: z.ZodType;
  innerType?: z.ZodType;
  in?: z.ZodType;
  out?: z.ZodType;
  options?: z.ZodType[];
  keyType?: z.ZodType;
  valueType?: z.ZodType;
  left?: z.ZodType;
  right?: z.ZodType;
  items?: z.ZodType[];
};
const defOf = (schema: z.ZodType) => (schema as unknown as { _zod: { def: Def } })._zod.def;

const WRAPPERS = new Set(['optional', 'nullable', 'default', 'prefault', 'readonly', 'nonoptional', 'catch']);
const LEAVES = new Set(['enum', 'literal', 'number', 'boolean', 'null', 'bigint', 'undefined']);

/** Every string schema inside `schema`, with the path that leads to it. */
function stringLeaves(schema: z.ZodType, path: string): { path: string; schema: z.ZodType }[] {
  const def = defOf(schema);
  if (def.type === 'string') return [{ path, schema }];
  if (LEAVES.has(def.type)) return [];
  if (WRAPPERS.has(def.type) && def.innerType) return stringLeaves(def.innerType, path);
  if (def.type === 'object' && def.shape)
    return Object.entries(def.shape).flatMap(([key, value]) => stringLeaves(value, `${path}.${key}`));
  if (def.type === 'array' && def.element) return stringLeaves(def.element, `${path}[]`);
  if (def.type === 'pipe' && def.in) return stringLeaves(def.in, path);
  if (def.type === 'union' && def.options)
    return def.options.flatMap((option, i) => stringLeaves(option, `${path}|${i}`));
  if (def.type === 'record' && def.keyType && def.valueType)
    return [...stringLeaves(def.keyType, `${path}{key}`), ...stringLeaves(def.valueType, `${path}{value}`)];
  if (def.type === 'intersection' && def.left && def.right)
    return [...stringLeaves(def.left, path), ...stringLeaves(def.right, path)];
  if (def.type === 'tuple' && def.items)
    return def.items.flatMap((item, i) => stringLeaves(item, `${path}[${i}]`));
  throw new Error(`${path}: the walk does not know zod type "${def.type}"; teach it`);
}

const inputSchemas = Object.entries(core).filter(
  (entry): entry is [string, z.ZodType] =>
    (/InputSchema$|QuerySchema$/.test(entry[0]) || entry[0] === 'scheduleSchema') &&
    typeof entry[1] === 'object' &&
    entry[1] !== null &&
    '_zod' in entry[1],
);
const leaves = inputSchemas.flatMap(([name, schema]) => stringLeaves(schema, name));

describe('every text field of the API', () => {
  it('finds the input schemas and their strings', () => {
    expect(inputSchemas.length).toBeGreaterThan(35);
    const paths = leaves.map((l) => l.path);
    for (const known of [
      'loginInputSchema.email',
      'loginInputSchema.password',
      'setupInputSchema.organizationName',
      'ballotAnswerInputSchema.answers[].text',
      'ballotAnswerInputSchema.answers[].questionId',
      'forecastInputSchema.forecast{key}',
      'forecastInputSchema.forecast{value}',
      'pulseAnswerInputSchema.comment',
      'commitmentInputSchema.schedule|2.description',
      'occurrenceInputSchema.link',
      'coachAnalyzeInputSchema.text',
    ]) {
      expect(paths).toContain(known);
    }
  });

  it.each(leaves.map((l) => [l.path, l.schema] as const))(
    '%s refuses a NUL and a control character',
    (_, schema) => {
      for (const bad of ['ab\u0000cd', '\u0000', 'ab\u0007cd', 'ab\u009bcd']) {
        expect(schema.safeParse(bad).success, JSON.stringify(bad)).toBe(false);
      }
    },
  );

  it('explains itself in the words of the form', () => {
    const issue = nameSchema.safeParse('Ann\u0000').error?.issues[0];
    expect(issue?.message).toBe(
      'Must not contain a NUL character (U+0000, character 4), which is often left by copying from another program; remove it.',
    );
  });

  it('keeps names on one line and free of direction overrides, trimming what is around them', () => {
    expect(nameSchema.parse('  Ann Lee \n')).toBe('Ann Lee');
    expect(nameSchema.safeParse('Ann\nLee').success).toBe(false);
    expect(nameSchema.safeParse('Ann\tLee').success).toBe(false);
    expect(nameSchema.safeParse('\u202eeciL nnA').success).toBe(false);
    expect(nameSchema.safeParse('Ann \u2066Lee\u2069').success).toBe(false);
    expect(lineField(120).safeParse('Zoë 山田').success).toBe(true);
  });

  it('keeps tabs and line breaks in multi-line text, and refuses a bare carriage return', () => {
    expect(textField(100).parse('One.\r\nTwo.\n\tThree.')).toBe('One.\r\nTwo.\n\tThree.');
    expect(multiLineText().safeParse('One.\rDTSTART:20990101').success).toBe(false);
    expect(
      core.commitmentInputSchema.safeParse({
        action: 'Ask first\rSUMMARY:forged',
        evidence: 'E',
        schedule: { kind: 'once', due: '2099-01-01' },
        startsOn: '2099-01-01',
      }).success,
    ).toBe(false);
    expect(
      core.scheduleSchema.safeParse({ kind: 'event', description: 'each\rRRULE:FREQ=SECONDLY' }).success,
    ).toBe(false);
  });

  it('refuses NUL in passwords without trimming them', () => {
    expect(core.passwordSchema.parse('  long enough  ')).toBe('  long enough  ');
    expect(core.passwordSchema.safeParse('long enough\u0000').success).toBe(false);
    expect(core.loginInputSchema.safeParse({ email: 'a@example.org', password: 'pw\u0000' }).success).toBe(
      false,
    );
    expect(core.emailSchema.safeParse('a\u0000b@example.org').success).toBe(false);
  });
});
