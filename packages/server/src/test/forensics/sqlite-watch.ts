/**
 * An adversary who copies kintsugi.db and its -wal whenever it likes (a backup, a snapshot of the disk), here at
 * every step of the script. A checkpoint empties the WAL, so a single late copy may miss what earlier ones saw;
 * copying often keeps every WAL generation (one per salt) as long as it lived, with the main file it started from.
 * The copies are taken in the server's own thread between requests, so each is consistent.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readWal, type WalLog } from './sqlite-wal.js';

export interface WalGeneration {
  /** Salt and checkpoint sequence: a new pair each time a checkpoint restarts the log. */
  key: string;
  /** The main file as it was when this generation was first seen. */
  base: Buffer;
  /** The longest copy of the log seen for this generation, and what it holds. */
  wal: Buffer;
  log: WalLog;
  /** For each copy: how many commits of this generation it held (0 before or after the generation lived). */
  commitsAt: number[];
  /** The first copy that saw this generation. */
  firstCopy: number;
}

export class SqliteWatch {
  readonly generations: WalGeneration[] = [];
  copies = 0;

  constructor(private readonly dataDir: string) {}

  /** Copies the files now; answers the copy's number. */
  copy(): number {
    const index = this.copies++;
    const mainFile = join(this.dataDir, 'kintsugi.db');
    const walFile = `${mainFile}-wal`;
    const main = existsSync(mainFile) ? readFileSync(mainFile) : Buffer.alloc(0);
    const wal = existsSync(walFile) ? readFileSync(walFile) : Buffer.alloc(0);
    const log = readWal(wal);
    const key = wal.length >= 32 ? `${log.salt1}:${log.checkpointSequence}` : `empty@${index}`;
    let generation = this.generations.find((g) => g.key === key);
    if (!generation) {
      generation = { key, base: main, wal, log, commitsAt: [], firstCopy: index };
      this.generations.push(generation);
    } else if (log.commits.length > generation.log.commits.length) {
      generation.wal = wal;
      generation.log = log;
    }
    for (const g of this.generations) g.commitsAt[index] = g === generation ? log.commits.length : 0;
    return index;
  }

  /** The first copy in which a generation's commit (0-based) appears. */
  firstSeen(generation: WalGeneration, commit: number): number {
    const at = generation.commitsAt.findIndex((n) => (n ?? 0) > commit);
    return at < 0 ? this.copies : at;
  }
}
