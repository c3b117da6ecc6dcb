// The technician app's words live in their own i18next namespace, `tech`, on
// the board's i18n instance: same set-up, same saved language, and the
// board's shared pieces (language switch, map attribution) keep working.
// `useT()` gives a `t` that only accepts this dictionary's keys.
import type { i18n } from 'i18next';
import { useTranslation } from 'react-i18next';
import { createI18n, type Language } from '../../i18n/index.ts';
import { techEn } from './en.ts';
import { techFr } from './fr.ts';

type Widen<T> = { -readonly [K in keyof T]: T[K] extends string ? string : Widen<T[K]> };
export type TechDictionary = Widen<typeof techFr>;

type Paths<T, P extends string = ''> = {
  [K in keyof T & string]: T[K] extends string ? `${P}${K}` : Paths<T[K], `${P}${K}.`>;
}[keyof T & string];
/** Plural keys (`x_one`, `x_other`) are asked for as `x` with a count. */
export type TechKey = Paths<typeof techFr> extends infer K ? (K extends `${infer Base}_${'one' | 'other'}` ? Base : K) : never;
export type TechT = (key: TechKey, options?: Record<string, unknown>) => string;

export const TECH_NS = 'tech';

export function createTechI18n(language?: Language): i18n {
  const instance = createI18n(language);
  instance.addResourceBundle('fr', TECH_NS, techFr);
  instance.addResourceBundle('en', TECH_NS, techEn);
  return instance;
}

export function useT(): TechT {
  const { t } = useTranslation(TECH_NS as 'translation');
  return t as unknown as TechT;
}

/** The same `t` outside React (tests, non-component code). */
export function techT(instance: i18n): TechT {
  const t = instance.t as unknown as (key: string, options?: Record<string, unknown>) => string;
  return (key, options) => t(`${TECH_NS}:${key}`, options);
}
