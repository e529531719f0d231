/**
 * The logs an operator keeps: the server's own (pino) and PostgreSQL's. Either can date a person's action or name
 * them, even when the database does not.
 */
import { closeSync, existsSync, openSync, readFileSync, readlinkSync, readSync, statSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';
import pg from 'pg';
import type { Violation } from './adversary.js';
import type { LogLine } from './log-sink.js';

export interface Secrets {
  /** Link secrets, their hashes, tokens, token hashes, signatures: none may be logged anywhere. */
  never: string[];
  /** Person ids and emails: not logged while people act on ballots. */
  persons: string[];
}

const PUBLIC_URL =
  /^\/(?:answer|pulse|team)(?:[/?#]|$)|^\/api\/v1\/(?:ballot|pulse|witness|team-space)(?:[/?]|$)/;

/** Facts about the server's log lines, given the phases they were written in. */
export function checkServerLog(lines: LogLine[], secrets: Secrets): Violation[] {
  const out: Violation[] = [];
  for (const line of lines) {
    const secret = secrets.never.find((s) => line.text.includes(s));
    if (secret)
      out.push({ rule: 'no log line holds a link, token or their hash', detail: line.text.slice(0, 300) });
    if (line.phase === 'person' || line.phase === 'hostile') {
      const who = secrets.persons.find((s) => line.text.includes(s));
      if (who)
        out.push({ rule: 'no log line names a person while people act', detail: line.text.slice(0, 300) });
    }
    const req = line.json?.req as { url?: string; remoteAddress?: unknown; remotePort?: unknown } | undefined;
    const url = typeof req?.url === 'string' ? req.url : '';
    const acting = line.phase === 'person' || line.phase === 'hostile';
    if ((PUBLIC_URL.test(url) || acting) && /remoteAddress|remotePort/.test(line.text))
      out.push({
        rule: 'no remote address or port is logged for ballot routes and public pages',
        detail: line.text.slice(0, 300),
      });
  }
  // Fastify's default ids are a counter (req-1, req-2, …): the gap between two logged requests counts the
  // unlogged ballot requests made in between.
  const ids = [
    ...new Set(lines.map((l) => l.json?.reqId).filter((id): id is string => typeof id === 'string')),
  ];
  const numbers = ids
    .map((id) => /^(?:req-)?([0-9a-z]{1,12})$/.exec(id)?.[1])
    .map((n) => (n ? Number.parseInt(n, 36) : Number.NaN));
  const increasing = numbers.every((n, i) => !Number.isNaN(n) && (i === 0 || n > (numbers[i - 1] ?? 0)));
  if (ids.length >= 2 && increasing && (numbers.at(-1) ?? 0) - (numbers[0] ?? 0) < 10 * ids.length)
    out.push({
      rule: 'request ids are not sequential counters',
      detail: `request ids ${ids.slice(0, 6).join(', ')}…: the gaps count the unlogged ballot requests between logged ones`,
    });
  return out;
}

export interface PgLog {
  file: string | null;
  offset: number;
  note: string;
}

/** Where PostgreSQL writes its log: the collector's file, or (collector off) wherever the postmaster's stderr goes. */
export async function locatePgLog(url: string): Promise<PgLog> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const row = (
      await client.query<{ dir: string; current: string | null; collector: string; settings: string }>(
        `select current_setting('data_directory') as dir, pg_current_logfile() as current,
                current_setting('logging_collector') as collector,
                concat_ws(', ', 'log_min_error_statement=' || current_setting('log_min_error_statement'),
                  'log_statement=' || current_setting('log_statement'),
                  'log_connections=' || current_setting('log_connections'),
                  'log_line_prefix=' || current_setting('log_line_prefix')) as settings`,
      )
    ).rows[0];
    if (!row) return { file: null, offset: 0, note: 'no server settings' };
    let file: string | null = null;
    if (row.current) file = isAbsolute(row.current) ? row.current : join(row.dir, row.current);
    else {
      try {
        const pid = readFileSync(join(row.dir, 'postmaster.pid'), 'utf8').split('\n')[0];
        file = readlinkSync(`/proc/${pid}/fd/2`);
      } catch {
        file = null;
      }
    }
    const usable = file !== null && existsSync(file);
    return {
      file: usable ? file : null,
      offset: usable && file ? statSync(file).size : 0,
      note: `logging_collector=${row.collector}; ${row.settings}; log file ${usable ? file : 'not readable'}`,
    };
  } finally {
    await client.end();
  }
}

/** What PostgreSQL logged since `log.offset`. */
export function readPgLog(log: PgLog): string[] {
  if (!log.file) return [];
  const size = statSync(log.file).size;
  const fd = openSync(log.file, 'r');
  try {
    const buf = Buffer.alloc(Math.max(0, size - log.offset));
    readSync(fd, buf, 0, buf.length, log.offset);
    return buf.toString('utf8').split('\n');
  } finally {
    closeSync(fd);
  }
}

/**
 * PostgreSQL's log must carry nothing of a ballot: no unique-violation DETAIL (it prints the key, e.g. a token hash
 * or a person id, with a time to the millisecond), and no secret, hash or person.
 */
export function checkPgLog(
  lines: string[],
  secrets: Secrets,
  ours: string[],
  pids: Set<number>,
): Violation[] {
  const out: Violation[] = [];
  const pidOf = (line: string) => Number(/\[(\d+)\]/.exec(line)?.[1] ?? 0);
  for (const [i, line] of lines.entries()) {
    const mine =
      pids.has(pidOf(line)) || ours.some((v) => line.includes(v) || (lines[i - 1] ?? '').includes(v));
    if (/DETAIL:\s+Key \(/.test(line) && mine)
      out.push({
        rule: 'PostgreSQL logs no unique-violation DETAIL',
        detail: `${lines[i - 1] ?? ''} / ${line}`,
      });
    const leaked = [...secrets.never, ...secrets.persons].find((s) => line.includes(s));
    if (leaked && !/DETAIL:\s+Key \(/.test(line))
      out.push({ rule: 'PostgreSQL logs no secret, hash or person', detail: line.slice(0, 300) });
  }
  return out;
}
