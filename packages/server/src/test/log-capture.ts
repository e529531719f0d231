/** A log destination that keeps every line in memory, for tests that read what the server logged. */
export interface LogCapture {
  stream: { write(line: string): void };
  /** Every line written so far, as written. */
  readonly lines: string[];
  /** Every line parsed as JSON (pino writes one object per line). */
  entries(): Record<string, unknown>[];
}

export function captureLogs(): LogCapture {
  const lines: string[] = [];
  return {
    stream: {
      write(chunk: string) {
        for (const line of chunk.split('\n')) if (line.trim() !== '') lines.push(line);
      },
    },
    lines,
    entries: () => lines.map((line) => JSON.parse(line) as Record<string, unknown>),
  };
}

/** Every key of an object, at any depth. */
export function keysDeep(value: unknown): string[] {
  if (Array.isArray(value)) return value.flatMap(keysDeep);
  if (typeof value !== 'object' || value === null) return [];
  return Object.entries(value).flatMap(([key, inner]) => [key, ...keysDeep(inner)]);
}

/** A line as a reader would search it: percent-escapes decoded and lower case, so `%62allot` reads `ballot`. */
export function searchable(line: string): string {
  let text = line;
  // Decoded a few times over, so that double encoding (`%2562`) does not hide a word either.
  for (let i = 0; i < 3; i++)
    text = text.replace(/%([0-9a-f]{2})/gi, (_match, hex: string) =>
      String.fromCharCode(Number.parseInt(hex, 16)),
    );
  return text.toLowerCase();
}
