// `npm run eval:coach`: precision, recall and F1 of the coach per category on a labelled corpus, and the
// confusion between categories. Uses the built core (packages/core/dist), so it builds core first.
// Usage: node scripts/eval-coach.mjs [corpus.jsonl]   (default: the corpus in the repository)
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
execFileSync(process.execPath, [path.join(root, 'node_modules/typescript/bin/tsc'), '-b', 'packages/core'], {
  cwd: root,
  stdio: 'inherit',
});
const { evaluateCoach, parseCorpus } = await import(
  path.join(root, 'packages/core/dist/coach/eval/evaluate.js')
);
const file = process.argv[2] ?? path.join(root, 'packages/core/src/coach/eval/corpus-en.jsonl');
const result = evaluateCoach(parseCorpus(readFileSync(file, 'utf8')));

const pad = (s, n) => String(s).padEnd(n);
const num = (n) => n.toFixed(3);
console.log(`Coach evaluation on ${path.relative(root, file)}: ${result.examples} examples\n`);
console.log(`${pad('category', 22)}${pad('support', 9)}${pad('P', 8)}${pad('R', 8)}${pad('F1', 8)}TP/FP/FN`);
for (const s of result.scores)
  console.log(
    `${pad(s.category, 22)}${pad(s.support, 9)}${pad(num(s.precision), 8)}${pad(num(s.recall), 8)}${pad(num(s.f1), 8)}${s.truePositives}/${s.falsePositives}/${s.falseNegatives}`,
  );
const macro = result.scores.reduce((sum, s) => sum + s.f1, 0) / result.scores.length;
console.log(`${pad('macro F1', 22)}${' '.repeat(25)}${num(macro)}`);

console.log('\nConfusion (labelled → found instead; "none" = neutral text or nothing found):');
const rows = Object.entries(result.confusion);
if (rows.length === 0) console.log('  none');
for (const [gold, row] of rows)
  console.log(
    `  ${pad(gold, 22)}→ ${Object.entries(row)
      .map(([p, n]) => `${p} ×${n}`)
      .join(', ')}`,
  );
if (process.argv.includes('--errors'))
  for (const e of result.errors) console.log(`  missed [${e.missed}] extra [${e.extra}]: ${e.text}`);
const below = result.scores.filter((s) => s.f1 < 0.85);
if (below.length > 0) {
  console.log(`\nBelow the 0.85 target: ${below.map((s) => s.category).join(', ')}`);
  process.exitCode = 1;
}
