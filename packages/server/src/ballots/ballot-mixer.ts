import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import type { Deps } from '../use-cases/deps.js';
import { shuffle } from '../util/shuffle.js';

/** One submission waiting to be stored: the hash of its spent token and what it says. */
export interface PendingSubmission<P> {
  tokenHash: string;
  payload: P;
}

export interface BallotPopulation {
  /** People who may take a token on this ballot. */
  people: number;
  /** People already recorded as having taken one. */
  marked: number;
  /** Submissions already stored. */
  stored: number;
  /** Whether the ballot still takes answers. */
  open: boolean;
  /** The organisation's anonymity threshold k (never below 3). */
  threshold: number;
}

/** What differs between listening rounds, pulses and witness votes: where their rows live. */
export interface BallotKind<P> {
  readonly name: 'round' | 'pulse' | 'witness';
  population(deps: Deps, ballotId: string): Promise<BallotPopulation>;
  /** Of these spent-token hashes, those already stored (by this instance or another). */
  spent(db: Kysely<Database>, ballotId: string, tokenHashes: readonly string[]): Promise<Set<string>>;
  /**
   * Stores submissions (none already spent) and records that `members` took their tokens, in the one transaction
   * it is given, in the order given (already shuffled).
   */
  store(
    trx: Kysely<Database>,
    deps: Deps,
    ballotId: string,
    submissions: readonly PendingSubmission<P>[],
    members: readonly string[],
  ): Promise<void>;
}

interface Queue {
  kind: BallotKind<unknown>;
  /** The organisation's k, read once per queue: below it nothing can be stored, so no query is needed. */
  threshold: number | null;
  submissions: Map<string, unknown>;
  /** member id → sha256 of the blinded message they had signed. */
  members: Map<string, string>;
}

export type SubmissionState = 'stored' | 'pending';

/**
 * Mixes anonymous ballots before anything about them is written (SPEC §5). When a person acts, nothing that
 * names them is written: their submission waits here, in memory, until at least k submissions of the ballot can
 * be stored together in one transaction, in random order; the record that their link took a token waits until
 * at least k people's can be written together and the people left over are none or at least k. So transaction
 * ids, WAL frames, page order and log lines only ever say "one of these k or more people".
 *
 * Both wait, too, while storing them would leave one to k − 1 people who could still act: a last, small batch of
 * those would stand out. So a team of k to 2k − 1 people is stored in one batch when everyone has answered, or
 * when the ballot closes. Only a ballot that closes (or a shutdown) with fewer than k submissions pending, after an
 * earlier batch, stores a batch of fewer than k people: still not attributable to any of them, but groupable.
 *
 * Memory is the only place a pending item lives: the browser keeps what it sent until the server says it is
 * stored, and sends it again (safely: a spent token is recognised) if this process restarted in between. On close
 * of a ballot and on graceful shutdown pending submissions are stored whatever their number and pending
 * records of token-taking are dropped (the anonymous claim of the link stays, so the same link cannot take a
 * second token).
 */
export class BallotMixer {
  private readonly queues = new Map<string, Queue>();
  private readonly locks = new Map<string, Promise<unknown>>();

  private queue(kind: BallotKind<unknown>, ballotId: string): Queue {
    let q = this.queues.get(ballotId);
    if (!q) {
      q = { kind, threshold: null, submissions: new Map(), members: new Map() };
      this.queues.set(ballotId, q);
    }
    return q;
  }

  /** The blinded-message hash of a member's token taken but not yet recorded, if any. */
  pendingMember(ballotId: string, memberId: string): string | undefined {
    return this.queues.get(ballotId)?.members.get(memberId);
  }

  isPending(ballotId: string, tokenHash: string): boolean {
    return this.queues.get(ballotId)?.submissions.has(tokenHash) ?? false;
  }

  /** How many submissions and token records are waiting, for tests and the shutdown log. */
  size(): { submissions: number; members: number } {
    let submissions = 0;
    let members = 0;
    for (const q of this.queues.values()) {
      submissions += q.submissions.size;
      members += q.members.size;
    }
    return { submissions, members };
  }

  /**
   * Notes at once, before the request waits on anything, that a member is taking a token with this blinded message,
   * so that another link of theirs asking at the same moment is refused. 'taken' when they are already taking or
   * took one with another message; 'new' when this call noted it (and `releaseMember` may take it back).
   */
  reserveMember(
    kind: BallotKind<unknown>,
    ballotId: string,
    memberId: string,
    blindedHash: string,
  ): 'new' | 'same' | 'taken' {
    const q = this.queue(kind, ballotId);
    const pending = q.members.get(memberId);
    if (pending !== undefined) return pending === blindedHash ? 'same' : 'taken';
    q.members.set(memberId, blindedHash);
    return 'new';
  }

  /** Takes back a reservation whose token was not given (the request failed before signing or claiming). */
  releaseMember(ballotId: string, memberId: string, blindedHash: string): void {
    const q = this.queues.get(ballotId);
    if (!q || q.members.get(memberId) !== blindedHash) return;
    q.members.delete(memberId);
    if (q.submissions.size === 0 && q.members.size === 0) this.queues.delete(ballotId);
  }

  /** Notes that a member took a token; written later, with at least k others. */
  async tokenTaken<P>(
    deps: Deps,
    kind: BallotKind<P>,
    ballotId: string,
    memberId: string,
    blindedHash: string,
  ): Promise<void> {
    this.queue(kind as BallotKind<unknown>, ballotId).members.set(memberId, blindedHash);
    await this.flush(deps, ballotId, false);
  }

  /** Queues a verified, unspent submission and stores the batch when it can. */
  async submit<P>(
    deps: Deps,
    kind: BallotKind<P>,
    ballotId: string,
    submission: PendingSubmission<P>,
  ): Promise<SubmissionState> {
    const q = this.queue(kind as BallotKind<unknown>, ballotId);
    if (!q.submissions.has(submission.tokenHash)) q.submissions.set(submission.tokenHash, submission.payload);
    await this.flush(deps, ballotId, false);
    return this.isPending(ballotId, submission.tokenHash) ? 'pending' : 'stored';
  }

  /** Stores whatever is pending for ballots that have closed (a scheduled job). Returns how many it stored. */
  async flushClosed(deps: Deps): Promise<number> {
    let stored = 0;
    for (const [ballotId, q] of [...this.queues]) {
      const population = await q.kind.population(deps, ballotId);
      if (!population.open) stored += await this.flush(deps, ballotId, true);
    }
    return stored;
  }

  /** Stores one ballot's pending submissions now, whatever their number (the ballot has just closed). */
  async flushFinal(deps: Deps, ballotId: string): Promise<number> {
    return this.flush(deps, ballotId, true);
  }

  /** On graceful shutdown: every pending submission is stored; pending token records are dropped. */
  async flushAll(deps: Deps): Promise<number> {
    let stored = 0;
    for (const ballotId of [...this.queues.keys()]) stored += await this.flush(deps, ballotId, true);
    return stored;
  }

  private async flush(deps: Deps, ballotId: string, final: boolean): Promise<number> {
    // One flush of a ballot at a time, so two requests cannot store the same pending items twice.
    const previous = this.locks.get(ballotId) ?? Promise.resolve();
    const run = previous.then(() => this.flushNow(deps, ballotId, final));
    const settled = run.catch(() => 0);
    this.locks.set(ballotId, settled);
    try {
      return await run;
    } finally {
      if (this.locks.get(ballotId) === settled) this.locks.delete(ballotId);
    }
  }

  private async flushNow(deps: Deps, ballotId: string, final: boolean): Promise<number> {
    const q = this.queues.get(ballotId);
    if (!q) return 0;
    if (!final && q.threshold !== null && q.submissions.size < q.threshold && q.members.size < q.threshold)
      return 0;
    const population = await q.kind.population(deps, ballotId);
    const k = population.threshold;
    q.threshold = k;
    const submissions = [...q.submissions].map(([tokenHash, payload]) => ({ tokenHash, payload }));
    const members = [...q.members.keys()];
    // Never leave room for a last batch of one to k−1 people: the people who may still act are none or at least k.
    const unanswered = population.people - population.stored - submissions.length;
    const storeSubmissions = final
      ? submissions.length > 0
      : submissions.length >= k && (unanswered <= 0 || unanswered >= k);
    // Likewise never leave one to k−1 people unrecorded: they could later be told apart by elimination.
    const left = population.people - population.marked - members.length;
    const storeMembers = !final && members.length >= k && (left <= 0 || left >= k);
    if (!storeSubmissions && !storeMembers) {
      if (final) this.queues.delete(ballotId);
      return 0;
    }
    const batch = storeSubmissions ? shuffle(submissions) : [];
    const recorded = storeMembers ? shuffle(members) : [];
    let spent = new Set<string>();
    let fresh: PendingSubmission<unknown>[] = [];
    await deps.db.transaction().execute(async (trx) => {
      spent = await q.kind.spent(
        trx,
        ballotId,
        batch.map((s) => s.tokenHash),
      );
      fresh = batch.filter((s) => !spent.has(s.tokenHash));
      // Some of the batch was already stored (a re-send that raced its own batch, or another instance): the rest
      // may be fewer than k, or leave too few unanswered. Nothing is stored now; the next flush decides again.
      if (!final && fresh.length < batch.length) fresh = [];
      if (fresh.length > 0 || recorded.length > 0) await q.kind.store(trx, deps, ballotId, fresh, recorded);
    });
    for (const s of batch) if (spent.has(s.tokenHash)) q.submissions.delete(s.tokenHash);
    for (const s of fresh) q.submissions.delete(s.tokenHash);
    for (const m of recorded) q.members.delete(m);
    if (final) q.members.clear();
    if (q.submissions.size === 0 && q.members.size === 0) this.queues.delete(ballotId);
    if (fresh.length > 0 || recorded.length > 0) await deps.afterBallotWrite();
    return fresh.length;
  }
}
