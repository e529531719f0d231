/**
 * The adversary's reasoning, the same for both engines: given the ordered write events it reconstructed (SQLite
 * commits, PostgreSQL transactions), find where each piece of anonymous content appeared and who was marked
 * nearby, and take the smallest set of people any signal leaves. Ground truth is used only to score the result.
 */
import type { IdentityMap } from './identity.js';
import type { Row, RowVersion, WriteEvent } from './row-versions.js';

export interface ContentUnit {
  ballot: string;
  /** What the adversary sees, e.g. `answer "…"` or `pulse totals +1`. */
  label: string;
  event: WriteEvent;
  /** Submissions this unit carries: 1 for a text, the counter's increase for totals. */
  submissions: number;
  /** Single answers or ratings it carries. */
  items: number;
  /** Ground truth: who wrote it, when known. Never used to build candidate sets. */
  truth: string[];
}

export interface Candidate {
  unit: ContentUnit;
  people: Set<string>;
  signal: string;
}

/** The people a write event names, in the versions it created or ended. */
export function marksOf(event: WriteEvent, identity: IdentityMap): Set<string> {
  const out = new Set<string>();
  for (const v of [...event.created, ...event.ended])
    for (const p of identity.personsIn(v.values)) out.add(p);
  return out;
}

const holds = (v: RowVersion, text: string) =>
  Object.values(v.values).some((x) => typeof x === 'string' && x.includes(text));

/** Where each known text (an answer, a comment) first appears in any table. */
export function textUnits(
  events: WriteEvent[],
  texts: { ballot: string; text: string; person: string }[],
): ContentUnit[] {
  const units: ContentUnit[] = [];
  for (const t of texts) {
    const event = events.find((e) => e.created.some((v) => holds(v, t.text)));
    if (!event) throw new Error(`the text "${t.text}" is nowhere in the reconstructed history`);
    units.push({
      ballot: t.ballot,
      label: `"${t.text}"`,
      event,
      submissions: 1,
      items: 1,
      truth: [t.person],
    });
  }
  return units;
}

export interface TallySpec {
  ballot: string;
  table: string;
  /** The row (of the ballot) whose counter grows by one per submission. */
  matches: (row: Row) => boolean;
  submissions: (row: Row) => number;
  itemsPerSubmission: number;
  /** Ground truth: who submitted, from what the totals grew by (null when it cannot tell). */
  author?: (event: WriteEvent, added: number) => string[];
  /** What else the adversary reads off the write, for the report (e.g. the ratings it added). */
  describe?: (event: WriteEvent, added: number) => string;
}

/**
 * Each event that grows a ballot's totals, and by how many submissions: the counter's value in the version this
 * event wrote, less its value in the latest earlier version (vacuum may have removed some in between).
 */
export function tallyUnits(events: WriteEvent[], spec: TallySpec): ContentUnit[] {
  const units: ContentUnit[] = [];
  const last = new Map<string, number>();
  for (const event of [...events].sort((a, b) => a.order - b.order)) {
    for (const after of event.created.filter((v) => v.table === spec.table && spec.matches(v.values))) {
      const value = spec.submissions(after.values);
      const added = value - (last.get(after.key) ?? 0);
      last.set(after.key, value);
      if (added <= 0) continue;
      units.push({
        ballot: spec.ballot,
        label: `${spec.table} +${added}${spec.describe ? ` ${spec.describe(event, added)}` : ''}`,
        event,
        submissions: added,
        items: added * spec.itemsPerSubmission,
        truth: spec.author?.(event, added) ?? [],
      });
    }
  }
  return units;
}

/**
 * Every signal the adversary has about a unit, smallest set first: people marked since the ballot's previous
 * content write; by the same write; by the nearest marking write before and after it (writes while the leader
 * acted excluded, as the leader knows them); the nearest marking transaction ids (PostgreSQL); and the physical
 * order of rows within the write.
 */
export function candidateSets(
  units: ContentUnit[],
  events: WriteEvent[],
  identity: IdentityMap,
  everyone: Set<string>,
): Candidate[] {
  const marking = events
    .filter((e) => !e.leader)
    .map((e) => ({ e, marks: marksOf(e, identity) }))
    .filter((m) => m.marks.size > 0);
  const contentWrites = [...new Set(units.map((u) => u.event.order))].sort((a, b) => a - b);
  return units.map((unit) => {
    const signals: { people: Set<string>; signal: string }[] = [];
    // Everyone marked since the ballot's previous content write: who can have sent what this write stores.
    const since = contentWrites.filter((o) => o < unit.event.order).at(-1) ?? Number.NEGATIVE_INFINITY;
    const window = marking.filter((m) => m.e.order > since && m.e.order <= unit.event.order);
    const inWindow = new Set(window.flatMap((m) => [...m.marks]));
    if (inWindow.size > 0)
      signals.push({ people: inWindow, signal: 'marked since the previous content write' });
    const same = marking.find((m) => m.e === unit.event);
    if (same) signals.push({ people: same.marks, signal: `marked in the same write (${unit.event.label})` });
    const before = marking.filter((m) => m.e.order < unit.event.order).at(-1);
    if (before)
      signals.push({ people: before.marks, signal: `nearest marking write before (${before.e.label})` });
    const after = marking.find((m) => m.e.order > unit.event.order);
    if (after)
      signals.push({ people: after.marks, signal: `nearest marking write after (${after.e.label})` });
    const xid = unit.event.xid;
    if (xid !== null) {
      const lower = marking
        .filter((m) => m.e.xid !== null && m.e.xid < xid)
        .sort((a, b) => xidOf(b) - xidOf(a))[0];
      const higher = marking
        .filter((m) => m.e.xid !== null && m.e.xid > xid)
        .sort((a, b) => xidOf(a) - xidOf(b))[0];
      if (lower) signals.push({ people: lower.marks, signal: `adjacent xmin below (${lower.e.label})` });
      if (higher) signals.push({ people: higher.marks, signal: `adjacent xmin above (${higher.e.label})` });
    }
    const aligned = physicalAlignment(unit, identity);
    if (aligned) signals.push(aligned);
    signals.sort((a, b) => a.people.size - b.people.size);
    return { unit, ...(signals[0] ?? { people: everyone, signal: 'no signal' }) };
  });
}

const xidOf = (m: { e: WriteEvent }) => m.e.xid ?? 0;

/**
 * Within one write holding rows of several submissions: if the rows' physical order is not simply their key
 * order, it is the order they were written in; if the write's marking rows are ordered too, the i-th row lines
 * up with the person marked at the same relative position.
 */
function physicalAlignment(
  unit: ContentUnit,
  identity: IdentityMap,
): { people: Set<string>; signal: string } | null {
  const { event } = unit;
  const text = unit.label.startsWith('"') ? unit.label.slice(1, -1) : null;
  if (!text || !event.physical) return null;
  for (const [table, pages] of event.physical) {
    for (const order of pages) {
      const rows = order.map((key) => event.created.find((v) => v.table === table && v.key === key));
      const position = rows.findIndex((v) => v !== undefined && holds(v, text));
      if (position < 0 || inKeyOrder(order)) continue;
      const marked = markingOrder(event, identity);
      if (marked.length < 2) return null;
      const person = marked[Math.floor((position * marked.length) / order.length)];
      return person ? { people: new Set([person]), signal: `physical order within ${event.label}` } : null;
    }
  }
  return null;
}

const inKeyOrder = (keys: string[]) => keys.every((key, i) => i === 0 || (keys[i - 1] ?? '') < key);

function markingOrder(event: WriteEvent, identity: IdentityMap): string[] {
  const out: string[] = [];
  for (const [table, pages] of event.physical ?? []) {
    for (const key of pages.flat()) {
      const v = event.created.find((c) => c.table === table && c.key === key);
      for (const p of v ? identity.personsIn(v.values) : []) if (!out.includes(p)) out.push(p);
    }
  }
  return out;
}

/** Structural facts that must hold for SPEC §5, with what the adversary recovered when one does not. */
export interface Violation {
  rule: string;
  detail: string;
}

export function checkMarkingBatches(events: WriteEvent[], identity: IdentityMap, k: number): Violation[] {
  return events
    .filter((e) => !e.leader)
    .map((e) => ({ e, marks: marksOf(e, identity) }))
    .filter((m) => m.marks.size > 0 && m.marks.size < k)
    .map((m) => ({
      rule: `a write made while people act marks >= ${k} people`,
      detail: `${m.e.label}${m.e.time ? ` at ${m.e.time}` : ''} marks {${[...m.marks].map((p) => identity.nameOf(p)).join(', ')}} in ${[
        ...new Set(
          [...m.e.created, ...m.e.ended]
            .filter((v) => identity.personsIn(v.values).size > 0)
            .map((v) => v.table),
        ),
      ].join(', ')}`,
    }));
}

/** No write groups several answers (or ratings) unless they come from >= k people. */
export function checkGrouping(units: ContentUnit[], identity: IdentityMap, k: number): Violation[] {
  const byWrite = new Map<string, ContentUnit[]>();
  for (const u of units) {
    const id = `${u.ballot}@${u.event.label}`;
    byWrite.set(id, [...(byWrite.get(id) ?? []), u]);
  }
  const out: Violation[] = [];
  for (const [id, group] of byWrite) {
    const items = group.reduce((n, u) => n + u.items, 0);
    const authors = new Set(group.flatMap((u) => u.truth));
    const people = Math.max(authors.size, ...group.map((u) => u.submissions));
    if (items > 1 && people < k) {
      const who =
        authors.size > 0 ? [...authors].map((p) => identity.nameOf(p)).join(', ') : `${people} submission(s)`;
      out.push({
        rule: `a write adding several answers adds those of >= ${k} people`,
        detail: `${id} adds ${items} items of {${who}}: ${group.map((u) => u.label).join(', ')}`,
      });
    }
  }
  return out;
}

/**
 * Anonymous rows (naming nobody) that one write adds for several submissions must lie in key order (random ids,
 * hashes), never in the order they were written. Rows naming people may lie in any order: they name them anyway.
 */
export function checkPhysicalOrder(units: ContentUnit[], identity: IdentityMap): Violation[] {
  const out: Violation[] = [];
  for (const event of new Set(units.map((u) => u.event))) {
    const here = units.filter((x) => x.event === event);
    const people = Math.max(new Set(here.flatMap((x) => x.truth)).size, ...here.map((x) => x.submissions));
    if (people < 2 || !event.physical) continue;
    for (const [table, pages] of event.physical) {
      const rows = event.created.filter((v) => v.table === table);
      if (rows.some((v) => identity.personsIn(v.values).size > 0)) continue;
      const order = pages.find((keys) => !inKeyOrder(keys));
      if (!order) continue;
      out.push({
        rule: 'anonymous rows of one write lie in key order',
        detail: `${event.label}: ${table} rows of ${people} submissions lie in write order, not key order (${order.length} rows on one page)`,
      });
    }
  }
  return out;
}

export function checkCandidates(candidates: Candidate[], identity: IdentityMap, k: number): Violation[] {
  return candidates
    .filter((c) => c.people.size < k)
    .map((c) => ({
      rule: `every answer's candidate set has >= ${k} people`,
      detail: `${c.unit.ballot} ${c.unit.label} → {${[...c.people].map((p) => identity.nameOf(p)).join(', ')}} (${c.signal})${
        c.unit.truth.length === 1
          ? c.people.has(c.unit.truth[0] ?? '')
            ? ' ✔ correct'
            : ' ✘ wrong person'
          : ''
      }`,
    }));
}

/** Per ballot: units linked to a single person, and how many of those are right. */
export function score(
  candidates: Candidate[],
): Record<string, { units: number; single: number; correct: number }> {
  const out: Record<string, { units: number; single: number; correct: number }> = {};
  for (const c of candidates) {
    const s = out[c.unit.ballot] ?? { units: 0, single: 0, correct: 0 };
    s.units++;
    if (c.people.size === 1) {
      s.single++;
      if (c.unit.truth.length === 1 && c.people.has(c.unit.truth[0] ?? '')) s.correct++;
    }
    out[c.unit.ballot] = s;
  }
  return out;
}
