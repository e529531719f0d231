/**
 * What the files of a SQLite deployment give away: the WAL replayed commit by commit (each commit's row versions),
 * and the b-tree layout of each commit's pages (the order rows were written in).
 */
import type { Phase } from './forensic-app.js';
import { type Dump, diffDumps, dumpSqliteImage, type Row, type WriteEvent } from './row-versions.js';
import { btreeCells, commitWriteOrder, layoutOrder } from './sqlite-pages.js';
import { imagesByCommit } from './sqlite-wal.js';
import type { SqliteWatch } from './sqlite-watch.js';

export interface SqliteEvidence {
  events: WriteEvent[];
  /** The database as of the last commit, and its page size, for layout reading. */
  finalImage: Buffer;
  finalDump: Dump;
  pageSize: number;
  notes: string[];
}

/**
 * Every commit the copies saw, oldest first, rebuilt from the main file and the WAL frames up to it. Writes that
 * a checkpoint folded into the main file before any copy saw them in the WAL become one event ("folded").
 */
export function replaySqlite(watch: SqliteWatch, phases: Phase[]): SqliteEvidence {
  const notes = [
    `${watch.copies} copies of the files, ${watch.generations.length} WAL generation(s): ${watch.generations
      .map((g) => `${g.log.commits.length} commits`)
      .join(', ')}`,
  ];
  const firstActing = Math.min(...phases.filter((p) => p.kind !== 'leader').map((p) => p.start.copy));
  const events: WriteEvent[] = [];
  let previous: Dump | null = null;
  let finalImage: Buffer = Buffer.alloc(0);
  let previousImage: Buffer | null = null;
  let finalDump: Dump = new Map();
  let pageSize = 4096;
  const add = (label: string, seen: number, dump: Dump, image: Buffer) => {
    const { created, ended } = diffDumps(previous, dump);
    const phase = phases.find((p) => seen > p.start.copy && seen <= p.end.copy);
    const event: WriteEvent = {
      label,
      order: events.length,
      xid: null,
      time: null,
      leader: phase ? phase.kind === 'leader' : seen <= firstActing,
      truthActor: phase?.person ?? null,
      created,
      ended,
    };
    event.physical = physicalOrders(event, dump, previousImage, image, pageSize);
    if (created.length + ended.length > 0 || previous === null) events.push(event);
    previous = dump;
    previousImage = image;
    finalImage = image;
    finalDump = dump;
  };
  for (const [g, generation] of watch.generations.entries()) {
    if (generation.log.pageSize > 0) pageSize = generation.log.pageSize;
    if (generation.base.length >= 512) {
      const base = Buffer.from(generation.base);
      base[18] = 1;
      base[19] = 1;
      add(
        g === 0 ? 'main file' : `folded by checkpoint ${g}`,
        generation.firstCopy,
        dumpSqliteImage(base),
        base,
      );
    }
    for (const { commit, image } of imagesByCommit(generation.base, generation.wal, generation.log))
      add(
        `commit ${g + 1}.${commit.index + 1}`,
        watch.firstSeen(generation, commit.index),
        dumpSqliteImage(image),
        image,
      );
  }
  if (watch.generations.length > 1)
    notes.push('checkpoints restarted the WAL during the script; the copies kept each generation');
  return { events, finalImage, finalDump, pageSize, notes };
}

/**
 * For each table where the commit created several rows: rowid order in rowid tables (rowids are handed out in
 * insertion order); in WITHOUT ROWID tables, the order the pages prove (sqlite-pages.ts, commitWriteOrder).
 */
function physicalOrders(
  event: WriteEvent,
  dump: Dump,
  before: Buffer | null,
  image: Buffer,
  pageSize: number,
): Map<string, string[][]> {
  const out = new Map<string, string[][]>();
  for (const table of new Set(event.created.map((v) => v.table))) {
    const rows = event.created.filter(
      (v) => v.table === table && !event.ended.some((e) => e.key === v.key && e.table === table),
    );
    const info = dump.get(table);
    if (rows.length < 2 || !info) continue;
    if (!info.withoutRowid) {
      out.set(table, [[...rows].sort((a, b) => Number(a.place) - Number(b.place)).map((v) => v.key)]);
      continue;
    }
    const needles = new Map(rows.map((v) => [String((JSON.parse(v.key) as unknown[])[0]), v.key]));
    const pages = commitWriteOrder(before, image, pageSize, info.rootpage, [...needles.keys()]);
    if (pages.length > 0)
      out.set(
        table,
        pages.map((keys) => keys.map((k) => needles.get(k) ?? k)),
      );
  }
  return out;
}

/**
 * What the final layout alone says (no WAL needed): each table's rows in the order they were written, as far as
 * the pages keep it: rowid order in rowid tables, descending cell offset per page in WITHOUT ROWID tables.
 */
export function finalLayout(evidence: SqliteEvidence, tables: string[]): Map<string, Row[][]> {
  const out = new Map<string, Row[][]>();
  for (const table of tables) {
    const info = evidence.finalDump.get(table);
    if (!info) continue;
    const rows = [...info.rows.entries()];
    if (!info.withoutRowid) {
      out.set(table, [rows.sort((a, b) => (a[1].rowid ?? 0) - (b[1].rowid ?? 0)).map(([, r]) => r.values)]);
      continue;
    }
    const byNeedle = new Map(rows.map(([key, r]) => [String((JSON.parse(key) as unknown[])[0]), r.values]));
    const cells = btreeCells(evidence.finalImage, evidence.pageSize, info.rootpage);
    out.set(
      table,
      layoutOrder(cells, [...byNeedle.keys()]).map((page) => page.keys.map((k) => byNeedle.get(k) ?? {})),
    );
  }
  return out;
}
