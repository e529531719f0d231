// `node scripts/bench-coach.mjs` (after `npm run build`): speed and size of the coach (rules and model).
// 1. Throughput on a large mixed corpus (target ≥ 5 MB/s on one core).
// 2. Median time to analyse a 300-word message (target < 1 ms).
// 3. In real Chromium (playwright-core), per keystroke on a 600-word draft, with the web app's coach session
//    (only changed sentences re-read): median and p95 (target p95 < 4 ms); a full re-read for comparison.
// 4. The coach's code and data bundled for the browser, minified and gzipped (target < 600 KB), and the model's
//    share of it.
// 5. 1 MB of text through `kintsugi coach` (target < 2 s).
// Prints medians; writes artifacts/bench-coach.json.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import { chromium } from 'playwright-core';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dist = path.join(root, 'packages/core/dist');
const OUT = path.join(root, 'artifacts/bench-coach.json');
const { analyze } = await import(pathToFileURL(path.join(dist, 'coach/index.js')).href);
const tmp = mkdtempSync(path.join(os.tmpdir(), 'kintsugi-bench-coach-'));
process.on('exit', () => rmSync(tmp, { recursive: true, force: true }));

// 4. The browser bundle: what the web app's coach chunk holds (analyze, sessions, rules, model, stemmer).
const entry = path.join(tmp, 'entry.js');
writeFileSync(
  entry,
  `export { analyze, createCoachSession } from ${JSON.stringify(path.join(dist, 'coach/analyze.js'))};\n`,
);
const bundle = path.join(tmp, 'coach.js');
execFileSync(
  path.join(root, 'node_modules/.bin/rolldown'),
  [entry, '--format', 'esm', '--platform', 'browser', '--minify', '-o', bundle],
  { cwd: root, stdio: 'ignore' },
);
const gz = (file) => gzipSync(readFileSync(file), { level: 9 }).length;
const bundleKB = gz(bundle) / 1024;
const modelKB = gz(path.join(dist, 'coach/model/weights-en.js')) / 1024;

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const round = (n, d = 3) => Math.round(n * 10 ** d) / 10 ** d;

// A deterministic mix: the labelled corpus (defensive, repair and neutral sentences), shuffled, with lists,
// quotes and line breaks, repeated to the wanted size.
const sentences = readFileSync(path.join(root, 'packages/core/src/coach/eval/corpus-en.jsonl'), 'utf8')
  .split('\n')
  .filter(Boolean)
  .map((line) => JSON.parse(line).text);
let seed = 42;
const random = () => {
  seed = (seed * 1103515245 + 12345) % 2 ** 31;
  return seed / 2 ** 31;
};
function mixedText(chars) {
  const parts = [];
  let length = 0;
  while (length < chars) {
    const s = sentences[Math.floor(random() * sentences.length)];
    const r = random();
    const piece = r < 0.1 ? `\n- ${s}` : r < 0.15 ? ` “${s}”` : r < 0.25 ? `\n\n${s}` : ` ${s}`;
    parts.push(piece);
    length += piece.length;
  }
  return parts.join('').slice(0, chars);
}
const words = (text, n) => text.split(/\s+/).filter(Boolean).slice(0, n).join(' ');

// 1. Throughput: 8 MB analysed as 4 KB messages, and as one 2 MB document; best of 3 runs each.
const MB = 1024 * 1024;
const corpus = mixedText(8 * MB);
const messages = [];
for (let i = 0; i < corpus.length; i += 4096) messages.push(corpus.slice(i, i + 4096));
for (let i = 0; i < 200; i++) analyze(messages[i]); // warm up
const runs = [];
for (let r = 0; r < 3; r++) {
  const t0 = performance.now();
  for (const m of messages) analyze(m);
  runs.push(corpus.length / MB / ((performance.now() - t0) / 1000));
}
const big = corpus.slice(0, 2 * MB);
const docRuns = [];
for (let r = 0; r < 3; r++) {
  const t0 = performance.now();
  analyze(big);
  docRuns.push(big.length / MB / ((performance.now() - t0) / 1000));
}

// 2. A 300-word message, 2000 times.
const message300 = words(mixedText(6000), 300);
const times300 = [];
for (let i = 0; i < 2000; i++) {
  const t0 = performance.now();
  analyze(message300);
  times300.push(performance.now() - t0);
}

// 3. Chromium: type a 600-word draft; analyse after each of the last 300 keystrokes (the longest prefixes).
const draft600 = words(mixedText(12_000), 600);
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run',
  ],
});
let browserResult;
try {
  const page = await browser.newPage();
  await page.route('http://bench.local/coach.js', (route) =>
    route.fulfill({ body: readFileSync(bundle), contentType: 'text/javascript' }),
  );
  await page.route('http://bench.local/', (route) =>
    route.fulfill({ body: '<!doctype html><title>bench</title>', contentType: 'text/html' }),
  );
  await page.goto('http://bench.local/');
  browserResult = await page.evaluate(async (draft) => {
    const { analyze: run, createCoachSession } = await import('http://bench.local/coach.js');
    for (let i = 0; i < 50; i++) run(draft);
    const stats = (times) => {
      times.sort((a, b) => a - b);
      return { median: times[Math.floor(times.length / 2)], p95: times[Math.floor(times.length * 0.95)] };
    };
    // Typing the last 300 characters, one keystroke at a time, as the web app reads them: one session.
    const start = Math.max(1, draft.length - 300);
    const session = createCoachSession();
    session.analyze(draft.slice(0, start - 1));
    const typing = [];
    for (let end = start; end <= draft.length; end++) {
      const t0 = performance.now();
      session.analyze(draft.slice(0, end));
      typing.push(performance.now() - t0);
    }
    // A keystroke in the middle of the draft (an edit), and a full re-read with no session, for comparison.
    const middle = [];
    for (let k = 0; k < 200; k++) {
      const at = Math.floor(draft.length / 2) + (k % 40);
      const t0 = performance.now();
      session.analyze(`${draft.slice(0, at)}x${draft.slice(at)}`);
      middle.push(performance.now() - t0);
    }
    const full = [];
    for (let end = start; end <= draft.length; end += 3) {
      const t0 = performance.now();
      run(draft.slice(0, end));
      full.push(performance.now() - t0);
    }
    return {
      analyses: typing.length,
      typing: stats(typing),
      middle: stats(middle),
      full: stats(full),
      userAgent: navigator.userAgent,
    };
  }, draft600);
} finally {
  await browser.close();
}

// 5. The CLI on 1 MB of text, wall time including Node's start.
const cli = path.join(root, 'packages/server/dist/cli.js');
const oneMB = mixedText(MB);
const cliRuns = [];
for (let r = 0; r < 3; r++) {
  const t0 = performance.now();
  const out = spawnSync(process.execPath, [cli, 'coach', '--json'], {
    input: oneMB,
    encoding: 'utf8',
    maxBuffer: 1 << 28,
  });
  if (out.status !== 0) throw new Error(`kintsugi coach failed: ${out.stderr}`);
  cliRuns.push((performance.now() - t0) / 1000);
}

const result = {
  date: new Date().toISOString(),
  machine: {
    cpu: os.cpus()[0]?.model ?? 'unknown',
    cores: os.cpus().length,
    node: process.version,
    platform: `${os.platform()} ${os.release()}`,
  },
  throughput: {
    corpusMB: round(corpus.length / MB, 1),
    messagesMBps: round(median(runs), 2),
    oneDocumentMBps: round(median(docRuns), 2),
    targetMBps: 5,
  },
  message300Words: { medianMs: round(median(times300), 4), targetMs: 1 },
  chromium600WordDraft: {
    perKeystroke: {
      medianMs: round(browserResult.typing.median, 4),
      p95Ms: round(browserResult.typing.p95, 4),
    },
    editInTheMiddle: {
      medianMs: round(browserResult.middle.median, 4),
      p95Ms: round(browserResult.middle.p95, 4),
    },
    fullReread: { medianMs: round(browserResult.full.median, 4), p95Ms: round(browserResult.full.p95, 4) },
    analyses: browserResult.analyses,
    browser: browserResult.userAgent.match(/(HeadlessChrome|Chrome)\/[\d.]+/)?.[0] ?? 'Chromium',
    targetP95Ms: 4,
  },
  browserBundle: { gzippedKB: round(bundleKB, 1), modelGzippedKB: round(modelKB, 1), targetKB: 600 },
  cliOneMB: { seconds: round(median(cliRuns), 2), targetSeconds: 2 },
};
mkdirSync(path.dirname(OUT), { recursive: true });
writeFileSync(OUT, `${JSON.stringify(result, null, 2)}\n`);
console.log(`Coach speed (${result.machine.cpu}, ${result.machine.node}, ${result.date.slice(0, 10)})`);
console.log(
  `  throughput, ${result.throughput.corpusMB} MB mixed corpus in 4 KB messages: ${result.throughput.messagesMBps} MB/s (one 2 MB document: ${result.throughput.oneDocumentMBps} MB/s; target ≥ 5)`,
);
console.log(`  300-word message: median ${result.message300Words.medianMs} ms (target < 1)`);
const c = result.chromium600WordDraft;
console.log(
  `  Chromium, 600-word draft, per keystroke (coach session): median ${c.perKeystroke.medianMs} ms, p95 ${c.perKeystroke.p95Ms} ms (target p95 < 4); an edit in the middle: p95 ${c.editInTheMiddle.p95Ms} ms; a full re-read: median ${c.fullReread.medianMs} ms, p95 ${c.fullReread.p95Ms} ms`,
);
console.log(
  `  browser bundle (code and data, minified, gzipped): ${result.browserBundle.gzippedKB} KB, of which the model ${result.browserBundle.modelGzippedKB} KB (target < 600)`,
);
console.log(`  1 MB through kintsugi coach --json: ${result.cliOneMB.seconds} s (target < 2)`);
console.log(`  → ${path.relative(root, OUT)}`);
