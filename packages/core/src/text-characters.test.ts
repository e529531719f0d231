import { describe, expect, it } from 'vitest';
import { isBidiControl, textCharacterProblem } from './text-characters.js';

describe('text characters', () => {
  it('accepts ordinary text of every script, emoji included', () => {
    for (const text of ['José Müller', '山田 太郎', 'عائشة', 'Zoë 👩🏽‍💻', 'O’Brien-Smith, Jr.', '']) {
      expect(textCharacterProblem(text, 'line'), text).toBeNull();
      expect(textCharacterProblem(text, 'lines'), text).toBeNull();
      expect(textCharacterProblem(text, 'secret'), text).toBeNull();
    }
  });

  it('refuses a NUL in every kind of field, naming where it is', () => {
    for (const kind of ['line', 'lines', 'secret'] as const) {
      expect(textCharacterProblem('ab\u0000c', kind)).toMatch(/NUL character \(U\+0000, character 3\)/);
    }
  });

  it('keeps tabs and line breaks (LF or CRLF) in multi-line text only', () => {
    for (const text of ['one\ntwo', 'one\r\ntwo', 'a\tb', 'a\n\n\tb\r\n']) {
      expect(textCharacterProblem(text, 'lines'), JSON.stringify(text)).toBeNull();
      expect(textCharacterProblem(text, 'line'), JSON.stringify(text)).not.toBeNull();
      expect(textCharacterProblem(text, 'secret'), JSON.stringify(text)).not.toBeNull();
    }
    expect(textCharacterProblem('one\ntwo', 'line')).toMatch(
      /single line; remove the line break \(character 4\)/,
    );
    expect(textCharacterProblem('a\tb', 'line')).toMatch(/tab \(character 2\)/);
  });

  it('refuses a carriage return without a line feed after it, which calendars and mail read as a line break', () => {
    expect(textCharacterProblem('one\rSUMMARY:two', 'lines')).toMatch(
      /carriage return \(U\+000D, character 4\)/,
    );
    expect(textCharacterProblem('one\r', 'lines')).not.toBeNull();
    expect(textCharacterProblem('one\r\r\ntwo', 'lines')).not.toBeNull();
  });

  it('refuses the other C0 controls, DEL and the C1 controls everywhere', () => {
    const controls = [
      ...Array.from({ length: 32 }, (_, i) => i).filter((c) => ![0, 9, 10, 13].includes(c)),
      0x7f,
      ...Array.from({ length: 32 }, (_, i) => 0x80 + i),
    ];
    for (const code of controls) {
      const text = `a${String.fromCharCode(code)}b`;
      for (const kind of ['line', 'lines', 'secret'] as const) {
        expect(textCharacterProblem(text, kind), `${code} in ${kind}`).toMatch(/control character U\+00/);
      }
    }
    expect(textCharacterProblem('a\u001bb', 'lines')).toMatch(/U\+001B \(character 2\)/);
  });

  it('refuses direction overrides and isolates in one-line text (names), and only those', () => {
    const bidi = [0x202a, 0x202b, 0x202c, 0x202d, 0x202e, 0x2066, 0x2067, 0x2068, 0x2069];
    for (const code of bidi) {
      expect(isBidiControl(code)).toBe(true);
      const name = `Ann${String.fromCharCode(code)}eciL`;
      expect(textCharacterProblem(name, 'line')).toMatch(/direction-changing character U\+20/);
    }
    for (const code of [0x2029, 0x202f, 0x2065, 0x206a, 0x200f, 0x200e])
      expect(isBidiControl(code)).toBe(false);
    // The right-to-left and left-to-right marks are ordinary in mixed-script names.
    expect(textCharacterProblem('שלום\u200fJo', 'line')).toBeNull();
  });

  it('reads a 100,000-character text quickly', () => {
    const text = 'All fine here. '.repeat(7000);
    const started = performance.now();
    expect(textCharacterProblem(text, 'lines')).toBeNull();
    expect(performance.now() - started).toBeLessThan(50);
  });
});
