import { parseCsv } from './csv.js';
import { isValidEmail, normalizeEmail } from './email.js';
import { textCharacterProblem } from './text-characters.js';

export const IMPORT_COLUMNS = ['name', 'email', 'team'] as const;
export const IMPORT_MAX_ROWS = 5000;
export const NAME_MAX_LENGTH = 120;

export interface ImportRow {
  line: number;
  name: string;
  email: string;
  /** Empty when the person belongs to no team yet. */
  team: string;
}

export interface ImportRowError {
  /** 1-based line in the file; 1 is the header. */
  line: number;
  messages: string[];
}

export interface ImportParseResult {
  rows: ImportRow[];
  errors: ImportRowError[];
}

const SAVE_AS_UTF8 =
  'Save it as UTF-8 (in Excel: Save As › CSV UTF-8; in LibreOffice: character set Unicode (UTF-8)) and import it again.';

/**
 * A file not saved as UTF-8 must not be imported with its letters lost. A Windows-1252 or Latin-1 file (what
 * spreadsheets often save as "CSV") read as UTF-8 — by the browser, or by the server from raw bytes — has its
 * accented letters replaced by U+FFFD ("Jos�"); a UTF-8 file once read as Windows-1252 and saved again has them
 * doubled up ("JosÃ©": Ã or Â followed by a character of U+00A0–U+00BF). Either is refused at its first line.
 */
function encodingProblem(text: string): ImportRowError | null {
  const lost = text.indexOf('\uFFFD');
  const doubled = lost === -1 ? /[ÂÃ][\u00A0-\u00BF]/.exec(text) : null;
  const at = lost !== -1 ? lost : (doubled?.index ?? -1);
  if (at === -1) return null;
  const line = text.slice(0, at).split('\n').length;
  if (doubled) {
    return {
      line,
      messages: [
        `The file looks converted twice: line ${line} has “${doubled[0]}” where a letter such as é should be (UTF-8 text read as Windows-1252 and saved again). ${SAVE_AS_UTF8}`,
      ],
    };
  }
  const start = text.lastIndexOf('\n', at) + 1;
  const end = text.indexOf('\n', at);
  const whole = text.slice(start, end === -1 ? undefined : end).replace(/\r$/, '');
  const excerpt = whole.length > 20 ? `${whole.slice(0, 20)}…` : whole;
  return {
    line,
    messages: [
      `The file is not saved as UTF-8: line ${line} has a character that could not be read (“${excerpt}”). ${SAVE_AS_UTF8}`,
    ],
  };
}

/**
 * Reads a people CSV with the header `name,email,team` (any order, any case) and checks every row.
 * Nothing is imported unless `errors` is empty: the caller must treat the file as all-or-nothing.
 */
export function parsePeopleCsv(text: string): ImportParseResult {
  const encoding = encodingProblem(text);
  if (encoding) return { rows: [], errors: [encoding] };
  const parsed = parseCsv(text);
  if (parsed.error) {
    return { rows: [], errors: [{ line: parsed.error.line, messages: [parsed.error.message] }] };
  }
  const [header, ...body] = parsed.records;
  if (!header) {
    return {
      rows: [],
      errors: [{ line: 1, messages: ['The file is empty. Start with the header line: name,email,team'] }],
    };
  }
  const columns = header.fields.map((f) => f.trim().toLowerCase());
  const index = Object.fromEntries(IMPORT_COLUMNS.map((c) => [c, columns.indexOf(c)])) as Record<
    (typeof IMPORT_COLUMNS)[number],
    number
  >;
  const missing = IMPORT_COLUMNS.filter((c) => c !== 'team' && index[c] === -1);
  const unknown = columns.filter((c) => !(IMPORT_COLUMNS as readonly string[]).includes(c));
  if (missing.length > 0 || unknown.length > 0) {
    const parts: string[] = [];
    if (missing.length > 0)
      parts.push(`missing column${missing.length > 1 ? 's' : ''}: ${missing.join(', ')}`);
    if (unknown.length > 0)
      parts.push(`unknown column${unknown.length > 1 ? 's' : ''}: ${unknown.join(', ')}`);
    return {
      rows: [],
      errors: [
        { line: header.line, messages: [`The header line has ${parts.join('; ')}. Use: name,email,team`] },
      ],
    };
  }
  if (body.length === 0) {
    return {
      rows: [],
      errors: [{ line: header.line, messages: ['The file has a header but no people under it.'] }],
    };
  }
  if (body.length > IMPORT_MAX_ROWS) {
    return {
      rows: [],
      errors: [
        {
          line: header.line,
          messages: [`The file has ${body.length} rows; import at most ${IMPORT_MAX_ROWS} at a time.`],
        },
      ],
    };
  }

  const rows: ImportRow[] = [];
  const errors: ImportRowError[] = [];
  const firstLineOfEmail = new Map<string, number>();
  for (const record of body) {
    const messages: string[] = [];
    if (record.fields.length !== columns.length) {
      messages.push(
        `Expected ${columns.length} fields but found ${record.fields.length}; check for a missing or extra comma.`,
      );
      errors.push({ line: record.line, messages });
      continue;
    }
    const get = (c: (typeof IMPORT_COLUMNS)[number]) =>
      index[c] === -1 ? '' : (record.fields[index[c]] ?? '').trim();
    const name = get('name');
    const email = normalizeEmail(get('email'));
    const team = get('team');
    for (const [field, value] of [
      ['name', name],
      ['email', email],
      ['team name', team],
    ] as const) {
      const problem = textCharacterProblem(value, 'line');
      if (problem) messages.push(`The ${field} ${problem.charAt(0).toLowerCase()}${problem.slice(1)}`);
    }
    if (messages.length > 0) {
      errors.push({ line: record.line, messages });
      continue;
    }
    if (name.length === 0) messages.push('The name is empty.');
    else if (name.length > NAME_MAX_LENGTH)
      messages.push(`The name is longer than ${NAME_MAX_LENGTH} characters.`);
    if (email.length === 0) messages.push('The email is empty.');
    else if (!isValidEmail(email)) messages.push(`"${email}" is not an email address.`);
    else {
      const earlier = firstLineOfEmail.get(email);
      if (earlier !== undefined) messages.push(`${email} already appears on line ${earlier}.`);
      else firstLineOfEmail.set(email, record.line);
    }
    if (team.length > NAME_MAX_LENGTH)
      messages.push(`The team name is longer than ${NAME_MAX_LENGTH} characters.`);
    if (messages.length > 0) errors.push({ line: record.line, messages });
    else rows.push({ line: record.line, name, email, team });
  }
  return { rows, errors };
}
