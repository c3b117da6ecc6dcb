// Visit bars are narrow: "M. et Mme Patrick Simon — Pélissanne" shows as
// "Simon · Pélissanne" (the full label stays in the tooltip and for screen readers).
const CIVILITY = /^(M\.|Mme|Mlle|Mr|Mrs|Ms|Dr|et|and)$/i;

export function shortLabel(label: string): string {
  const [name = label, town] = label.split(' — ');
  const words = name.trim().split(/\s+/);
  const person = words.length > 1 && CIVILITY.test(words[0]!);
  const short = person ? words[words.length - 1]! : name;
  return town ? `${short} · ${town}` : short;
}
