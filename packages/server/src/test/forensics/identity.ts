/**
 * Which stored values name a person, as someone holding the database works it out: a person's id and email, and
 * then, transitively, the unique keys of rows that name exactly one person (an invitation's id and link hash, a
 * team link's id, an outbox row's id, a new design's per-person record…). A row version that holds any of these
 * values "marks" that person.
 */
import { createHash } from 'node:crypto';
import type { Row, RowVersion } from './row-versions.js';

export interface Person {
  id: string;
  name: string;
  email: string;
}

const TOKEN =
  /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|[0-9a-f]{32,}|[A-Za-z0-9_-]{32,}/gi;
const EMAIL = /[^\s@"'<>,;:()]+@[^\s@"'<>,;:()]+\.[a-z]{2,}/gi;
const KEY_LIKE = /^(?:[0-9a-f-]{32,}|[A-Za-z0-9_-]{32,})$/i;

export class IdentityMap {
  /** Value → the one person it names. */
  private readonly named = new Map<string, string>();
  readonly persons: Map<string, Person>;

  constructor(persons: Person[]) {
    this.persons = new Map(persons.map((p) => [p.id, p]));
    for (const p of persons) {
      this.named.set(p.id, p.id);
      this.named.set(p.email.toLowerCase(), p.id);
    }
  }

  /** The people a row version names, directly or through a learned key. */
  personsIn(values: Row): Set<string> {
    const found = new Set<string>();
    for (const v of Object.values(values)) {
      if (typeof v !== 'string') continue;
      const direct = this.named.get(v) ?? this.named.get(v.toLowerCase());
      if (direct) found.add(direct);
      for (const m of v.matchAll(TOKEN)) {
        const p = this.named.get(m[0]);
        if (p) found.add(p);
      }
      for (const m of v.matchAll(EMAIL)) {
        const p = this.named.get(m[0].toLowerCase());
        if (p) found.add(p);
      }
    }
    return found;
  }

  /**
   * Learns, until nothing changes, the key-like values unique to one row (across all its versions) in a row that
   * names exactly one person. A value seen in rows of two people is never learned.
   */
  learn(versions: RowVersion[]): void {
    const rowsHolding = new Map<string, Set<string>>();
    for (const v of versions) {
      for (const [column, value] of Object.entries(v.values)) {
        if (typeof value !== 'string' || !KEY_LIKE.test(value)) continue;
        const id = `${v.table}.${column}=${value}`;
        const rows = rowsHolding.get(id) ?? new Set<string>();
        rows.add(v.key);
        rowsHolding.set(id, rows);
      }
    }
    const ambiguous = new Set<string>();
    for (let changed = true; changed; ) {
      changed = false;
      const proposals = new Map<string, Set<string>>();
      for (const v of versions) {
        const persons = this.personsIn(v.values);
        for (const [column, value] of Object.entries(v.values)) {
          if (typeof value !== 'string' || !KEY_LIKE.test(value) || this.named.has(value)) continue;
          if ((rowsHolding.get(`${v.table}.${column}=${value}`)?.size ?? 0) !== 1) continue;
          const set = proposals.get(value) ?? new Set<string>();
          if (persons.size === 1) for (const p of persons) set.add(p);
          else if (persons.size > 1) set.add('*');
          proposals.set(value, set);
        }
      }
      for (const [value, set] of proposals) {
        if (ambiguous.has(value) || set.size === 0) continue;
        if (set.size > 1 || set.has('*')) {
          ambiguous.add(value);
          continue;
        }
        const [person] = [...set];
        if (person) {
          this.named.set(value, person);
          changed = true;
        }
      }
    }
  }

  /**
   * What an admin who hands out the unsent invitation emails (no SMTP: their bodies wait in mail_outbox) can add:
   * every link and whatever the open code derives from a link — its SHA-256, and the claim and report hashes of
   * ballots/ballot-issue.ts for every ballot id the database names. Answers how many links it found.
   */
  learnFromOutbox(versions: RowVersion[]): number {
    const links = new Map<string, string>();
    for (const v of versions.filter((x) => x.table === 'mail_outbox')) {
      const person = this.named.get(String(v.values.recipient ?? '').toLowerCase());
      if (!person) continue;
      for (const m of String(v.values.body ?? '').matchAll(/\/(?:answer|pulse|team)#([A-Za-z0-9_-]{32,})/g))
        if (m[1]) links.set(m[1], person);
    }
    const ballots = new Set<string>();
    for (const v of versions) if (typeof v.values.ballot_id === 'string') ballots.add(v.values.ballot_id);
    const sha = (text: string) => createHash('sha256').update(text).digest('hex');
    for (const [link, person] of links) {
      this.named.set(link, person);
      this.named.set(sha(link), person);
      for (const ballot of ballots)
        for (const prefix of ['claim', 'report']) this.named.set(sha(`${prefix}:${ballot}:${link}`), person);
    }
    return links.size;
  }

  nameOf(personId: string): string {
    return this.persons.get(personId)?.name ?? personId;
  }
}
