import { createInterface } from 'node:readline';

/** Reads a password from stdin: one line, from a pipe or typed at a terminal (not echoed there). */
export async function readPasswordFromStdin(prompt: string): Promise<string> {
  const input = process.stdin;
  if (input.isTTY) process.stderr.write(prompt);
  const rl = createInterface({ input, terminal: false });
  if (input.isTTY) input.setRawMode?.(false);
  try {
    for await (const line of rl) return line.replace(/\r$/, '');
    return '';
  } finally {
    rl.close();
  }
}
