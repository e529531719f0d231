/**
 * The engine-neutral record of what each write did, as the adversary reconstructs it: SQLite commits rebuilt
 * from the WAL, or PostgreSQL transactions read from tuple headers and the WAL. Each write event lists the row
 * versions it created and the ones it ended (an update does both).
 */
import SQLite from 'better-sqlite3';

export type Row = Record<string, unknown>;

export interface RowVersion {
  table: string;
  /** The row's primary key (or rowid), the same for every version of one row. */
  key: string;
  values: Row;
  /** Where the version sits: SQLite rowid (rowid tables), PostgreSQL ctid; null when not known. */
  place: string | null;
}

export interface WriteEvent {
  /** "commit 17" or "xid 812". */
  label: string;
  /** Position in commit order. */
  order: number;
  /** PostgreSQL transaction id; null on SQLite. */
  xid: number | null;
  /** Commit time when the storage keeps one (PostgreSQL's WAL), else null. */
  time: string | null;
  /** True when the write happened while the leader (not a person) was acting: the leader knows those anyway. */
  leader: boolean;
  /** Ground truth only (from the script's phases): the person acting when this was written. */
  truthActor: string | null;
  created: RowVersion[];
  ended: RowVersion[];
  /**
   * For tables where this write created several rows: their keys in the order the pages prove they were written,
   * one sequence per page (across pages storage gives no reliable order).
   */
  physical?: Map<string, string[][]>;
}

export interface TableDump {
  name: string;
  withoutRowid: boolean;
  rootpage: number;
  /** Indexes of the table: name and root page. */
  indexes: { name: string; rootpage: number }[];
  rows: Map<string, { values: Row; rowid: number | null }>;
}

export type Dump = Map<string, TableDump>;

/** Every table of a SQLite database image, rows keyed by primary key (or rowid when there is none). */
export function dumpSqliteImage(image: Buffer): Dump {
  const db = new SQLite(image);
  try {
    const master = db
      .prepare(
        "select type, name, tbl_name, rootpage, sql from sqlite_master where name not like 'sqlite_%' or name like 'sqlite_autoindex_%'",
      )
      .all() as { type: string; name: string; tbl_name: string; rootpage: number; sql: string | null }[];
    const dump: Dump = new Map();
    for (const table of master.filter((m) => m.type === 'table')) {
      const withoutRowid = /without\s+rowid/i.test(table.sql ?? '');
      const info = db.prepare(`pragma table_info("${table.name}")`).all() as { name: string; pk: number }[];
      const pk = info
        .filter((c) => c.pk > 0)
        .sort((a, b) => a.pk - b.pk)
        .map((c) => c.name);
      const select = withoutRowid
        ? `select * from "${table.name}"`
        : `select rowid as "__rowid", * from "${table.name}"`;
      const rows = new Map<string, { values: Row; rowid: number | null }>();
      for (const raw of db.prepare(select).all() as Row[]) {
        const { __rowid, ...values } = raw;
        const rowid = typeof __rowid === 'number' ? __rowid : null;
        const key = pk.length > 0 ? JSON.stringify(pk.map((c) => values[c])) : `rowid:${rowid}`;
        rows.set(key, { values, rowid });
      }
      const indexes = master
        .filter((m) => m.type === 'index' && m.tbl_name === table.name)
        .map((m) => ({ name: m.name, rootpage: m.rootpage }));
      dump.set(table.name, { name: table.name, withoutRowid, rootpage: table.rootpage, indexes, rows });
    }
    return dump;
  } finally {
    db.close();
  }
}

/** What changed between two dumps: created and ended row versions (an updated row ends one and creates one). */
export function diffDumps(before: Dump | null, after: Dump): { created: RowVersion[]; ended: RowVersion[] } {
  const created: RowVersion[] = [];
  const ended: RowVersion[] = [];
  const names = new Set([...(before?.keys() ?? []), ...after.keys()]);
  for (const name of names) {
    const old = before?.get(name)?.rows ?? new Map();
    const now = after.get(name)?.rows ?? new Map();
    for (const [key, row] of now) {
      const previous = old.get(key);
      const place = row.rowid === null ? null : String(row.rowid);
      if (!previous) created.push({ table: name, key, values: row.values, place });
      else if (!sameRow(previous.values, row.values)) {
        ended.push({ table: name, key, values: previous.values, place });
        created.push({ table: name, key, values: row.values, place });
      }
    }
    for (const [key, row] of old) {
      if (!now.has(key))
        ended.push({
          table: name,
          key,
          values: row.values,
          place: row.rowid === null ? null : String(row.rowid),
        });
    }
  }
  return { created, ended };
}

function sameRow(a: Row, b: Row): boolean {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  for (const k of keys) if (!sameValue(a[k], b[k])) return false;
  return true;
}

function sameValue(a: unknown, b: unknown): boolean {
  if (Buffer.isBuffer(a) && Buffer.isBuffer(b)) return a.equals(b);
  return a === b;
}

/** Every string a row version holds, blobs read as text, for matching against known values. */
export function textsOf(values: Row): string[] {
  const out: string[] = [];
  for (const v of Object.values(values)) {
    if (typeof v === 'string') out.push(v);
    else if (Buffer.isBuffer(v)) out.push(v.toString('latin1'));
    else if (v !== null && v !== undefined) out.push(String(v));
  }
  return out;
}
