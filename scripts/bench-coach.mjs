// `node scripts/bench-coach.mjs` (after `npx tsc -b packages/core`): speed of the coach.
// 1. Throughput on a large mixed corpus (target ≥ 5 MB/s on one core).
// 2. Median time to analyse a 300-word message (target < 1 ms).
// 3. In real Chromium (playwright-core), median time per analysis of a 600-word draft while typing (< 4 ms).
// Prints medians; writes artifacts/bench-coach.json.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dist = path.join(root, 'packages/core/dist');
const OUT = path.join(root, 'artifacts/bench-coach.json');
const { analyze } = await import(pathToFileURL(path.join(dist, 'coach/index.js')).href);

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
  await page.route('http://bench.local/**', (route) => {
    const file = path.join(dist, new URL(route.request().url()).pathname);
    if (!file.startsWith(dist)) return route.abort();
    try {
      route.fulfill({ body: readFileSync(file), contentType: 'text/javascript' });
    } catch {
      route.fulfill({ status: 404, body: '' });
    }
  });
  await page.route('http://bench.local/', (route) =>
    route.fulfill({ body: '<!doctype html><title>bench</title>', contentType: 'text/html' }),
  );
  await page.goto('http://bench.local/');
  browserResult = await page.evaluate(async (draft) => {
    const { analyze: run } = await import('http://bench.local/coach/index.js');
    for (let i = 0; i < 50; i++) run(draft);
    const times = [];
    const start = Math.max(1, draft.length - 300);
    for (let end = start; end <= draft.length; end++) {
      const t0 = performance.now();
      run(draft.slice(0, end));
      times.push(performance.now() - t0);
    }
    times.sort((a, b) => a - b);
    return {
      analyses: times.length,
      medianMs: times[Math.floor(times.length / 2)],
      p95Ms: times[Math.floor(times.length * 0.95)],
      userAgent: navigator.userAgent,
    };
  }, draft600);
} finally {
  await browser.close();
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
    medianMs: round(browserResult.medianMs, 4),
    p95Ms: round(browserResult.p95Ms, 4),
    analyses: browserResult.analyses,
    browser: browserResult.userAgent.match(/(HeadlessChrome|Chrome)\/[\d.]+/)?.[0] ?? 'Chromium',
    targetMs: 4,
  },
};
mkdirSync(path.dirname(OUT), { recursive: true });
writeFileSync(OUT, `${JSON.stringify(result, null, 2)}\n`);
console.log(`Coach speed (${result.machine.cpu}, ${result.machine.node}, ${result.date.slice(0, 10)})`);
console.log(
  `  throughput, ${result.throughput.corpusMB} MB mixed corpus in 4 KB messages: ${result.throughput.messagesMBps} MB/s (one 2 MB document: ${result.throughput.oneDocumentMBps} MB/s; target ≥ 5)`,
);
console.log(`  300-word message: median ${result.message300Words.medianMs} ms (target < 1)`);
console.log(
  `  Chromium, 600-word draft while typing: median ${result.chromium600WordDraft.medianMs} ms, p95 ${result.chromium600WordDraft.p95Ms} ms (target < 4)`,
);
console.log(`  → ${path.relative(root, OUT)}`);
