/**
 * PostgreSQL's heap as a superuser with pageinspect reads it: every row version on every page of every table,
 * live or dead, with the transaction that created it (t_xmin) and the one that ended it (t_xmax). An UPDATE leaves
 * the old version in place until vacuum, so the history of a counter or a rewritten table is on disk.
 */
import type pg from 'pg';
import type { Row, RowVersion } from './row-versions.js';

export interface HeapVersion extends RowVersion {
  xmin: number;
  /** The transaction that deleted or updated this version; null when none did (or it only locked the row). */
  xmax: number | null;
  /** (block, line pointer): on a page, line pointers are handed out in the order versions were written. */
  block: number;
  lp: number;
  /** Where the tuple's bytes start in its page: space is taken from the top of free space downwards. */
  offset: number;
}

export interface HeapTable {
  name: string;
  oid: number;
  pages: number;
  versions: HeapVersion[];
}

const XMIN_INVALID = 0x0200;
const XMAX_INVALID = 0x0800;
const XMAX_LOCK_ONLY = 0x0080;
const XMAX_IS_MULTI = 0x1000;
const LOCK_MASK = 0x0050;
const XMAX_EXCL_LOCK = 0x0040;

/** Every row version of every table in the public schema, with the status of the transactions that wrote them. */
export async function readHeap(client: pg.Client): Promise<HeapTable[]> {
  await client.query('create extension if not exists pageinspect');
  const tables = await client.query<{ oid: number; name: string; pages: number }>(
    `select c.oid::int as oid, c.relname as name,
            (pg_relation_size(c.oid) / current_setting('block_size')::int)::int as pages
       from pg_class c join pg_namespace n on n.oid = c.relnamespace
      where n.nspname = 'public' and c.relkind = 'r' order by c.relname`,
  );
  const out: HeapTable[] = [];
  for (const table of tables.rows) {
    const columns = await client.query<{ name: string; type: string }>(
      `select attname as name, format_type(atttypid, atttypmod) as type from pg_attribute
        where attrelid = $1 and attnum > 0 and not attisdropped order by attnum`,
      [table.oid],
    );
    const pk = await client.query<{ name: string }>(
      `select a.attname as name from pg_index i
         join pg_attribute a on a.attrelid = i.indrelid and a.attnum = any(i.indkey)
        where i.indrelid = $1 and i.indisprimary order by array_position(i.indkey, a.attnum)`,
      [table.oid],
    );
    const versions: HeapVersion[] = [];
    for (let block = 0; block < table.pages; block++) {
      const items = await client.query<{
        lp: number;
        off: number;
        xmin: string;
        xmax: string;
        infomask: number;
        attrs: Buffer[] | null;
      }>(
        `select lp, lp_off as off, t_xmin::text as xmin, t_xmax::text as xmax, t_infomask as infomask, t_attrs as attrs
           from heap_page_item_attrs(get_raw_page($1, $2), $3::regclass) where lp_flags = 1`,
        [table.name, block, table.oid],
      );
      for (const item of items.rows) {
        if ((item.infomask & XMIN_INVALID) !== 0) continue;
        const values: Row = {};
        columns.rows.forEach((c, i) => {
          values[c.name] = decode(item.attrs?.[i] ?? null, c.type);
        });
        const xmax = Number(item.xmax);
        const lockOnly =
          (item.infomask & XMAX_LOCK_ONLY) !== 0 ||
          (item.infomask & XMAX_IS_MULTI) !== 0 ||
          (item.infomask & LOCK_MASK) === XMAX_EXCL_LOCK;
        const ended = xmax !== 0 && (item.infomask & XMAX_INVALID) === 0 && !lockOnly;
        versions.push({
          table: table.name,
          key: JSON.stringify(
            pk.rows.length > 0 ? pk.rows.map((c) => values[c.name]) : [`${block},${item.lp}`],
          ),
          values,
          place: `(${block},${item.lp})`,
          xmin: Number(item.xmin),
          xmax: ended ? xmax : null,
          block,
          lp: item.lp,
          offset: item.off,
        });
      }
    }
    out.push({ name: table.name, oid: table.oid, pages: table.pages, versions });
  }
  return dropAborted(client, out);
}

/** Versions written by aborted transactions never existed; an xmax of an aborted transaction never ended one. */
async function dropAborted(client: pg.Client, tables: HeapTable[]): Promise<HeapTable[]> {
  const xids = new Set<number>();
  for (const t of tables) for (const v of t.versions) for (const x of [v.xmin, v.xmax]) if (x) xids.add(x);
  const status = await client.query<{ xid: string; status: string | null }>(
    'select x::text as xid, pg_xact_status(x::text::xid8) as status from unnest($1::bigint[]) as x',
    [[...xids]],
  );
  const committed = new Set(status.rows.filter((r) => r.status === 'committed').map((r) => Number(r.xid)));
  return tables.map((t) => ({
    ...t,
    versions: t.versions
      .filter((v) => committed.has(v.xmin))
      .map((v) => (v.xmax !== null && !committed.has(v.xmax) ? { ...v, xmax: null } : v)),
  }));
}

/** A column's raw datum (little-endian, as on x86 and ARM) as the value a query would give. */
function decode(raw: Buffer | null, type: string): unknown {
  if (raw === null) return null;
  if (type === 'integer') return raw.readInt32LE(0);
  if (type === 'bigint') return Number(raw.readBigInt64LE(0));
  if (type === 'smallint') return raw.readInt16LE(0);
  if (type === 'boolean') return raw[0] === 1;
  if (type === 'double precision') return raw.readDoubleLE(0);
  return varlena(raw);
}

function varlena(raw: Buffer): string {
  const first = raw[0] ?? 0;
  if ((first & 0x01) === 1) {
    if (first === 0x01) return '<toast pointer>';
    return raw.subarray(1, first >> 1).toString('utf8');
  }
  if ((first & 0x03) === 2) return '<compressed>';
  return raw.subarray(4, raw.readUInt32LE(0) >> 2).toString('utf8');
}
