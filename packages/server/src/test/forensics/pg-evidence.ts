/**
 * What a PostgreSQL cluster's files give a superuser: every row version with the transaction that wrote it and
 * the one that ended it (pageinspect), the order and time transactions committed in (pg_waldump), and the
 * physical order of versions on their pages.
 */
import pg from 'pg';
import type { Phase } from './forensic-app.js';
import { type HeapTable, type HeapVersion, readHeap } from './pg-heap.js';
import { readPgWal, type WalReading } from './pg-wal.js';
import type { WriteEvent } from './row-versions.js';

export interface PgEvidence {
  events: WriteEvent[];
  heap: HeapTable[];
  wal: WalReading;
  notes: string[];
  /** Dead versions (ended by a later write) per table. */
  deadVersions: Record<string, number>;
}

/** `texts`: the answers and comments once revealed, whose bytes the adversary looks for in the WAL. */
export async function readPgEvidence(url: string, phases: Phase[], texts: string[]): Promise<PgEvidence> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const heap = await readHeap(client);
    const startLsn = phases[0]?.start.lsn ?? '0/0';
    const wal = await readPgWal(client, startLsn, texts);
    const notes = [wal.note];
    const versions = heap.flatMap((t) => t.versions);
    const byXmin = groupBy(versions, (v) => v.xmin);
    const byXmax = groupBy(
      versions.filter((v) => v.xmax !== null),
      (v) => v.xmax ?? 0,
    );
    const xids = [...new Set([...byXmin.keys(), ...byXmax.keys(), ...wal.transactions.map((t) => t.xid)])];
    const walOrder = new Map(wal.transactions.map((t, i) => [t.xid, i]));
    // Commit order where the WAL says it; transactions it does not cover (before it was read) by xid.
    xids.sort((a, b) => (walOrder.get(a) ?? -1) - (walOrder.get(b) ?? -1) || a - b);
    const firstActing = Math.min(...phases.filter((p) => p.kind !== 'leader').map((p) => p.start.nextXid));
    const events = xids.map((xid, order): WriteEvent => {
      const phase = phases.find((p) => xid >= p.start.nextXid && xid < p.end.nextXid);
      const created = (byXmin.get(xid) ?? []).filter((v) => v.xmax !== xid);
      const ended = (byXmax.get(xid) ?? []).filter((v) => v.xmin !== xid);
      return {
        label: `xid ${xid}`,
        order,
        xid,
        time: wal.transactions.find((t) => t.xid === xid)?.commitTime ?? null,
        leader: phase ? phase.kind === 'leader' : xid < firstActing,
        truthActor: phase?.person ?? null,
        created,
        ended,
        physical: physicalOrders(created),
      };
    });
    // A text whose first copy is in an earlier transaction's WAL record than in any surviving row version
    // (pruning and vacuum remove dead versions; the WAL keeps them).
    const holds = (values: Record<string, unknown>, text: string) =>
      Object.values(values).some((x) => typeof x === 'string' && x.includes(text));
    for (const [text, origin] of wal.textOrigins) {
      const event = events.find((e) => e.xid === origin.xid);
      if (!event) continue;
      const firstInHeap = events.find((e) => e.created.some((v) => holds(v.values, text)));
      if (firstInHeap && firstInHeap.order <= event.order) continue;
      event.created.push({ table: origin.table, key: `wal:${text}`, values: { body: text }, place: null });
    }
    const deadVersions: Record<string, number> = {};
    for (const t of heap) deadVersions[t.name] = t.versions.filter((v) => v.xmax !== null).length;
    return { events, heap, wal, notes, deadVersions };
  } finally {
    await client.end();
  }
}

/**
 * Versions one transaction created, per table and page, in write order: a tuple's space is taken from the top of
 * the page's free space downwards, so a lower offset was written later (line pointers may be reused, so they are
 * not used; across pages the free-space map gives no order).
 */
function physicalOrders(created: HeapVersion[]): Map<string, string[][]> {
  const out = new Map<string, string[][]>();
  for (const [table, versions] of groupBy(created, (v) => v.table)) {
    const pages = [...groupBy(versions, (v) => v.block).values()]
      .filter((onPage) => onPage.length >= 2)
      .map((onPage) => [...onPage].sort((a, b) => b.offset - a.offset).map((v) => v.key));
    if (pages.length > 0) out.set(table, pages);
  }
  return out;
}

function groupBy<T, K>(items: T[], key: (item: T) => K): Map<K, T[]> {
  const out = new Map<K, T[]>();
  for (const item of items) {
    const k = key(item);
    out.set(k, [...(out.get(k) ?? []), item]);
  }
  return out;
}

/** Live rows as a plain query shows them, with xmin and ctid (the physical facts every row carries). */
export async function liveRowFacts(url: string): Promise<{ table: string; xmin: number; ctid: string }[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const tables = await client.query<{ name: string }>(
      "select tablename as name from pg_tables where schemaname = 'public' order by tablename",
    );
    const out: { table: string; xmin: number; ctid: string }[] = [];
    for (const t of tables.rows) {
      const rows = await client.query<{ xmin: string; ctid: string }>(
        `select xmin::text as xmin, ctid::text as ctid from "${t.name}"`,
      );
      for (const r of rows.rows) out.push({ table: t.name, xmin: Number(r.xmin), ctid: r.ctid });
    }
    return out;
  } finally {
    await client.end();
  }
}
