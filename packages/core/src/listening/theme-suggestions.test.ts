import { describe, expect, it } from 'vitest';
import { suggestThemes } from './theme-suggestions.js';

describe('suggestThemes', () => {
  const answers = [
    { id: 'a', text: 'Nobody asked us before the roadmap changed.' },
    { id: 'b', text: 'I wanted to be asked about roadmap changes first.' },
    { id: 'c', text: 'The on-call rota doubled my weekend shifts.' },
    { id: 'd', text: 'Weekend on-call shifts were given without warning.' },
    { id: 'e', text: 'Pizza.' },
  ];

  it('groups answers that share meaningful words and names the group by them', () => {
    const suggestions = suggestThemes(answers);
    const groups = suggestions.map((s) => [...s.answerIds].sort());
    expect(groups).toContainEqual(['a', 'b']);
    expect(groups).toContainEqual(['c', 'd']);
    const roadmap = suggestions.find((s) => s.answerIds.includes('a'));
    expect(roadmap?.terms).toContain('roadmap');
  });

  it('groups inflections by a real stem and names no group by filler words', () => {
    const suggestions = suggestThemes([
      { id: 'p', text: 'The approval processes are slow, everyone actually said so.' },
      { id: 'q', text: 'One approval process for everything else, done.' },
      { id: 'r', text: 'Comments on the comes and goes of the rota.' },
      { id: 's', text: 'Someone else wrote a comment on it too.' },
    ]);
    const approval = suggestions.find((s) => s.answerIds.includes('p'));
    expect(approval?.answerIds.sort()).toEqual(['p', 'q']);
    expect(approval?.terms).toEqual(expect.arrayContaining(['approval', 'process']));
    for (const s of suggestions)
      for (const filler of ['everyone', 'actually', 'else', 'done', 'someone'])
        expect(s.terms).not.toContain(filler);
    expect(suggestions.find((s) => s.answerIds.includes('r'))?.answerIds.sort()).toEqual(['r', 's']);
  });

  it('suggests nothing for a lone answer or no answers', () => {
    expect(suggestThemes([])).toEqual([]);
    expect(suggestThemes([{ id: 'x', text: 'roadmap' }])).toEqual([]);
    expect(suggestThemes(answers).some((s) => s.answerIds.includes('e'))).toBe(false);
  });
});
