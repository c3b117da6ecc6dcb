// Accent- and case-insensitive matching without the `unaccent` extension,
// which PGlite does not load by default: the same letter mapping is applied
// by PostgreSQL's translate() to the stored text and by fold() to what the
// dispatcher typed, so "bertrand" finds "Mme Sophie Bertrand" and "saint remy"
// finds "Saint-Rémy-de-Provence" on both backends. Hyphens and apostrophes
// become spaces; "œ"/"æ" stay one letter on both sides (translate maps one
// character to one), which is all a match needs.
const FROM = "ÀÁÂÃÄÅàáâãäåÇçÈÉÊËèéêëÌÍÎÏìíîïÑñÒÓÔÕÖòóôõöÙÚÛÜùúûüÝýÿŒœÆæ-'’";
const TO = 'aaaaaaaaaaaacceeeeeeeeiiiiiiiinnoooooooooouuuuuuuuyyyooaa   ';

if ([...FROM].length !== [...TO].length) throw new Error('fold: FROM and TO must map one character to one');

const MAP = new Map([...FROM].map((c, i) => [c, TO[i]!]));

/** The text as the database's foldSql() sees it: lower case, no accents, no hyphens. */
export function fold(text: string): string {
  return [...text.toLowerCase()].map((c) => MAP.get(c) ?? c).join('');
}

/** SQL folding a text expression the way fold() does (the expression is trusted SQL, never user input). */
export function foldSql(expression: string): string {
  return `translate(lower(${expression}), '${FROM.replace(/'/g, "''")}', '${TO}')`;
}

/**
 * The words to look for, folded; each must be found. A phone number typed with
 * spaces is five words found in the stored number; typed without, one word
 * found in its digits (the haystacks hold both, work-search.ts).
 */
export function searchTerms(query: string): string[] {
  return [
    ...new Set(
      fold(query)
        .split(/[\s.,;/]+/)
        .filter((w) => w.length > 0),
    ),
  ].slice(0, 10);
}

/** A term as a LIKE pattern's literal part: %, _ and \ escaped. */
export function likeEscape(term: string): string {
  return term.replace(/[\\%_]/g, (c) => `\\${c}`);
}
