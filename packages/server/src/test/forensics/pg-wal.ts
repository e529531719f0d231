/**
 * PostgreSQL's write-ahead log read with pg_waldump: every heap write names its transaction and relation
 * (tablespace/database/filenode), and every COMMIT record carries the commit time to the microsecond. Even with
 * fsync and synchronous_commit off (the throwaway test cluster), records are written; they are flushed here first.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type pg from 'pg';

export interface WalTransaction {
  xid: number;
  /** Tables (or the tables of indexes and TOAST) this transaction wrote to, with the record kinds. */
  writes: { table: string; op: string }[];
  commitLsn: string | null;
  commitTime: string | null;
}

export interface WalReading {
  available: boolean;
  note: string;
  /** Transactions that wrote to this database, in commit order. */
  transactions: WalTransaction[];
  /** For each text searched for: the transaction whose WAL record first carries its bytes. */
  textOrigins: Map<string, { xid: number; table: string }>;
}

/** pg_waldump of the major version the server runs, or null. */
function waldumpBinary(major: string): string | null {
  const root = '/usr/lib/postgresql';
  const exact = join(root, major, 'bin', 'pg_waldump');
  if (existsSync(exact)) return exact;
  // Another major version cannot read this server's WAL format reliably.
  return null;
}

/**
 * Reads the WAL written since `startLsn`. Heap records carry the new tuple's bytes, so a text written by a
 * transaction is found in its records even after vacuum or pruning removed the row version from the table.
 */
export async function readPgWal(client: pg.Client, startLsn: string, texts: string[]): Promise<WalReading> {
  const info = await client.query<{ dir: string; major: string; db: number; end: string }>(
    `select current_setting('data_directory') as dir,
            (current_setting('server_version_num')::int / 10000)::text as major,
            (select oid::int from pg_database where datname = current_database()) as db,
            pg_current_wal_insert_lsn()::text as end`,
  );
  const row = info.rows[0];
  if (!row) throw new Error('no server info');
  const bin = waldumpBinary(row.major);
  const none = { transactions: [], textOrigins: new Map() };
  if (!bin) return { available: false, note: `pg_waldump ${row.major} not found: WAL not read`, ...none };
  // Flush everything written so far: a WAL switch record is flushed at once.
  await client.query('select pg_switch_wal()');
  const relations = await client.query<{ filenode: string; table: string }>(
    `select pg_relation_filenode(c.oid)::text as filenode,
            coalesce(t.relname, ix.relname, c.relname) as table
       from pg_class c
       join pg_namespace n on n.oid = c.relnamespace
       left join pg_index i on i.indexrelid = c.oid
       left join pg_class ix on ix.oid = i.indrelid
       left join pg_class t on t.reltoastrelid = c.oid
      where n.nspname in ('public', 'pg_toast') and pg_relation_filenode(c.oid) is not null`,
  );
  const tableOf = new Map(relations.rows.map((r) => [r.filenode, r.table]));
  let text: string;
  try {
    text = execFileSync(bin, ['-p', join(row.dir, 'pg_wal'), '-s', startLsn, '-e', row.end], {
      encoding: 'utf8',
      maxBuffer: 256 * 1024 * 1024,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
  } catch (error) {
    const out = (error as { stdout?: string }).stdout;
    if (!out) return { available: false, note: `pg_waldump failed: ${String(error)}`, ...none };
    text = out; // it exits non-zero at the end of the readable WAL, after printing everything before it
  }
  const byXid = new Map<number, WalTransaction>();
  const get = (xid: number) => {
    let t = byXid.get(xid);
    if (!t) {
      t = { xid, writes: [], commitLsn: null, commitTime: null };
      byXid.set(xid, t);
    }
    return t;
  };
  const ours = new Set<number>();
  const records: { lsn: number; xid: number; table: string }[] = [];
  for (const line of text.split('\n')) {
    const m = /^rmgr: (\S+)\s+len .*?tx:\s+(\d+), lsn: (\S+), prev \S+, desc: (.*)$/.exec(line);
    if (!m) continue;
    const [, rmgr, xidText, lsn, desc] = m as unknown as [string, string, string, string, string];
    const xid = Number(xidText);
    if (xid === 0) continue;
    const firstRel = /rel \d+\/(\d+)\/(\d+)/.exec(desc);
    records.push({ lsn: lsnValue(lsn), xid, table: firstRel ? (tableOf.get(firstRel[2] ?? '') ?? '?') : '' });
    if (rmgr === 'Transaction' && desc.startsWith('COMMIT')) {
      const t = get(xid);
      t.commitLsn = lsn;
      t.commitTime = /^COMMIT (\S+ \S+)/.exec(desc)?.[1] ?? null;
      continue;
    }
    for (const rel of desc.matchAll(/rel (\d+)\/(\d+)\/(\d+)/g)) {
      if (Number(rel[2]) !== row.db) continue;
      ours.add(xid);
      get(xid).writes.push({
        table: tableOf.get(rel[3] ?? '') ?? `filenode ${rel[3]}`,
        op: `${rmgr} ${desc.split(' ')[0]}`,
      });
    }
  }
  const transactions = [...byXid.values()]
    .filter((t) => ours.has(t.xid) && t.commitLsn !== null)
    .sort((a, b) => lsnValue(a.commitLsn ?? '') - lsnValue(b.commitLsn ?? ''));
  const textOrigins = await findTexts(client, row.dir, startLsn, row.end, records, texts);
  return {
    available: true,
    note: `pg_waldump read ${transactions.length} committed transactions; ${textOrigins.size}/${texts.length} texts found in WAL records`,
    transactions,
    textOrigins,
  };
}

/**
 * Searches the WAL segments between two positions for each text, with the page headers taken out so that a
 * record split across WAL pages reads as one, and answers the transaction of the record holding the first copy.
 */
async function findTexts(
  client: pg.Client,
  dir: string,
  startLsn: string,
  endLsn: string,
  records: { lsn: number; xid: number; table: string }[],
  texts: string[],
): Promise<Map<string, { xid: number; table: string }>> {
  const settings = await client.query<{ seg: string; page: string }>(
    "select current_setting('wal_segment_size', true) as seg, current_setting('wal_block_size') as page",
  );
  const segText = settings.rows[0]?.seg ?? '16MB';
  const segSize = /MB$/.test(segText) ? Number.parseInt(segText, 10) * 1024 * 1024 : Number(segText);
  const pageSize = Number(settings.rows[0]?.page ?? 8192);
  const chunks: Buffer[] = [];
  const starts: { stream: number; lsn: number; length: number }[] = [];
  let streamLength = 0;
  for (
    let seg = Math.floor(lsnValue(startLsn) / segSize);
    seg <= Math.floor(lsnValue(endLsn) / segSize);
    seg++
  ) {
    const lsn = seg * segSize + 1;
    const name = await client.query<{ name: string }>('select pg_walfile_name($1::pg_lsn) as name', [
      `${Math.floor(lsn / 2 ** 32).toString(16)}/${(lsn % 2 ** 32).toString(16)}`,
    ]);
    const file = join(dir, 'pg_wal', name.rows[0]?.name ?? '');
    if (!existsSync(file)) continue;
    const data = readFileSync(file);
    for (let page = 0; page * pageSize < data.length; page++) {
      const header = page === 0 ? 40 : 24;
      const body = data.subarray(page * pageSize + header, (page + 1) * pageSize);
      chunks.push(body);
      starts.push({
        stream: streamLength,
        lsn: seg * segSize + page * pageSize + header,
        length: body.length,
      });
      streamLength += body.length;
    }
  }
  const stream = Buffer.concat(chunks);
  const toLsn = (pos: number) => {
    const chunk = starts.findLast((s) => s.stream <= pos);
    return chunk ? chunk.lsn + (pos - chunk.stream) : 0;
  };
  const sorted = [...records].sort((a, b) => a.lsn - b.lsn);
  const out = new Map<string, { xid: number; table: string }>();
  const from = lsnValue(startLsn);
  for (const text of texts) {
    const needle = Buffer.from(text, 'utf8');
    for (let at = stream.indexOf(needle); at >= 0; at = stream.indexOf(needle, at + 1)) {
      const lsn = toLsn(at);
      if (lsn < from) continue;
      const record = sorted.findLast((r) => r.lsn <= lsn);
      if (record) out.set(text, { xid: record.xid, table: record.table });
      break;
    }
  }
  return out;
}

export function lsnValue(lsn: string): number {
  const [hi, lo] = lsn.split('/');
  return Number.parseInt(hi ?? '0', 16) * 2 ** 32 + Number.parseInt(lo ?? '0', 16);
}
