import pg from 'pg';

/** An error PostgreSQL raised for a statement: its SQLSTATE and the statement's first words. */
export interface RaisedError {
  code: string;
  statement: string;
}

export interface PostgresErrorRecorder {
  /** Every error raised by the server since start, in order. */
  readonly raised: RaisedError[];
  /** Forgets what was raised so far. */
  clear(): void;
  /** Puts pg back as it was. */
  stop(): void;
}

type Query = (...args: unknown[]) => unknown;

function isPromise(value: unknown): value is Promise<unknown> {
  return (
    typeof value === 'object' && value !== null && typeof (value as Promise<unknown>).then === 'function'
  );
}

function statementOf(first: unknown): string {
  const text = typeof first === 'string' ? first : (first as { text?: unknown } | null)?.text;
  return typeof text === 'string' ? text.slice(0, 120) : '(unknown statement)';
}

/**
 * Records every error PostgreSQL raises for this process's queries. With default settings PostgreSQL writes each
 * such error to its own log, a unique violation with its DETAIL (`Key (…)=(…) already exists`) and a time, so a
 * path that must leave nothing in that log must raise nothing: this is how a test sees it without reading the
 * server's log file (which a test run against an existing server cannot reach).
 */
export function recordPostgresErrors(): PostgresErrorRecorder {
  const raised: RaisedError[] = [];
  const prototype = pg.Client.prototype as unknown as { query: Query };
  const original = prototype.query;
  prototype.query = function recordingQuery(this: unknown, ...args: unknown[]) {
    const result = original.apply(this, args);
    if (!isPromise(result)) return result;
    return result.catch((error: unknown) => {
      const code = (error as { code?: unknown } | null)?.code;
      if (typeof code === 'string') raised.push({ code, statement: statementOf(args[0]) });
      throw error;
    });
  };
  return {
    raised,
    clear: () => {
      raised.length = 0;
    },
    stop: () => {
      prototype.query = original;
    },
  };
}
