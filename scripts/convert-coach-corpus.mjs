// `node scripts/convert-coach-corpus.mjs [drafts-folder]`: turns the writers' labelled drafts (JSON Lines, see
// COMMON.md in the drafts folder) into the coach's committed data files:
//   packages/core/src/coach/data/train-en.jsonl       training writers w1–w9 and the first two blind splits
//                                                     (`blind`, `blind2`), each scored once at its milestone
//                                                     before it was trained on
//   packages/core/src/coach/data/validation-en.jsonl  the validation writers (thresholds are chosen on it)
//   packages/core/src/coach/data/blind-en.jsonl       with --blind only: the blind split (`blind3`), written
//                                                     by three writers who never saw the rules or training data
// One {"text", "labels"} line per item, as the evaluation reads them; a message is its sentences joined, with the
// union of their labels, and keeps its sentences' own labels in "sentences" for training. Every line is checked
// (known labels, non-empty text), duplicates are dropped (validation wins over training), counts are printed.
// Only the folders named below are read. No blind item is in another split; it is
// written once, committed before training, and only scored at milestones.
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const drafts = path.resolve(process.argv.slice(2).find((a) => !a.startsWith('--')) ?? '/work/corpus-drafts');
const OUT = path.join(root, 'packages/core/src/coach/data');
// A blind split joins the training writers once it has been scored at its milestone (it is no longer blind).
const TRAINING_WRITERS = ['w1', 'w2', 'w3', 'w4', 'w5', 'w6', 'w7', 'w8', 'w9', 'blind', 'blind2'];
const BLIND = ['blind3'];
const writeBlind = process.argv.includes('--blind');
const VALIDATION = ['validation'];
const CATEGORIES = new Set([
  ...['justify', 'deflect', 'minimize', 'intent_over_impact', 'conditional_apology', 'relitigate'],
  ...['acknowledge_impact', 'own', 'open_question', 'validate', 'specific_commitment', 'vague_commitment'],
  'invite_feedback',
]);
const CONTEXTS = new Set([
  'forecast',
  'response',
  'acknowledgement',
  'follow_up',
  'commitment',
  'missed_note',
]);
// The coach's smoke check (issue #11): never trained on, so that passing it means something.
const HELD_OUT = [
  'We only had two days to answer the regulator, so there was no time to ask all of you.',
  'Mistakes happened on all sides during the handover.',
  'That fear of speaking up in meetings is something I caused.',
  'Come find me any time this month if I fall back into announcing things without you.',
  'honestly the changes are fairly minor for most of you',
  'Both were my decisions',
  'Don’t you think it was only one weekend?',
  "Don't you think it was only one weekend?",
].map((s) => key(s));

function key(text) {
  return text
    .toLowerCase()
    .replace(/[\u2018\u2019]/g, "'")
    .replace(/[\u201c\u201d]/g, '"')
    .replace(/\s+/g, ' ')
    .trim();
}

function checkLabels(labels, where) {
  if (!Array.isArray(labels)) throw new Error(`${where}: labels must be an array`);
  for (const label of labels) if (!CATEGORIES.has(label)) throw new Error(`${where}: unknown label ${label}`);
  return [...new Set(labels)].sort();
}

function checkText(text, where) {
  if (typeof text !== 'string' || text.trim() === '') throw new Error(`${where}: empty text`);
  return text;
}

/** One draft line as a data line, or throws saying why it is not one. */
function convertLine(value, where, writer) {
  const context = value.context === undefined ? undefined : String(value.context);
  if (context !== undefined && !CONTEXTS.has(context))
    throw new Error(`${where}: unknown context ${context}`);
  const extra = { writer, ...(context ? { context } : {}) };
  if (value.kind === 'message') {
    if (!Array.isArray(value.sentences) || value.sentences.length === 0)
      throw new Error(`${where}: a message needs sentences`);
    const joiner = typeof value.joiner === 'string' ? value.joiner : ' ';
    const sentences = value.sentences.map((s, i) => ({
      text: checkText(s?.text, `${where} sentence ${i + 1}`),
      labels: checkLabels(s?.labels, `${where} sentence ${i + 1}`),
    }));
    const text = sentences.map((s) => s.text).join(joiner);
    const labels = [...new Set(sentences.flatMap((s) => s.labels))].sort();
    return { text, labels, sentences, joiner, ...extra };
  }
  if (value.kind !== 'sentence' && value.kind !== undefined) throw new Error(`${where}: unknown kind`);
  return { text: checkText(value.text, where), labels: checkLabels(value.labels, where), ...extra };
}

function readFolder(name, report) {
  const folder = path.join(drafts, name);
  if (!existsSync(folder)) return { items: [], done: false };
  const done = existsSync(path.join(folder, 'DONE')) || readdirSync(folder).some((f) => f.endsWith('-DONE'));
  const items = [];
  for (const file of readdirSync(folder)
    .filter((f) => f.endsWith('.jsonl'))
    .sort()) {
    const lines = readFileSync(path.join(folder, file), 'utf8').split('\n');
    lines.forEach((line, i) => {
      if (line.trim() === '') return;
      const where = `${name}/${file}:${i + 1}`;
      try {
        items.push(convertLine(JSON.parse(line), where, name));
      } catch (error) {
        // A folder still being written may end in a half-written line; anything else is reported too.
        report.rejected.push(`${where}: ${error.message}`);
      }
    });
  }
  return { items, done };
}

function dedupe(items, seen, report, split) {
  const out = [];
  for (const item of items) {
    const k = key(item.text);
    const heldOut = HELD_OUT.some(
      (h) => k.includes(h) || (item.sentences ?? []).some((s) => key(s.text) === h),
    );
    if (heldOut) {
      report.heldOut++;
      continue;
    }
    const previous = seen.get(k);
    if (previous) {
      if (previous.labels.join() !== item.labels.join())
        report.conflicts.push(`${split}: "${item.text}" [${item.labels}] vs [${previous.labels}]`);
      report.duplicates++;
      continue;
    }
    seen.set(k, item);
    out.push(item);
  }
  return out;
}

function counts(items) {
  const perLabel = Object.fromEntries([...CATEGORIES].map((c) => [c, 0]));
  for (const item of items) for (const label of item.labels) perLabel[label]++;
  return {
    items: items.length,
    messages: items.filter((i) => i.sentences).length,
    neutral: items.filter((i) => i.labels.length === 0).length,
    perLabel,
  };
}

const report = { rejected: [], duplicates: 0, conflicts: [], heldOut: 0 };
const seen = new Map();
const folders = {};

/** The items of the named folders, less any item an earlier split already has. */
function split(names, name) {
  const items = names.flatMap((folder) => {
    const read = readFolder(folder, report);
    folders[folder] = { items: read.items.length, done: read.done };
    return read.items;
  });
  return dedupe(items, seen, report, name);
}
const validation = split(VALIDATION, 'validation');
const train = split(TRAINING_WRITERS, 'train');
// The blind split after validation and training: an item they already have is dropped from it, so that no
// blind item was trained on.
const blind = split(BLIND, 'blind');

mkdirSync(OUT, { recursive: true });
const write = (file, items) =>
  writeFileSync(path.join(OUT, file), items.map((item) => `${JSON.stringify(item)}\n`).join(''));
write('train-en.jsonl', train);
write('validation-en.jsonl', validation);
// Only text and labels: how the evaluation scores it, per item.
if (writeBlind)
  write(
    'blind-en.jsonl',
    blind.map(({ text, labels }) => ({ text, labels })),
  );

console.log(`Drafts from ${drafts}:`);
for (const [name, f] of Object.entries(folders))
  console.log(
    `  ${name.padEnd(11)} ${String(f.items).padStart(5)} items${f.done ? ' (DONE)' : ' (still being written)'}`,
  );
console.log(
  `Dropped: ${report.duplicates} duplicates, ${report.heldOut} smoke-check sentences, ${report.rejected.length} invalid lines.`,
);
for (const line of report.rejected) console.log(`  invalid: ${line}`);
for (const line of report.conflicts) console.log(`  duplicate with other labels: ${line}`);
for (const [name, items] of [
  ['blind-en.jsonl', blind],
  ['train-en.jsonl', train],
  ['validation-en.jsonl', validation],
]) {
  const c = counts(items);
  console.log(`${name}: ${c.items} items (${c.messages} messages, ${c.neutral} neutral)`);
  console.log(
    `  ${Object.entries(c.perLabel)
      .map(([l, n]) => `${l} ${n}`)
      .join(', ')}`,
  );
}
