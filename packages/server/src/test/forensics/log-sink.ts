/** One line the server's pino logger wrote, with the phase of the script it was written in. */
export interface LogLine {
  text: string;
  json: Record<string, unknown> | null;
  /** What the script was doing: 'leader', 'person', 'hostile', … (set by the test, never read by the server). */
  phase: string;
}

/**
 * Collects every line the server logs (given to buildApp as its log stream), each with the phase of the script it
 * was written in, so that what was logged while a person acted can be told from what the leader's actions logged.
 */
export class LogSink {
  readonly lines: LogLine[] = [];
  phase = 'setup';

  readonly stream = {
    write: (chunk: string): void => {
      for (const text of chunk.split('\n')) {
        if (text.trim() === '') continue;
        this.lines.push({ text, json: parseJson(text), phase: this.phase });
      }
    },
  };
}

function parseJson(text: string): Record<string, unknown> | null {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : null;
  } catch {
    return null;
  }
}

/** The one sink of this test process: the forensic app logs here. */
export const logSink = new LogSink();
