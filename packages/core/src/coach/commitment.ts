import { type CompiledLanguage, compileLanguage, findIn } from './compile.js';
import { ENGLISH } from './rules/en/index.js';
import { tokenize } from './tokenize.js';
import type { CommitmentCheck } from './types.js';

const SUGGESTIONS = {
  action:
    'Name an action someone could see you do: “share the draft”, “ask each of you”, “publish the notes”.',
  observer: 'Say who will see it: “with the team”, “in our Monday meeting”, “in the #team channel”.',
  timing:
    'Add when: a date (“by 14 March”), a recurrence (“every Monday”) or a trigger (“before any decision that changes your project”).',
  vague: 'Replace “try”, “better” or “more” with the action itself.',
} as const;

/**
 * Checks one commitment: is there an action someone could observe, who observes it, and a time, recurrence or
 * trigger? Returns what is missing and a suggestion.
 */
export function checkCommitment(text: string): CommitmentCheck {
  const compiled: CompiledLanguage = compileLanguage(ENGLISH);
  const { tokens, sentences } = tokenize(text, ENGLISH.contractions);
  const anywhere = (index: CompiledLanguage['actions']) => sentences.some((s) => findIn(index, tokens, s));
  const vague = anywhere(compiled.vague);
  const hasAction = !vague && anywhere(compiled.actions);
  const hasObserver = anywhere(compiled.observers);
  const hasTiming = anywhere(compiled.timing);
  const missing: CommitmentCheck['missing'] = [];
  if (!hasAction) missing.push('action');
  if (!hasObserver) missing.push('observer');
  if (!hasTiming) missing.push('timing');
  const parts = [
    ...(vague ? [SUGGESTIONS.vague] : []),
    ...missing.filter((m) => !(vague && m === 'action')).map((m) => SUGGESTIONS[m]),
  ];
  return {
    ok: missing.length === 0,
    hasAction,
    hasObserver,
    hasTiming,
    vague,
    missing,
    suggestion:
      parts.length > 0 ? parts.join(' ') : 'This commitment is specific and observable. Keep it, every time.',
  };
}
