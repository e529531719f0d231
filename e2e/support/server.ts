import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const repoRoot = resolve(import.meta.dirname, '../..');
const cliPath = join(repoRoot, 'packages/server/dist/cli.js');
const webDist = join(repoRoot, 'packages/web/dist/index.html');

export interface RunningServer {
  baseUrl: string;
  dataDir: string;
  /** Everything the server wrote to stderr so far (for failure messages). */
  stderr: () => string;
  stop: () => Promise<void>;
}

/** Asks the OS for a free port by binding to port 0 and releasing it. */
export async function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const probe = createServer();
    probe.unref();
    probe.on('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      if (address === null || typeof address === 'string') {
        probe.close();
        reject(new Error('Could not read the probe port.'));
        return;
      }
      probe.close(() => resolvePort(address.port));
    });
  });
}

async function waitForHealth(baseUrl: string, child: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let lastError = 'no answer yet';
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the server exited early with code ${child.exitCode}`);
    try {
      const response = await fetch(`${baseUrl}/healthz`);
      if (response.status === 200) return;
      lastError = `GET /healthz answered ${response.status}`;
    } catch (error) {
      lastError = error instanceof Error ? error.message : String(error);
    }
    await new Promise((r) => setTimeout(r, 150));
  }
  throw new Error(`the server was not healthy within ${timeoutMs} ms (${lastError})`);
}

/**
 * The environment without what Vitest injects (it mirrors Vite's BASE_URL="/", MODE, DEV… into
 * process.env), and without any real deployment's database: the server must see a clean install.
 */
function serverEnv(): NodeJS.ProcessEnv {
  const env = { ...process.env };
  for (const key of ['BASE_URL', 'MODE', 'DEV', 'PROD', 'SSR', 'DATABASE_URL', 'SECRET']) delete env[key];
  for (const key of Object.keys(env)) if (key.startsWith('VITEST')) delete env[key];
  return env;
}

export interface ServerOptions {
  /** Extra environment variables for the server, such as SMTP_URL or JOB_INTERVAL_MS. */
  env?: Readonly<Record<string, string>>;
  /** Fill the data folder with `kintsugi demo` (the realistic demo organisation) before the server starts. */
  seedDemo?: boolean;
}

/** Runs one command of the built CLI against the same environment the server will get. */
function runCli(args: string[], env: NodeJS.ProcessEnv): Promise<void> {
  return new Promise((resolveRun, reject) => {
    execFile(process.execPath, [cliPath, ...args], { cwd: repoRoot, env }, (error, _stdout, stderr) => {
      if (error) reject(new Error(`kintsugi ${args.join(' ')} failed: ${error.message}\n${stderr}`));
      else resolveRun();
    });
  });
}

/** Starts the real built server on a free port with a fresh data folder. */
export async function startServer(options: ServerOptions = {}): Promise<RunningServer> {
  if (!existsSync(cliPath))
    throw new Error(`${cliPath} is missing: run \`npm run build\` before the e2e tests.`);
  if (!existsSync(webDist))
    throw new Error(`${webDist} is missing: run \`npm run build\` before the e2e tests.`);

  const port = await freePort();
  const dataDir = await mkdtemp(join(tmpdir(), 'kintsugi-e2e-'));
  const baseUrl = `http://127.0.0.1:${port}`;
  const env = {
    ...serverEnv(),
    PORT: String(port),
    HOST: '127.0.0.1',
    DATA_DIR: dataDir,
    LOG_LEVEL: 'warn',
    BASE_URL: baseUrl,
    ...options.env,
  };
  if (options.seedDemo)
    await runCli(['demo'], env).catch(async (error: unknown) => {
      await rm(dataDir, { recursive: true, force: true });
      throw error;
    });
  let stderr = '';
  const child = spawn(process.execPath, [cliPath, 'serve'], {
    cwd: repoRoot,
    env,
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  child.stderr?.setEncoding('utf8');
  child.stderr?.on('data', (chunk: string) => {
    stderr += chunk;
  });

  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
      await exited;
      clearTimeout(timer);
    }
    await rm(dataDir, { recursive: true, force: true });
  };

  try {
    await waitForHealth(baseUrl, child, 20_000);
  } catch (error) {
    await stop();
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(
      `Kintsugi server did not start: ${reason}\n--- server stderr ---\n${stderr || '(empty)'}`,
    );
  }
  return { baseUrl, dataDir, stderr: () => stderr, stop };
}
