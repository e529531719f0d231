import { stemmer } from 'stemmer';
import type { LanguageRules } from '../language.js';
import {
  FLAG_UNITS,
  MODEL_UNIT_LIMIT,
  type TokenUnits,
  TRAINING_UNIT_LIMIT,
  type UnitResolver,
} from './features.js';
import { semanticClasses, semanticUnit } from './semantic-classes.js';

/** A word's unit: its Porter stem ("decided", "decides" → "decid"); numbers are one unit. */
export function unitOf(norm: string): string {
  const code = norm.charCodeAt(0);
  if (code >= 48 && code <= 57) return '#';
  return norm.length > 2 ? stemmer(norm) : norm;
}

/** The units every model has first: the flags. */
export const PSEUDO_UNITS: readonly string[] = FLAG_UNITS;
const EMPTY = new Int32Array(0);

/** For training: every new stem or class gets the next id. */
export class GrowingUnits implements UnitResolver {
  readonly names: string[] = [...PSEUDO_UNITS];
  private readonly ids = new Map<string, number>(PSEUDO_UNITS.map((u, i) => [u, i]));
  readonly flagIds = Int32Array.from(FLAG_UNITS, (_, i) => i);
  readonly unitLimit = TRAINING_UNIT_LIMIT;
  readonly pairRoles = null;
  private readonly classes: ReadonlyMap<string, readonly string[]>;

  constructor(language: LanguageRules) {
    this.classes = semanticClasses(language);
  }

  idOf(unit: string): number {
    let id = this.ids.get(unit);
    if (id === undefined) {
      id = this.names.length;
      this.names.push(unit);
      this.ids.set(unit, id);
    }
    return id;
  }

  resolve(norm: string): TokenUnits {
    const unit = unitOf(norm);
    const lex = this.classes.get(unit);
    return {
      unit: this.idOf(unit),
      lex: lex ? Int32Array.from(lex, (name) => this.idOf(semanticUnit(name))) : EMPTY,
    };
  }
}

const CACHE_LIMIT = 50_000;
const UNKNOWN: TokenUnits = { unit: -1, lex: EMPTY };

/** In use: the model's own units; a word it never saw has none (-1). Words are cached once resolved. */
export class FixedUnits implements UnitResolver {
  private readonly ids: Map<string, number>;
  readonly flagIds: Int32Array;
  readonly unitLimit = MODEL_UNIT_LIMIT;
  /** Set by the model once its features are read (see UnitResolver). */
  pairRoles: Uint8Array | null = null;
  private readonly classes: ReadonlyMap<string, readonly string[]>;
  private readonly cache = new Map<string, TokenUnits>();

  constructor(names: readonly string[], language: LanguageRules) {
    this.ids = new Map(names.map((u, i) => [u, i]));
    this.flagIds = Int32Array.from(FLAG_UNITS, (u) => this.ids.get(u) ?? -1);
    this.classes = semanticClasses(language);
  }

  resolve(norm: string): TokenUnits {
    let entry = this.cache.get(norm);
    if (entry === undefined) {
      const unit = unitOf(norm);
      const lex = (this.classes.get(unit) ?? [])
        .map((name) => this.ids.get(semanticUnit(name)) ?? -1)
        .filter((id) => id >= 0);
      entry = { unit: this.ids.get(unit) ?? -1, lex: lex.length > 0 ? Int32Array.from(lex) : EMPTY };
      if (entry.unit < 0 && entry.lex.length === 0) entry = UNKNOWN;
      // Bounded, so that a long document of unique words cannot grow it without end.
      if (this.cache.size >= CACHE_LIMIT) this.cache.clear();
      this.cache.set(norm, entry);
    }
    return entry;
  }
}
