// `npm test`: build, lint, typecheck, unit + integration tests (SQLite and PostgreSQL), end-to-end tests.
// Stops at the first failing step; the throwaway PostgreSQL cluster is always removed.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startThrowawayPostgres } from './pg-throwaway.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const bin = (name) => path.join(root, 'node_modules', '.bin', name);

const USAGE = `Usage: node scripts/test.mjs [--skip-e2e] [--only-unit]
  --skip-e2e   run everything except the end-to-end tests
  --only-unit  run only the unit + integration tests (no build, lint, typecheck or e2e)`;

const args = process.argv.slice(2);
for (const a of args) {
  if (a === '--help' || a === '-h') {
    console.log(USAGE);
    process.exit(0);
  }
  if (a !== '--skip-e2e' && a !== '--only-unit') {
    console.error(`Unknown option: ${a}\n${USAGE}`);
    process.exit(1);
  }
}
const onlyUnit = args.includes('--only-unit');
const skipE2e = onlyUnit || args.includes('--skip-e2e');

const color = process.stdout.isTTY && !process.env.NO_COLOR;
const paint = (code, s) => (color ? `\x1b[${code}m${s}\x1b[0m` : s);
const fmt = (ms) => (ms >= 10_000 ? `${(ms / 1000).toFixed(0)} s` : `${(ms / 1000).toFixed(1)} s`);

/** @type {{name: string, status: 'passed'|'failed'|'skipped', ms: number, note?: string}[]} */
const results = [];
let postgres = null; // throwaway cluster handle, if we started one
let current = null; // running child process, killed if we are interrupted

/** Run a command with inherited stdio; resolves to its exit code (signals count as failure). */
function run(cmd, cmdArgs, env = process.env) {
  return new Promise((resolve) => {
    console.log(paint('2', `$ ${[cmd, ...cmdArgs].map((a) => path.relative(root, a) || a).join(' ')}`));
    const child = spawn(cmd, cmdArgs, { cwd: root, stdio: 'inherit', env });
    current = child;
    child.on('error', (err) => {
      console.error(`could not start ${cmd}: ${err.message}`);
      resolve(1);
    });
    child.on('exit', (code, signal) => {
      current = null;
      resolve(code ?? (signal ? 1 : 0));
    });
  });
}

function skip(name, note) {
  console.log(`\n${paint('1;33', `▶ ${name}: skipped`)} (${note})`);
  results.push({ name, status: 'skipped', ms: 0, note });
}

/** Run one step (a function returning an exit code or throwing); returns true on success. */
async function step(name, fn) {
  console.log(`\n${paint('1;36', `▶ ${name}`)}`);
  const t0 = performance.now();
  let ok;
  try {
    ok = (await fn()) === 0;
  } catch (err) {
    console.error(paint('31', `${name}: ${err.message}`));
    ok = false;
  }
  const ms = performance.now() - t0;
  results.push({ name, status: ok ? 'passed' : 'failed', ms });
  console.log(
    paint(ok ? '32' : '1;31', `${ok ? '✔' : '✖'} ${name} ${ok ? 'passed' : 'FAILED'} in ${fmt(ms)}`),
  );
  return ok;
}

function summary() {
  const width = Math.max(...results.map((r) => r.name.length), 4);
  console.log(`\n${paint('1', 'Summary')}`);
  for (const r of results) {
    const status = {
      passed: paint('32', 'passed '),
      failed: paint('1;31', 'FAILED '),
      skipped: paint('33', 'skipped'),
    }[r.status];
    const time = r.status === 'skipped' ? '' : fmt(r.ms).padStart(6);
    console.log(`  ${r.name.padEnd(width)}  ${status}  ${time}${r.note ? `  ${r.note}` : ''}`);
  }
}

// Each vitest run also writes a JSON report, so the closing line can count every test of every run.
const reportFiles = [];
function reporters(name) {
  const file = path.join(root, 'artifacts', `vitest-${name}.json`);
  rmSync(file, { force: true });
  reportFiles.push(file);
  return ['--reporter=default', '--reporter=json', `--outputFile.json=${file}`];
}

function testCounts() {
  let passed = 0;
  let failed = 0;
  for (const file of reportFiles) {
    if (!existsSync(file)) continue;
    const report = JSON.parse(readFileSync(file, 'utf8'));
    passed += report.numPassedTests ?? 0;
    // A file that fails to load has no test results of its own; count it as one failure.
    const brokenFiles = (report.testResults ?? []).filter(
      (r) => r.status === 'failed' && (r.assertionResults ?? []).length === 0,
    ).length;
    failed += (report.numFailedTests ?? 0) + brokenFiles;
  }
  return { passed, failed };
}

function cleanup() {
  postgres?.stop();
  postgres = null;
}

// Ctrl-C / CI cancellation: stop the running child and the cluster, then leave.
for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(sig, () => {
    current?.kill('SIGTERM');
    cleanup();
    console.error(`\nInterrupted (${sig}).`);
    process.exit({ SIGINT: 130, SIGTERM: 143, SIGHUP: 129 }[sig]);
  });
}

async function main() {
  const env = { ...process.env };

  if (onlyUnit) {
    skip('build', '--only-unit');
    skip('lint', '--only-unit');
    skip('typecheck', '--only-unit');
  } else {
    if (!(await step('build', () => run('npm', ['run', 'build'])))) return false;
    if (!(await step('lint', () => run(bin('biome'), ['check', '.'])))) return false;
    const typecheckOk = await step('typecheck', async () => {
      // `npm run build` already type-checked core and server (tsc -b); only web and server tests remain.
      const webCode = await run(bin('tsc'), ['-p', 'packages/web', '--noEmit']);
      if (webCode !== 0) return webCode;
      const testTsconfig = 'packages/server/tsconfig.test.json';
      if (!existsSync(path.join(root, testTsconfig))) {
        console.log(`${testTsconfig} not found: skipping the server tests type-check`);
        return 0;
      }
      const testsCode = await run(bin('tsc'), ['-p', testTsconfig]);
      if (testsCode !== 0) return testsCode;
      // The end-to-end tests are type-checked too: nothing else compiles them before they run.
      return run(bin('tsc'), ['-p', 'e2e/tsconfig.json']);
    });
    if (!typecheckOk) return false;
  }

  const pgOk = await step('postgres', async () => {
    if (process.env.TEST_POSTGRES_URL) {
      // An existing server the tests may CREATE/DROP DATABASE on; don't print the URL (may hold a password).
      console.log('Using the existing PostgreSQL server from TEST_POSTGRES_URL');
      return 0;
    }
    console.log('Starting a throwaway PostgreSQL cluster…');
    postgres = await startThrowawayPostgres();
    env.TEST_POSTGRES_URL = postgres.url;
    console.log(`TEST_POSTGRES_URL=${postgres.url}`);
    return 0;
  });
  if (!pgOk) return false;

  if (!(await step('unit + integration', () => run(bin('vitest'), ['run', ...reporters('unit')], env))))
    return false;

  if (skipE2e) {
    skip('end-to-end', onlyUnit ? '--only-unit' : '--skip-e2e');
  } else if (!existsSync(path.join(root, 'vitest.e2e.config.ts'))) {
    skip('end-to-end', 'vitest.e2e.config.ts does not exist yet');
  } else if (
    !(await step('end-to-end', () =>
      run(bin('vitest'), ['run', '--config', 'vitest.e2e.config.ts', ...reporters('e2e')], env),
    ))
  ) {
    return false;
  }
  return true;
}

let ok = false;
try {
  ok = await main();
} catch (err) {
  console.error(paint('31', err.stack ?? String(err)));
} finally {
  cleanup();
}
summary();
console.log(ok ? paint('1;32', '\nAll steps passed.') : paint('1;31', '\nnpm test failed.'));
// The closing line, alone and last: how many tests ran in all, and how many failed.
const counts = testCounts();
console.log(`${counts.passed} passed, ${counts.failed} failed`);
process.exit(ok ? 0 : 1);
