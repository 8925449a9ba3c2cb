// Name similarity for suggesting which employee a device user is. Devices often store names in
// capitals, without accents and in a different order ("JOSE ALVAREZ" for "José Álvarez").

/** Letters that Unicode does not decompose into a base letter plus an accent. */
const FOLDED_LETTERS: Record<string, string> = { ß: 'ss', ø: 'o', æ: 'ae', œ: 'oe', ł: 'l', đ: 'd', ð: 'd', þ: 'th', ı: 'i' };

/** Lower-case word tokens without diacritics: "Søren Østergaard-K." -> ["soren", "ostergaard", "k"]. */
export function nameTokens(name: string): string[] {
  const folded = name
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[ßøæœłđðþı]/g, (letter) => FOLDED_LETTERS[letter] ?? letter);
  return folded.split(/[^\p{L}\p{N}]+/u).filter(Boolean);
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, index) => index);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const substitution = previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1);
      current.push(Math.min(previous[j]! + 1, current[j - 1]! + 1, substitution));
    }
    previous = current;
  }
  return previous[b.length]!;
}

function tokenSimilarity(a: string, b: string): number {
  if (a === b) return 1;
  // An initial on the device ("J") matches the whole first name ("jose") a little.
  if ((a.length === 1 && b.startsWith(a)) || (b.length === 1 && a.startsWith(b))) return 0.6;
  return 1 - editDistance(a, b) / Math.max(a.length, b.length);
}

function coverage(from: string[], to: string[]): number {
  const total = from.reduce((sum, token) => sum + Math.max(0, ...to.map((other) => tokenSimilarity(token, other))), 0);
  return total / from.length;
}

/** 0 (nothing alike) to 1 (same name), ignoring case, accents, punctuation and word order. */
export function nameSimilarity(a: string, b: string): number {
  const left = nameTokens(a);
  const right = nameTokens(b);
  if (left.length === 0 || right.length === 0) return 0;
  return (coverage(left, right) + coverage(right, left)) / 2;
}

export interface Suggestion<T> {
  candidate: T;
  score: number;
}

/** The candidates most like `name`, best first, leaving out weak matches. */
export function suggestMatches<T>(
  name: string | null,
  candidates: T[],
  nameOf: (candidate: T) => string,
  { limit = 3, minScore = 0.7 }: { limit?: number; minScore?: number } = {},
): Suggestion<T>[] {
  if (!name) return [];
  return candidates
    .map((candidate) => ({ candidate, score: nameSimilarity(name, nameOf(candidate)) }))
    .filter((suggestion) => suggestion.score >= minScore)
    .sort((a, b) => b.score - a.score)
    .slice(0, limit);
}
