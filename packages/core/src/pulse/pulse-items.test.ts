import { describe, expect, it } from 'vitest';
import {
  CURRENT_PULSE_VERSION,
  changedDimensions,
  changedDimensionsBetween,
  DIMENSION_DESCRIPTIONS,
  DIMENSION_LABELS,
  PULSE_ITEM_SETS,
  type PulseItemSet,
  pulseItemSet,
  SCALE_LABELS,
  SCALE_POINTS,
  TRUST_DIMENSIONS,
} from './pulse-items.js';

describe('pulse item sets', () => {
  it('never reuses an id for another wording or dimension, across every version', () => {
    const seen = new Map<string, { text: string; dimension?: string }>();
    for (const set of PULSE_ITEM_SETS) {
      for (const item of set.items) {
        const before = seen.get(item.id);
        if (before)
          expect({ id: item.id, ...before }).toEqual({
            id: item.id,
            text: item.text,
            dimension: item.dimension,
          });
        else seen.set(item.id, { text: item.text, dimension: item.dimension });
      }
      const free = seen.get(set.freeText.id);
      if (free) expect(free).toEqual({ text: set.freeText.text });
      else seen.set(set.freeText.id, { text: set.freeText.text });
    }
  });

  it('has 1–2 items per dimension, unique ids and stable id shapes in every version', () => {
    for (const set of PULSE_ITEM_SETS) {
      for (const dimension of TRUST_DIMENSIONS) {
        const count = set.items.filter((item) => item.dimension === dimension).length;
        expect(count, `${dimension} in version ${set.version}`).toBeGreaterThanOrEqual(1);
        expect(count, `${dimension} in version ${set.version}`).toBeLessThanOrEqual(2);
      }
      const ids = [...set.items.map((item) => item.id), set.freeText.id];
      expect(new Set(ids).size).toBe(ids.length);
      for (const item of set.items) expect(item.id).toMatch(new RegExp(`^${item.dimension}\\.[a-z0-9-]+$`));
      expect(set.items.length).toBeGreaterThanOrEqual(10);
      expect(set.items.length).toBeLessThanOrEqual(12);
    }
  });

  it('lists versions in increasing order, with the current one among them', () => {
    const versions = PULSE_ITEM_SETS.map((set) => set.version);
    expect(versions).toEqual([...versions].sort((a, b) => a - b));
    expect(new Set(versions).size).toBe(versions.length);
    expect(pulseItemSet(CURRENT_PULSE_VERSION).version).toBe(CURRENT_PULSE_VERSION);
  });

  it('names the known versions when asked for an unknown one', () => {
    expect(() => pulseItemSet(99)).toThrow(RangeError);
    expect(() => pulseItemSet(99)).toThrow(/known versions: 1/);
  });

  it('labels every dimension and the seven scale points in plain words', () => {
    expect(Object.keys(DIMENSION_LABELS).sort()).toEqual([...TRUST_DIMENSIONS].sort());
    expect(Object.keys(DIMENSION_DESCRIPTIONS).sort()).toEqual([...TRUST_DIMENSIONS].sort());
    expect(DIMENSION_LABELS.speaking_up).toBe('Speaking up');
    expect(SCALE_LABELS).toHaveLength(SCALE_POINTS);
    expect(SCALE_LABELS[0]).toBe('Strongly disagree');
    expect(SCALE_LABELS[SCALE_POINTS - 1]).toBe('Strongly agree');
  });
});

describe('changedDimensions', () => {
  const v1 = pulseItemSet(1);
  // A hypothetical later version: care reworded (new id), a voice item dropped.
  const v2: PulseItemSet = {
    version: 2,
    items: v1.items
      .filter((item) => item.id !== 'voice.input-makes-a-difference')
      .map((item) =>
        item.dimension === 'care' ? { ...item, id: 'care.weighs-our-interests', text: 'Reworded.' } : item,
      ),
    freeText: v1.freeText,
  };

  it('is empty for the same version', () => {
    expect(changedDimensions(1, 1)).toEqual([]);
    expect(changedDimensions(CURRENT_PULSE_VERSION, CURRENT_PULSE_VERSION)).toEqual([]);
  });

  it('names dimensions whose item ids differ, in both directions', () => {
    expect(changedDimensionsBetween(v1, v2)).toEqual(['care', 'voice']);
    expect(changedDimensionsBetween(v2, v1)).toEqual(['care', 'voice']);
    expect(changedDimensions(1, 2, [v1, v2])).toEqual(['care', 'voice']);
  });

  it('ignores item order within a dimension', () => {
    const reversed: PulseItemSet = { ...v1, version: 3, items: [...v1.items].reverse() };
    expect(changedDimensionsBetween(v1, reversed)).toEqual([]);
  });

  it('rejects unknown versions', () => {
    expect(() => changedDimensions(1, 7)).toThrow(RangeError);
  });
});
