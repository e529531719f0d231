/**
 * Reads a SQLite write-ahead log the way a forensic tool does (https://www.sqlite.org/fileformat.html#the_write_ahead_log):
 * a 32-byte header, then frames of a 24-byte header and one page. A frame whose "database size after commit" is
 * non-zero ends a transaction. Overlaying the frames up to a commit on a copy of the main file rebuilds the
 * database exactly as it was when that transaction committed.
 */

export interface WalFrame {
  page: number;
  /** Database size in pages after this commit, or 0 when the frame is not a commit's last. */
  commitSize: number;
  /** Byte offset of the page data in the -wal file. */
  dataOffset: number;
}

export interface WalCommit {
  /** 0-based, in the order the transactions committed. */
  index: number;
  /** Frames [firstFrame, endFrame) belong to this transaction. */
  firstFrame: number;
  endFrame: number;
  /** Pages this transaction wrote. */
  pages: number[];
  dbPages: number;
}

export interface WalLog {
  pageSize: number;
  checkpointSequence: number;
  salt1: number;
  frames: WalFrame[];
  commits: WalCommit[];
}

const MAGIC = 0x377f0682;

/** Valid frames only: the salts must match the header and the running checksum must hold. */
export function readWal(wal: Buffer): WalLog {
  if (wal.length < 32) return { pageSize: 0, checkpointSequence: 0, salt1: 0, frames: [], commits: [] };
  const magic = wal.readUInt32BE(0);
  if ((magic & 0xfffffffe) !== MAGIC) throw new Error(`not a SQLite WAL (magic ${magic.toString(16)})`);
  const bigEndian = (magic & 1) === 1;
  const pageSize = wal.readUInt32BE(8);
  const salt1 = wal.readUInt32BE(16);
  const salt2 = wal.readUInt32BE(20);
  let sums = checksum(wal, 0, 24, [0, 0], bigEndian);
  if (sums[0] !== wal.readUInt32BE(24) || sums[1] !== wal.readUInt32BE(28)) throw new Error('bad WAL header');
  const frames: WalFrame[] = [];
  const commits: WalCommit[] = [];
  const pending: WalFrame[] = [];
  let start = 0;
  for (let offset = 32; offset + 24 + pageSize <= wal.length; offset += 24 + pageSize) {
    if (wal.readUInt32BE(offset + 8) !== salt1 || wal.readUInt32BE(offset + 12) !== salt2) break;
    sums = checksum(wal, offset, offset + 8, sums, bigEndian);
    sums = checksum(wal, offset + 24, offset + 24 + pageSize, sums, bigEndian);
    if (sums[0] !== wal.readUInt32BE(offset + 16) || sums[1] !== wal.readUInt32BE(offset + 20)) break;
    const frame = {
      page: wal.readUInt32BE(offset),
      commitSize: wal.readUInt32BE(offset + 4),
      dataOffset: offset + 24,
    };
    pending.push(frame);
    if (frame.commitSize !== 0) {
      frames.push(...pending);
      commits.push({
        index: commits.length,
        firstFrame: start,
        endFrame: frames.length,
        pages: [...new Set(pending.map((f) => f.page))],
        dbPages: frame.commitSize,
      });
      pending.length = 0;
      start = frames.length;
    }
  }
  return { pageSize, checkpointSequence: wal.readUInt32BE(12), salt1, frames, commits };
}

function checksum(
  buf: Buffer,
  start: number,
  end: number,
  [s1In, s2In]: [number, number],
  bigEndian: boolean,
): [number, number] {
  let s1 = s1In;
  let s2 = s2In;
  for (let i = start; i < end; i += 8) {
    const x0 = bigEndian ? buf.readUInt32BE(i) : buf.readUInt32LE(i);
    const x1 = bigEndian ? buf.readUInt32BE(i + 4) : buf.readUInt32LE(i + 4);
    s1 = (s1 + x0 + s2) >>> 0;
    s2 = (s2 + x1 + s1) >>> 0;
  }
  return [s1, s2];
}

/**
 * The database file as of each commit, oldest first: the main file with the frames up to that commit laid over
 * it, marked as a rollback-journal database so it can be opened on its own.
 */
export function* imagesByCommit(
  main: Buffer,
  wal: Buffer,
  log: WalLog,
): Generator<{ commit: WalCommit; image: Buffer }> {
  let current = Buffer.from(main);
  for (const commit of log.commits) {
    const size = commit.dbPages * log.pageSize;
    if (current.length !== size) {
      const resized = Buffer.alloc(size);
      current.copy(resized, 0, 0, Math.min(size, current.length));
      current = resized;
    }
    for (let i = commit.firstFrame; i < commit.endFrame; i++) {
      const frame = log.frames[i];
      if (!frame || frame.page > commit.dbPages) continue;
      wal.copy(current, (frame.page - 1) * log.pageSize, frame.dataOffset, frame.dataOffset + log.pageSize);
    }
    const image = Buffer.from(current);
    // Bytes 18 and 19: file format read/write versions; 1 = rollback journal, so no -wal or -shm is needed.
    image[18] = 1;
    image[19] = 1;
    yield { commit, image };
  }
}
