// Column headers as people type them: "N° de série", "numero serie ", "SERIAL NUMBER".
// Compared without accents, case, punctuation or repeated spaces.
export function normalizeHeader(header: string): string {
  return header
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLowerCase()
    .replace(/°/g, ' ')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}
