// What the dispatcher types for an urgent request, kept by the panel while
// they look at the answers ("Retour" finds the form as they left it), and
// the draft the server ranks from it. Nothing is stored until they decide.
import type { Site } from '../api/types.ts';
import type { UrgentDraft } from '../api/endpoints.ts';

export interface DraftForm {
  readonly query: string;
  readonly site: Site | null;
  readonly problem: string;
  /** Skill id → minimum level. */
  readonly required: Readonly<Record<string, number>>;
  readonly priority: number;
  readonly duration: number;
}

export const EMPTY_FORM: DraftForm = { query: '', site: null, problem: '', required: {}, priority: 95, duration: 60 };

/** The priorities a dispatcher picks from (0–100 on the server). */
export const PRIORITIES = [95, 80, 60] as const;

/** A duration the server accepts (5 min to 12 h), in minutes. */
export const MIN_DURATION = 15;
export const MAX_DURATION = 480;

export type DraftProblem = 'pickSite' | 'describeProblem' | 'duration';

/** The first thing missing or wrong in the form (the message key), or the draft to rank. */
export function toDraft(form: DraftForm, agencyId: string): { draft: UrgentDraft } | { problem: DraftProblem } {
  if (!form.site) return { problem: 'pickSite' };
  if (!form.problem.trim()) return { problem: 'describeProblem' };
  if (!Number.isInteger(form.duration) || form.duration < MIN_DURATION || form.duration > MAX_DURATION) return { problem: 'duration' };
  return {
    draft: {
      agencyId,
      siteId: form.site.id,
      problemDescription: form.problem.trim(),
      priority: form.priority,
      estimatedDurationMinutes: form.duration,
      requiredSkills: Object.entries(form.required).map(([skillId, minLevel]) => ({ skillId, minLevel })),
    },
  };
}

/** How the panel names the request: its site and town. */
export const siteLabel = (site: Site): string => `${site.name ?? site.address} — ${site.city}`;
