// The folding the search applies on both sides: what the dispatcher types and
// what the database compares it with (foldSql, checked on PGlite and
// PostgreSQL by server/test/http/new-work.test.ts).
import { describe, expect, it } from 'vitest';
import { fold, likeEscape, searchTerms } from '../../src/search/fold.ts';

describe('fold', () => {
  it('lowers case, drops French accents and turns hyphens and apostrophes into spaces', () => {
    expect(fold('Saint-Rémy-de-Provence')).toBe('saint remy de provence');
    expect(fold('ÉRIC LEFÈVRE')).toBe('eric lefevre');
    expect(fold('L’Isle-sur-la-Sorgue')).toBe('l isle sur la sorgue');
    expect(fold('Çà et là, où ÿ')).toBe('ca et la, ou y');
  });
});

describe('searchTerms', () => {
  it('splits on spaces and punctuation, each word once, at most ten', () => {
    expect(searchTerms('  Mme  Bertrand, Pertuis ')).toEqual(['mme', 'bertrand', 'pertuis']);
    expect(searchTerms('04 90 12 34 56')).toEqual(['04', '90', '12', '34', '56']);
    expect(searchTerms('a a a')).toEqual(['a']);
    expect(searchTerms('1 2 3 4 5 6 7 8 9 10 11 12')).toHaveLength(10);
  });
});

describe('likeEscape', () => {
  it('makes LIKE wildcards literal', () => {
    expect(likeEscape('50%_a\\b')).toBe('50\\%\\_a\\\\b');
  });
});
