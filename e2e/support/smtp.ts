import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

// A real SMTP server inside the test process: the built Kintsugi server sends its mail here over the wire, as it
// would to a mail relay, and tests read it back. mailparser is not installed, so messages are parsed minimally:
// nodemailer sends a `text`-only email as one text/plain part in 7bit, quoted-printable or base64.

export interface ReceivedMail {
  /** Envelope recipients (RCPT TO), which is where the mail really goes. */
  to: string[];
  /** The To header, as written. */
  toHeader: string;
  subject: string;
  /** The decoded text body, with CRLF turned into LF. */
  text: string;
  /** Headers with lower-cased names, unfolded and decoded (RFC 2047). */
  headers: ReadonlyMap<string, string>;
  raw: string;
  receivedAt: Date;
}

export interface WaitOptions {
  /** Fails after this long; 10 s unless told. */
  timeoutMs?: number;
  /** Names what was awaited, in the failure message. */
  description?: string;
}

export interface MailCatcher {
  /** For SMTP_URL: plain SMTP on 127.0.0.1, no STARTTLS (the client must not insist on TLS). */
  url: string;
  /** Every message so far, oldest first. */
  readonly messages: readonly ReceivedMail[];
  /** The messages so far that match. */
  matching(predicate: (mail: ReceivedMail) => boolean): ReceivedMail[];
  /** Resolves with the first message (received before or after the call) that matches, or fails after a timeout. */
  waitFor(predicate: (mail: ReceivedMail) => boolean, options?: WaitOptions): Promise<ReceivedMail>;
  /** Resolves once `count` messages match; fails after a timeout with what did arrive. */
  waitForCount(
    predicate: (mail: ReceivedMail) => boolean,
    count: number,
    options?: WaitOptions,
  ): Promise<ReceivedMail[]>;
  close(): Promise<void>;
}

/** "=?UTF-8?Q?caf=C3=A9?=" → "café"; whitespace between adjacent encoded words is dropped (RFC 2047 §6.2). */
export function decodeWords(value: string): string {
  return value
    .replace(/(\?=)\s+(=\?)/g, '$1$2')
    .replace(/=\?([^?]+)\?([QqBb])\?([^?]*)\?=/g, (_, _charset: string, encoding: string, text: string) =>
      encoding.toUpperCase() === 'B'
        ? Buffer.from(text, 'base64').toString('utf8')
        : decodeQuotedPrintable(text.replace(/_/g, ' ')),
    );
}

/** Quoted-printable (RFC 2045 §6.7): soft line breaks ("=" at a line's end) join lines; =XX are UTF-8 bytes. */
export function decodeQuotedPrintable(text: string): string {
  const joined = text.replace(/=\r?\n/g, '');
  const parts: Buffer[] = [];
  let last = 0;
  for (const match of joined.matchAll(/=([0-9A-Fa-f]{2})/g)) {
    parts.push(
      Buffer.from(joined.slice(last, match.index), 'utf8'),
      Buffer.from([Number.parseInt(match[1] ?? '', 16)]),
    );
    last = match.index + match[0].length;
  }
  parts.push(Buffer.from(joined.slice(last), 'utf8'));
  return Buffer.concat(parts).toString('utf8');
}

/** Splits an RFC 822 message into unfolded, decoded headers and the decoded text body. */
export function parseMail(raw: string): { headers: Map<string, string>; text: string } {
  const split = raw.search(/\r?\n\r?\n/);
  const head = split === -1 ? raw : raw.slice(0, split);
  const body = split === -1 ? '' : raw.slice(split).replace(/^\r?\n\r?\n/, '');
  const headers = new Map<string, string>();
  // A line starting with white space continues the previous header (folding, RFC 5322 §2.2.3).
  for (const line of head.replace(/\r?\n(?=[ \t])/g, '').split(/\r?\n/)) {
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    headers.set(line.slice(0, colon).trim().toLowerCase(), decodeWords(line.slice(colon + 1).trim()));
  }
  const type = headers.get('content-type') ?? 'text/plain';
  if (/^multipart\//i.test(type))
    throw new Error(`Expected a single text part, got ${type}: extend parseMail if the mailer changed.`);
  const encoding = (headers.get('content-transfer-encoding') ?? '7bit').toLowerCase();
  const text =
    encoding === 'base64'
      ? Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8')
      : encoding === 'quoted-printable'
        ? decodeQuotedPrintable(body)
        : body;
  return { headers, text: text.replace(/\r\n/g, '\n').replace(/\n$/, '') };
}

function summary(mail: ReceivedMail): string {
  return `  - to ${mail.to.join(', ')}: "${mail.subject}"`;
}

/** Starts the SMTP server on a free port of 127.0.0.1; it accepts mail for anyone, without authentication. */
export async function startMailCatcher(): Promise<MailCatcher> {
  const messages: ReceivedMail[] = [];
  const listeners = new Set<() => void>();
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        const raw = Buffer.concat(chunks).toString('utf8');
        try {
          const { headers, text } = parseMail(raw);
          messages.push({
            to: session.envelope.rcptTo.map((r) => r.address),
            toHeader: headers.get('to') ?? '',
            subject: headers.get('subject') ?? '',
            text,
            headers,
            raw,
            receivedAt: new Date(),
          });
          for (const listener of listeners) listener();
          callback();
        } catch (error) {
          callback(error instanceof Error ? error : new Error(String(error)));
        }
      });
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.server.address() as AddressInfo;

  const waitForCount = (
    predicate: (mail: ReceivedMail) => boolean,
    count: number,
    { timeoutMs = 10_000, description = 'a matching email' }: WaitOptions = {},
  ): Promise<ReceivedMail[]> =>
    new Promise((resolve, reject) => {
      const check = () => {
        const found = messages.filter(predicate);
        if (found.length < count) return false;
        resolve(found);
        return true;
      };
      if (check()) return;
      const listener = () => {
        if (!check()) return;
        listeners.delete(listener);
        clearTimeout(timer);
      };
      const timer = setTimeout(() => {
        listeners.delete(listener);
        const seen = messages.map(summary).join('\n') || '  (none)';
        reject(
          new Error(
            `Timed out after ${timeoutMs} ms waiting for ${count} × ${description}; ` +
              `${messages.filter(predicate).length} matched. Received:\n${seen}`,
          ),
        );
      }, timeoutMs);
      listeners.add(listener);
    });

  return {
    // nodemailer reads ignoreTLS from the URL: the server offers no STARTTLS, and the client must not require it.
    url: `smtp://127.0.0.1:${port}?ignoreTLS=true`,
    messages,
    matching: (predicate) => messages.filter(predicate),
    waitForCount,
    waitFor: async (predicate, options) => {
      const [first] = await waitForCount(predicate, 1, options);
      if (!first) throw new Error('unreachable: waitForCount resolved with no message');
      return first;
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
