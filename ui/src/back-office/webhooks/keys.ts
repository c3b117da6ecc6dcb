// The webhooks screen's query keys (TanStack Query): one root, so a change invalidates all of it.
export const webhookKeys = {
  all: ['webhooks'] as const,
  subscriptions: () => ['webhooks', 'subscriptions'] as const,
  deliveries: (filter: { subscriptionId?: string | undefined; status?: string | undefined }) => ['webhooks', 'deliveries', filter] as const,
};
