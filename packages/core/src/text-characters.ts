/**
 * Which characters text typed into Kintsugi may hold. Every text field of the API (through the string schemas of
 * `schemas/common.ts`) and the people CSV import check here, so a NUL byte, which PostgreSQL cannot store, or an
 * invisible control character never reaches the database, a calendar feed or an email.
 *
 * - `line` — a name, a title, a label, an email: one line; no control characters at all (tabs and line breaks
 *   included), and no bidirectional overrides or isolates (U+202A–U+202E, U+2066–U+2069), which make a name
 *   display differently from what it says.
 * - `lines` — a description, an answer, a message: tabs and line breaks (LF or CRLF) allowed; any other control
 *   character refused, a carriage return not followed by a line feed included (calendar feeds and emails would
 *   read it as a line break of their own).
 * - `secret` — a password: every character counts, so nothing is trimmed, but no control character is allowed.
 *
 * Control characters are C0 (U+0000–U+001F), DEL (U+007F) and C1 (U+0080–U+009F).
 */
export type TextKind = 'line' | 'lines' | 'secret';

const TAB = 0x09;
const LF = 0x0a;
const CR = 0x0d;

const hex = (code: number) => `U+${code.toString(16).toUpperCase().padStart(4, '0')}`;

const isControl = (code: number) => code < 0x20 || (code >= 0x7f && code <= 0x9f);

/** Unicode's explicit embeddings, overrides (U+202A–U+202E) and isolates (U+2066–U+2069). */
export const isBidiControl = (code: number) =>
  (code >= 0x202a && code <= 0x202e) || (code >= 0x2066 && code <= 0x2069);

/**
 * What is wrong with the characters of `text` for a field of this kind, in the words of a form (to follow the
 * field's name), or null when nothing is.
 */
export function textCharacterProblem(text: string, kind: TextKind): string | null {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    // Printable ASCII, nearly all of most text, is always fine.
    if (code >= 0x20 && code < 0x7f) continue;
    const at = `character ${i + 1}`;
    if (code === 0) {
      return `Must not contain a NUL character (U+0000, ${at}), which is often left by copying from another program; remove it.`;
    }
    if (kind === 'lines' && (code === TAB || code === LF)) continue;
    if (kind === 'lines' && code === CR) {
      if (text.charCodeAt(i + 1) === LF) continue;
      return `Must not contain a carriage return (U+000D, ${at}) without a line feed after it; use ordinary line breaks.`;
    }
    if (code === LF || code === CR) return `Must be a single line; remove the line break (${at}).`;
    if (code === TAB) return `Must not contain a tab (${at}); use a space instead.`;
    if (isControl(code)) {
      return `Must not contain the invisible control character ${hex(code)} (${at}); remove it.`;
    }
    if (kind === 'line' && isBidiControl(code)) {
      return `Must not contain the invisible direction-changing character ${hex(code)} (${at}), which makes text display differently from what it says; remove it.`;
    }
  }
  return null;
}
