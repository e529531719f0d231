// `npm run train:coach`: trains the coach's model and writes packages/core/src/coach/model/weights-en.ts.
// 1. Training data: packages/core/src/coach/data/train-en.jsonl (independent writers) and the rules' corpus
//    (coach/eval/corpus-en.jsonl), one example per labelled sentence.
// 2. One logistic regression per category (core's coach/model/train.ts), seeded and in a fixed order: the same
//    data gives the same weights file, byte for byte.
// 3. Per-category thresholds (F1, then the neutral false-alarm cap) chosen on data/validation-en.jsonl together
//    with every training writer's items as scored by a model trained without that writer (5 folds by writer):
//    scores of text the model never read, as a stranger's text will be, and ten times more of them than the
//    validation split alone. The blind set is never read here.
// Usage: node scripts/train-coach.mjs [--convert]   (--convert first re-reads the writers' drafts)
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const run = (args) => execFileSync(process.execPath, args, { cwd: root, stdio: 'inherit' });
if (process.argv.includes('--convert')) run([path.join(root, 'scripts/convert-coach-corpus.mjs')]);
const tsc = path.join(root, 'node_modules/typescript/bin/tsc');
run([tsc, '-b', 'packages/core']);

const dist = (file) => pathToFileURL(path.join(root, 'packages/core/dist/coach', file)).href;
const model = await import(dist('model/index.js'));
const { ENGLISH } = await import(dist('rules/en/index.js'));
const { COACH_CATEGORIES } = await import(dist('types.js'));

/** Chosen by cross-validation across writers (train on four, test on the fifth), regularisation on validation. */
const OPTIONS = {
  epochs: 20,
  l2: 3e-4,
  l1: 0,
  learningRate: 0.2,
  seed: 20_261_202,
  minCount: 1,
  keepPerCategory: 16_000,
};
/** Folds by writer for the out-of-writer scores the thresholds are chosen on. */
const FOLDS = 5;
const SCALE = 16;
/** The share of neutral items (validation and out-of-writer) allowed any finding. */
const NEUTRAL_FALSE_ALARMS = 0.03;
/** How much lower a category's score may be where its rule fired (tried on validation). */
const RULE_TRUST = [0, 0.5, 1, 1.5, 2, 3, 4];
/** A category score above which the gate is ignored (tried on validation; 1e9: never). */
const GATE_OVERRIDE = [4, 6, 8, 1e9];
/** Log-odds a finding may need: at least about 8% probability, so that no category fires on a hunch. */
const THRESHOLD_RANGE = { min: -2.5, max: 4, step: 0.05 };

const DATA = path.join(root, 'packages/core/src/coach/data');
const read = (file) =>
  readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line));
const train = [
  ...read(path.join(DATA, 'train-en.jsonl')),
  ...read(path.join(root, 'packages/core/src/coach/eval/corpus-en.jsonl')),
];
const validation = read(path.join(DATA, 'validation-en.jsonl'));

const C = COACH_CATEGORIES.length;
const units = new model.GrowingUnits(ENGLISH);
// Output C is the gate: the sentence makes some move at all.
const examplesOf = (items) =>
  items
    .flatMap((item) => model.trainingExamples(item, units, ENGLISH))
    .map((e) => ({ keys: e.keys, labels: e.labels === 0 ? 0 : e.labels | (1 << C) }));
const examples = examplesOf(train);
const t0 = performance.now();
const trained = model.trainLogistic(examples, { ...OPTIONS, categories: C + 1 });
const trainSeconds = (performance.now() - t0) / 1000;
const zero = [...COACH_CATEGORIES.map(() => 0), 0];
const raw = model.serializeModel(trained, units.names, COACH_CATEGORIES, zero, SCALE, true);

// Thresholds, on validation: for each gate threshold, each category's best-F1 threshold (raised where
// neutral items would otherwise get findings); the gate threshold with the best macro F1 wins.
const scorer = new model.CoachModel(raw, ENGLISH, zero);
const tuning = [...validation];
const perSentence = validation.map((item) => model.scoreText(item.text, scorer, item.context, ENGLISH));
// Out-of-writer scores: each writer's items scored by a model trained on the other folds (the rules' corpus,
// which has no writer, is always trained on). Fold k holds the writers whose sorted index is k modulo FOLDS.
const writers = [...new Set(train.map((item) => item.writer).filter(Boolean))].sort();
const foldOf = (item) => (item.writer ? writers.indexOf(item.writer) % FOLDS : -1);
const t1 = performance.now();
for (let fold = 0; fold < FOLDS; fold++) {
  const rest = examplesOf(train.filter((item) => foldOf(item) !== fold));
  const foldModel = model.trainLogistic(rest, { ...OPTIONS, categories: C + 1 });
  const foldScorer = new model.CoachModel(
    model.serializeModel(foldModel, units.names, COACH_CATEGORIES, zero, SCALE, true),
    ENGLISH,
    zero,
  );
  for (const item of train.filter((item) => foldOf(item) === fold)) {
    tuning.push(item);
    perSentence.push(model.scoreText(item.text, foldScorer, item.context, ENGLISH));
  }
}
const foldSeconds = (performance.now() - t1) / 1000;
const gold = COACH_CATEGORIES.map((c) => tuning.map((item) => item.labels.includes(c)));
const neutral = tuning.map((item, i) => (item.labels.length === 0 ? i : -1)).filter((i) => i >= 0);
let chosen = null;
// First with every category at its best-F1 threshold and the gate alone meeting the false-alarm cap; when
// no gate can, categories are raised too.
for (const gateOnly of [true, false]) {
  if (chosen) break;
  for (let g = -3; g <= 8 + 1e-9; g += 0.25)
    for (const trust of RULE_TRUST)
      for (const override of GATE_OVERRIDE) {
        const scores = perSentence.map((sentences) => {
          const best = new Array(C).fill(-1e9);
          for (const { margins: m, rules } of sentences)
            for (let c = 0; c < C; c++) {
              const score = rules & (1 << c) ? m[c] + trust : m[C] > g || m[c] > override ? m[c] : -1e9;
              best[c] = Math.max(best[c], score);
            }
          return best;
        });
        choose({ gate: g, trust, override }, scores, gateOnly);
      }
}

function choose(settings, scores, gateOnly) {
  const cuts = COACH_CATEGORIES.map(
    (_, c) =>
      model.bestThreshold(
        scores.map((s) => s[c]),
        gold[c],
        THRESHOLD_RANGE,
      ).threshold,
  );
  const uncapped = [...cuts];
  if (gateOnly && falseAlarmShare(cuts, scores) > NEUTRAL_FALSE_ALARMS) return;
  capFalseAlarms(cuts, scores);
  const macro = COACH_CATEGORIES.reduce((sum, _, c) => sum + f1(scores, c, cuts[c]), 0) / C;
  if (!chosen || macro > chosen.macro + 1e-9) chosen = { ...settings, cuts, uncapped, macro, scores };
}
// Rounded up: a threshold just above a neutral item's score must stay above it.
const thresholds = [...chosen.cuts, chosen.gate].map((t) => Math.ceil(t * 1000) / 1000);
const serialized = { ...raw, thresholds, ruleTrust: chosen.trust, gateOverride: chosen.override };

const header = [
  '// Generated by `npm run train:coach` (scripts/train-coach.mjs). Do not edit: retrain instead.',
  `// ${examples.length} labelled sentences (data/train-en.jsonl and eval/corpus-en.jsonl); thresholds chosen on`,
  `// data/validation-en.jsonl and out-of-writer scores (${FOLDS} folds). ${serialized.features.split(',').length} features over ${serialized.units.split('\n').length} units; options ${JSON.stringify(OPTIONS)}.`,
];
const file = path.join(root, 'packages/core/src/coach/model/weights-en.ts');
writeFileSync(
  file,
  `${header.join('\n')}\nimport type { SerializedModel } from './coach-model.js';\n\nexport const EN_MODEL: SerializedModel = ${JSON.stringify(serialized, null, 2)};\n`,
);

// Biome's formatting, so that the generated file passes `npm run lint` as written.
execFileSync(path.join(root, 'node_modules/.bin/biome'), ['format', '--write', file], {
  cwd: root,
  stdio: 'ignore',
});
const size = readFileSync(file).length;
console.log(
  `Trained on ${examples.length} sentences in ${trainSeconds.toFixed(1)} s (${FOLDS} out-of-writer folds in ${foldSeconds.toFixed(1)} s): ${header[2].slice(3)}\n` +
    `On validation and out-of-writer scores together: macro F1 ${chosen.macro.toFixed(3)}, neutral false alarms ${(100 * falseAlarmShare(chosen.cuts, chosen.scores)).toFixed(1)}%.\n` +
    `Gate threshold ${chosen.gate}, rule trust ${chosen.trust}, gate override ${chosen.override}; category thresholds (log-odds; best F1 → after the false-alarm cap): ${COACH_CATEGORIES.map((c, i) => `${c} ${chosen.uncapped[i].toFixed(2)} → ${serialized.thresholds[i]}`).join(', ')}\n` +
    `→ ${path.relative(root, file)} (${Math.round(size / 1024)} KB)`,
);

function f1(scores, c, t) {
  let tp = 0;
  let fp = 0;
  let fn = 0;
  scores.forEach((s, i) => {
    const p = s[c] > t;
    if (p && gold[c][i]) tp++;
    else if (p) fp++;
    else if (gold[c][i]) fn++;
  });
  return tp === 0 ? 0 : (2 * tp) / (2 * tp + fp + fn);
}

function falseAlarmShare(cuts, scores) {
  return neutral.filter((i) => scores[i].some((s, c) => s > cuts[c])).length / neutral.length;
}

/** Raises thresholds, cheapest F1 loss first, until at most the allowed share of neutral items has a finding. */
function capFalseAlarms(cuts, scores) {
  const falseAlarms = () => neutral.filter((i) => scores[i].some((s, c) => s > cuts[c])).length;
  while (falseAlarms() > NEUTRAL_FALSE_ALARMS * neutral.length) {
    let best = null;
    for (let c = 0; c < cuts.length; c++) {
      // The smallest raise that clears one more neutral item of this category.
      const above = neutral.map((i) => scores[i][c]).filter((s) => s > cuts[c]);
      if (above.length === 0) continue;
      const next = Math.min(...above) + 1e-6;
      const loss = f1(scores, c, cuts[c]) - f1(scores, c, next);
      if (!best || loss < best.loss) best = { c, next, loss };
    }
    if (!best) break;
    cuts[best.c] = best.next;
  }
}
