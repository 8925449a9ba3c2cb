import { describe, expect, it } from 'vitest';
import { nameSimilarity, nameTokens, suggestMatches } from './similarity';

describe('nameTokens', () => {
  it('drops accents, case and punctuation', () => {
    expect(nameTokens('Søren Østergaard-Kierkegaard')).toEqual(['soren', 'ostergaard', 'kierkegaard']);
    expect(nameTokens('  JOSÉ  ÁLVAREZ ')).toEqual(['jose', 'alvarez']);
    expect(nameTokens('Łukasz Wójcik')).toEqual(['lukasz', 'wojcik']);
    expect(nameTokens('Ayşe Yılmaz')).toEqual(['ayse', 'yilmaz']);
  });

  it('keeps scripts without a Latin form', () => {
    expect(nameTokens('محمد الهاشمي')).toEqual(['محمد', 'الهاشمي']);
    expect(nameTokens('陈美')).toEqual(['陈美']);
  });
});

describe('nameSimilarity', () => {
  it('sees a device spelling as the same person', () => {
    expect(nameSimilarity('JOSE ALVAREZ', 'José Álvarez')).toBe(1);
    expect(nameSimilarity('Muller Zoe', 'Zoë Müller')).toBe(1);
  });

  it('tolerates a typo but not a different person', () => {
    expect(nameSimilarity('Lukas Wojcik', 'Łukasz Wójcik')).toBeGreaterThan(0.85);
    expect(nameSimilarity('Priya Sharma', 'Björn Strömberg')).toBeLessThan(0.4);
  });

  it('gives partial credit for an initial', () => {
    const score = nameSimilarity('J Alvarez', 'José Álvarez');
    expect(score).toBeGreaterThan(0.7);
    expect(score).toBeLessThan(1);
  });

  it('is zero when either name is empty', () => {
    expect(nameSimilarity('', 'José')).toBe(0);
    expect(nameSimilarity('---', 'José')).toBe(0);
  });
});

describe('suggestMatches', () => {
  const employees = [
    { id: 'HR-EMP-1', name: 'José Álvarez' },
    { id: 'HR-EMP-2', name: 'Josef Alvares' },
    { id: 'HR-EMP-3', name: 'Chidi Okafor' },
  ];

  it('ranks the closest name first and leaves out weak matches', () => {
    const found = suggestMatches('JOSE ALVAREZ', employees, (e) => e.name);
    expect(found.map((s) => s.candidate.id)).toEqual(['HR-EMP-1', 'HR-EMP-2']);
    expect(found[0]!.score).toBeGreaterThan(found[1]!.score);
  });

  it('suggests nothing for a user without a name', () => {
    expect(suggestMatches(null, employees, (e) => e.name)).toEqual([]);
  });
});
