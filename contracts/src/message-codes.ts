// Texts the server makes for people, as codes with parameters: the UI
// translates each code (ui/src/i18n, French first), the server keeps an
// English `message` beside it for API users and logs. A code added here
// without a French text fails ui/test/i18n/message-codes.test.ts. No zod here:
// the board's bundle reads this file (the schemas are in api/common.ts).
export const MESSAGE_CODES = [
  // Accepting or discarding a preview (POST /api/plans/{id}/accept | discard).
  'plan.changed_since_preview',
  'plan.already_decided',
  'plan.not_a_preview',
  'plan.not_succeeded',
  'plan.days_past',
  'plan.decided_meanwhile',
  'plan.technician_unchanged',
  'plan.proposal_unreadable',
] as const;

export type MessageCode = (typeof MESSAGE_CODES)[number];

/** A parameter's value: counts and names, days as YYYY-MM-DD, instants as ISO strings (the UI formats them in its locale). */
export type MessageParams = Readonly<Record<string, string | number>>;

export interface CodedMessage {
  readonly code: MessageCode;
  readonly params?: MessageParams;
}

export const isMessageCode = (value: unknown): value is MessageCode => typeof value === 'string' && (MESSAGE_CODES as readonly string[]).includes(value);
