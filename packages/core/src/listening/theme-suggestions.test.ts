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

  it('suggests nothing for a lone answer or no answers', () => {
    expect(suggestThemes([])).toEqual([]);
    expect(suggestThemes([{ id: 'x', text: 'roadmap' }])).toEqual([]);
    expect(suggestThemes(answers).some((s) => s.answerIds.includes('e'))).toBe(false);
  });
});
