import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { compileLanguage } from './compile.js';
import { matchPattern } from './compile-matcher.js';
import { matchAt } from './match.js';
import { compilePattern } from './pattern.js';
import { ENGLISH } from './rules/en/index.js';
import { mayMatch, sentenceSignature } from './signature.js';
import { tokenize } from './tokenize.js';

const signed = (text: string) => {
  const { tokens, sentences } = tokenize(text, ENGLISH.contractions);
  const sentence = sentences[0];
  if (!sentence) throw new Error('no sentence');
  return { tokens, sentence, signature: Uint32Array.from(sentenceSignature(tokens, sentence)) };
};

describe('word signatures', () => {
  it('rule out a pattern whose needed words the sentence lacks, and only then', () => {
    const pattern = compilePattern('(it|this) was (a|an)? (small|minor) change', ENGLISH.lexicon);
    expect(pattern.required).not.toBeNull();
    expect(mayMatch(pattern.required, signed('It was a minor change.').signature)).toBe(true);
    expect(mayMatch(pattern.required, signed('It was a minor update.').signature)).toBe(false);
    // Optional words are not needed.
    expect(mayMatch(pattern.required, signed('This was small change.').signature)).toBe(true);
  });

  it('count both readings of a contraction', () => {
    const pattern = compilePattern('i would (like|love) to hear', ENGLISH.lexicon);
    expect(mayMatch(pattern.required, signed('I’d like to hear it.').signature)).toBe(true);
  });

  it('never rule out a pattern that matches, and compiled matchers agree with the reference (every pattern, on the labelled data)', () => {
    const compiled = compileLanguage(ENGLISH);
    const patterns = [
      ...compiled.rules.flatMap((r) => [...r.patterns, ...r.unless, ...r.requires]),
      ...compiled.commitmentMarkers.patterns,
      ...compiled.commitmentMarkers.unless,
      ...[compiled.actions, compiled.timing, compiled.vague, compiled.observers, compiled.summary].flatMap(
        (index) =>
          [
            ...[...index.byWord.values()].flat(),
            ...[...index.byPair.values()].flatMap((inner) => [...inner.values()].flat()),
            ...[...index.byPrefix.values()].flat(),
            ...index.anywhere,
          ].map((ref) => ref.pattern),
      ),
    ];
    const lines = readFileSync(new URL('./data/validation-en.jsonl', import.meta.url), 'utf8')
      .split('\n')
      .filter(Boolean);
    const text = lines
      .flatMap((line) => {
        const item = JSON.parse(line) as { text?: string; sentences?: { text: string }[] };
        return item.sentences ? item.sentences.map((s) => s.text) : [item.text ?? ''];
      })
      .join('\n');
    const { tokens, sentences } = tokenize(text, ENGLISH.contractions);
    let matches = 0;
    let ruledOut = 0;
    for (const sentence of sentences) {
      const signature = sentenceSignature(tokens, sentence);
      for (const pattern of patterns) {
        const possible = mayMatch(pattern.required, signature);
        if (!possible) ruledOut++;
        for (let i = sentence.first; i < sentence.last; i++) {
          const end = matchAt(pattern.elements, tokens, i, sentence.first, sentence.last);
          // The compiled matcher finds exactly what the reference interpreter finds.
          const compiled = matchPattern(pattern.match, tokens, i, sentence.first, sentence.last);
          if (compiled !== end)
            throw new Error(`"${pattern.source}" at ${i}: compiled ${compiled}, reference ${end}`);
          if (end <= i) continue;
          matches++;
          if (!possible) throw new Error(`"${pattern.source}" matches but was ruled out`);
          break;
        }
      }
    }
    expect(matches).toBeGreaterThan(500);
    // The point of signatures: most patterns are never tried on most sentences.
    expect(ruledOut / (sentences.length * patterns.length)).toBeGreaterThan(0.5);
  });
});
