// Throwaway PostgreSQL cluster for tests: a private data folder, a private port on 127.0.0.1,
// durability switched off (tests only), removed again on stop() or process exit.
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const PG_ROOT = '/usr/lib/postgresql';
const READY_TIMEOUT_MS = 30_000;

/** Highest installed PostgreSQL server bin folder, e.g. /usr/lib/postgresql/15/bin. */
function findPgBin() {
  const versions = existsSync(PG_ROOT)
    ? readdirSync(PG_ROOT)
        .filter((v) => existsSync(path.join(PG_ROOT, v, 'bin', 'initdb')))
        .sort((a, b) => Number.parseFloat(b) - Number.parseFloat(a))
    : [];
  if (versions.length === 0) {
    throw new Error(
      'PostgreSQL server binaries not found: install them with `apt-get install -y postgresql`',
    );
  }
  return path.join(PG_ROOT, versions[0], 'bin');
}

/** Ask the kernel for a free port, then release it for postgres to take. */
function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

const shellQuote = (s) => `'${String(s).replaceAll("'", `'\\''`)}'`;

const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;

/** Run a command as the postgres user when we are root (initdb refuses root), else directly. */
function runAsPostgres(argv, { allowFail = false } = {}) {
  const cmd = argv.map(shellQuote).join(' ');
  const res = isRoot
    ? spawnSync('su', ['postgres', '-s', '/bin/bash', '-c', cmd], { encoding: 'utf8' })
    : spawnSync('/bin/bash', ['-c', cmd], { encoding: 'utf8' });
  if (res.status !== 0 && !allowFail) {
    const detail = [res.error?.message, res.stdout, res.stderr].filter(Boolean).join('\n');
    throw new Error(`command failed (exit ${res.status}): ${cmd}\n${detail}`);
  }
  return res;
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

const SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'];

// Exit handlers don't run when the owner is SIGKILLed (CI timeouts, OOM); this detached watchdog then
// stops the cluster and removes its folder once the owner process is gone.
const WATCHDOG = `
const [ownerPid, pgCtl, dataDir, dir, asRoot] = process.argv.slice(1);
const { spawnSync } = require('node:child_process');
const { rmSync } = require('node:fs');
const alive = () => { try { process.kill(Number(ownerPid), 0); return true; } catch (e) { return e.code === 'EPERM'; } };
process.on('SIGTERM', () => process.exit(0));
setInterval(() => {
  if (alive()) return;
  const cmd = [pgCtl, '-D', dataDir, '-m', 'immediate', '-w', 'stop'].map((a) => "'" + a + "'").join(' ');
  if (asRoot === '1') spawnSync('su', ['postgres', '-s', '/bin/bash', '-c', cmd], { stdio: 'ignore' });
  else spawnSync('/bin/bash', ['-c', cmd], { stdio: 'ignore' });
  rmSync(dir, { recursive: true, force: true });
  process.exit(0);
}, 1000);
`;

function startWatchdog(pgCtl, dataDir, dir) {
  const child = spawn(
    process.execPath,
    ['-e', WATCHDOG, String(process.pid), pgCtl, dataDir, dir, isRoot ? '1' : '0'],
    { detached: true, stdio: 'ignore' },
  );
  child.unref(); // must not keep the owner process alive
  return child;
}

/**
 * Start a throwaway PostgreSQL cluster.
 * @returns {Promise<{url: string, stop: () => void}>}
 */
export async function startThrowawayPostgres() {
  const bin = findPgBin();
  const dir = mkdtempSync(path.join(os.tmpdir(), 'kintsugi-pg-'));
  const dataDir = path.join(dir, 'data');
  const logFile = path.join(dir, 'postgres.log');

  if (isRoot) {
    // The folder must belong to postgres before initdb runs as that user.
    const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim());
    const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim());
    chownSync(dir, uid, gid);
  }

  let started = false;
  let stopped = false;
  let watchdog = null;
  const stop = () => {
    if (stopped) return;
    stopped = true;
    process.off('exit', stop);
    for (const sig of SIGNALS) process.off(sig, onSignal);
    watchdog?.kill('SIGTERM');
    if (started) {
      // Immediate: there is nothing worth flushing in a throwaway cluster.
      runAsPostgres([path.join(bin, 'pg_ctl'), '-D', dataDir, '-m', 'immediate', '-w', 'stop'], {
        allowFail: true,
      });
    }
    rmSync(dir, { recursive: true, force: true });
  };
  const onSignal = (signal) => {
    stop();
    // Re-raise the conventional exit code for the signal now that cleanup is done.
    process.exit({ SIGINT: 130, SIGTERM: 143, SIGHUP: 129 }[signal]);
  };
  process.on('exit', stop);
  for (const sig of SIGNALS) process.on(sig, onSignal);

  try {
    runAsPostgres([
      path.join(bin, 'initdb'),
      '-D',
      dataDir,
      '-A',
      'trust',
      '-U',
      'postgres',
      '--no-sync',
      '-E',
      'UTF8',
      '--locale=C',
    ]);

    const port = await freePort();
    const serverOpts = [
      "-c listen_addresses='127.0.0.1'",
      `-p ${port}`,
      `-c unix_socket_directories='${dir}'`,
      '-c fsync=off',
      '-c synchronous_commit=off',
      '-c full_page_writes=off',
      '-c max_connections=200',
    ].join(' ');
    started = true; // from here on, stop() must try pg_ctl stop even if start half-worked
    watchdog = startWatchdog(path.join(bin, 'pg_ctl'), dataDir, dir);
    runAsPostgres([
      path.join(bin, 'pg_ctl'),
      '-D',
      dataDir,
      '-l',
      logFile,
      '-o',
      serverOpts,
      '-w',
      '-t',
      '30',
      'start',
    ]);

    // pg_ctl -w already waits, but confirm TCP on our port accepts connections.
    const deadline = Date.now() + READY_TIMEOUT_MS;
    for (;;) {
      const res = spawnSync(
        path.join(bin, 'pg_isready'),
        ['-h', '127.0.0.1', '-p', String(port), '-U', 'postgres', '-d', 'postgres'],
        { encoding: 'utf8' },
      );
      if (res.status === 0) break;
      if (Date.now() > deadline) {
        throw new Error(`PostgreSQL did not accept connections on port ${port} within 30 s`);
      }
      await sleep(100);
    }

    return { url: `postgres://postgres@127.0.0.1:${port}/postgres`, stop };
  } catch (err) {
    let log = '';
    try {
      log = execFileSync('tail', ['-n', '30', logFile], { encoding: 'utf8' });
    } catch {}
    stop();
    if (log) err.message += `\n--- postgres.log ---\n${log}`;
    throw err;
  }
}

// Standalone use: start, print the URL, stay up until Ctrl-C.
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  try {
    const pg = await startThrowawayPostgres();
    console.log(`PostgreSQL running at ${pg.url} (Ctrl-C stops and removes it)`);
    setInterval(() => {}, 1 << 30);
  } catch (err) {
    console.error(err.message);
    process.exit(1);
  }
}
