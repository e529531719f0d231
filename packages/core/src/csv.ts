export interface CsvParseResult {
  /** Each record with the 1-based line number it started on. */
  records: { line: number; fields: string[] }[];
  error: { line: number; message: string } | null;
}

/**
 * Parses RFC 4180 CSV: quoted fields may hold commas, quotes ("") and line breaks.
 * Accepts CRLF or LF line ends and an optional UTF-8 byte-order mark. Blank lines are skipped.
 */
export function parseCsv(input: string): CsvParseResult {
  const text = input.startsWith('\uFEFF') ? input.slice(1) : input;
  const records: CsvParseResult['records'] = [];
  let fields: string[] = [];
  let field = '';
  let inQuotes = false;
  let fieldWasQuoted = false;
  let line = 1;
  let recordLine = 1;

  const endRecord = () => {
    fields.push(field);
    const blank = fields.length === 1 && fields[0] === '' && !fieldWasQuoted;
    if (!blank) records.push({ line: recordLine, fields });
    fields = [];
    field = '';
    fieldWasQuoted = false;
  };

  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (inQuotes) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i++;
        } else {
          inQuotes = false;
        }
      } else {
        if (ch === '\n') line++;
        field += ch;
      }
      continue;
    }
    if (ch === '"') {
      if (field.length > 0) {
        return {
          records,
          error: {
            line,
            message:
              'A quote appears in the middle of a field; wrap the whole field in quotes and double any quote inside it.',
          },
        };
      }
      inQuotes = true;
      fieldWasQuoted = true;
    } else if (ch === ',') {
      fields.push(field);
      field = '';
      fieldWasQuoted = false;
    } else if (ch === '\r' && text[i + 1] === '\n') {
      // handled by the \n on the next step
    } else if (ch === '\n') {
      endRecord();
      line++;
      recordLine = line;
    } else {
      if (fieldWasQuoted) {
        return {
          records,
          error: { line, message: 'Text follows a closing quote; put the whole field inside the quotes.' },
        };
      }
      field += ch;
    }
  }
  if (inQuotes) {
    return {
      records,
      error: { line: recordLine, message: 'A quoted field is never closed; add the missing closing quote.' },
    };
  }
  if (field.length > 0 || fields.length > 0 || fieldWasQuoted) endRecord();
  return { records, error: null };
}

/** A number written plainly: a negative one starts with "-" but is no formula. */
const PLAIN_NUMBER = /^-?\d+(\.\d+)?$/;

/**
 * Writes records as RFC 4180 CSV with CRLF line ends. A cell that a spreadsheet would run as a formula
 * (starting with = + - @, a tab or a carriage return) is prefixed with an apostrophe, so exported text cannot
 * execute; only a plain number (-2, -3.5) keeps its leading minus, since "-1+HYPERLINK(…)" is a formula too.
 */
export function formatCsv(records: readonly (readonly string[])[]): string {
  const cell = (value: string) => {
    const safe = /^[=+\-@\t\r]/.test(value) && !PLAIN_NUMBER.test(value) ? `'${value}` : value;
    return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
  };
  return `${records.map((r) => r.map(cell).join(',')).join('\r\n')}\r\n`;
}
