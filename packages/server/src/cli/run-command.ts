import { AppError } from '../errors/app-error.js';

/** Runs a command body; any failure is printed to stderr as one clear line and exits with code 1. */
export async function runCommand(body: () => Promise<void>): Promise<void> {
  try {
    await body();
  } catch (error) {
    const message = error instanceof AppError || error instanceof Error ? error.message : String(error);
    process.stderr.write(`kintsugi: ${message}\n`);
    process.exitCode = 1;
  }
}
