// `npm run eval:coach`: precision, recall and F1 of the coach per category, macro F1 and the neutral
// false-alarm rate (share of unlabelled items that get any finding), on each split, clearly named:
//   in-sample   data/train-en.jsonl + eval/corpus-en.jsonl   what the model was trained on
//   validation  data/validation-en.jsonl                     what the thresholds were chosen on
//   blind       data/blind-en.jsonl, only with --blind      never tuned on (scored at milestones)
// Uses the built core (packages/core/dist), so it builds core first.
// Usage: node scripts/eval-coach.mjs [--blind] [--errors] [--confusion] [corpus.jsonl …]
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
execFileSync(process.execPath, [path.join(root, 'node_modules/typescript/bin/tsc'), '-b', 'packages/core'], {
  cwd: root,
  stdio: 'inherit',
});
const { evaluateCoach, parseCorpus } = await import(
  pathToFileURL(path.join(root, 'packages/core/dist/coach/eval/evaluate.js')).href
);
const coach = path.join(root, 'packages/core/src/coach');
const read = (file) => parseCorpus(readFileSync(file, 'utf8'));
const args = process.argv.slice(2);
const files = args.filter((a) => !a.startsWith('--'));
const splits = files.length
  ? files.map((file) => ({ name: path.relative(root, path.resolve(file)), examples: read(file) }))
  : [
      {
        name: 'in-sample (trained on): data/train-en.jsonl + eval/corpus-en.jsonl',
        examples: [
          ...read(path.join(coach, 'data/train-en.jsonl')),
          ...read(path.join(coach, 'eval/corpus-en.jsonl')),
        ],
      },
      {
        name: 'rules corpus (in-sample): eval/corpus-en.jsonl',
        examples: read(path.join(coach, 'eval/corpus-en.jsonl')),
      },
      {
        name: 'validation (thresholds chosen on): data/validation-en.jsonl',
        examples: read(path.join(coach, 'data/validation-en.jsonl')),
      },
    ];
if (args.includes('--blind')) {
  const blind = path.join(coach, 'data/blind-en.jsonl');
  if (!existsSync(blind)) {
    console.error(`No blind split at ${path.relative(root, blind)}.`);
    process.exit(2);
  }
  splits.push({ name: 'blind (never tuned on): data/blind-en.jsonl', examples: read(blind) });
}

const pad = (s, n) => String(s).padEnd(n);
const num = (n) => n.toFixed(3);
for (const split of splits) {
  const result = evaluateCoach(split.examples);
  console.log(`\n${split.name}: ${result.examples} items\n`);
  console.log(
    `${pad('category', 22)}${pad('support', 9)}${pad('P', 8)}${pad('R', 8)}${pad('F1', 8)}TP/FP/FN`,
  );
  for (const s of result.scores)
    console.log(
      `${pad(s.category, 22)}${pad(s.support, 9)}${pad(num(s.precision), 8)}${pad(num(s.recall), 8)}${pad(num(s.f1), 8)}${s.truePositives}/${s.falsePositives}/${s.falseNegatives}`,
    );
  console.log(`${pad('macro F1', 22)}${' '.repeat(25)}${num(result.macroF1)}`);
  console.log(
    `neutral false alarms: ${(result.neutralFalseAlarmRate * 100).toFixed(1)}% of ${result.neutral} items with no label get a finding`,
  );
  if (args.includes('--confusion')) {
    console.log('Confusion (labelled → found instead; "none" = neutral text or nothing found):');
    for (const [gold, row] of Object.entries(result.confusion))
      console.log(
        `  ${pad(gold, 22)}→ ${Object.entries(row)
          .map(([p, n]) => `${p} ×${n}`)
          .join(', ')}`,
      );
  }
  if (args.includes('--errors'))
    for (const e of result.errors) console.log(`  missed [${e.missed}] extra [${e.extra}]: ${e.text}`);
}
