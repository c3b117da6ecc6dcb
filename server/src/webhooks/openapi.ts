// The `webhooks` section of the OpenAPI 3.1 document: what a subscriber
// receives for each event type, and how to check it.
import type { z } from 'zod';
import { WEBHOOK_EVENT_TYPES, WEBHOOK_SIGNATURE_HEADER, WEBHOOK_TOLERANCE_SECONDS, WebhookEventEnvelope } from '@tournee/contracts/api';

const WHAT: Record<(typeof WEBHOOK_EVENT_TYPES)[number], string> = {
  'intervention.created': 'An intervention was created (status requested). data: the intervention.',
  'intervention.planned': 'An intervention was planned or re-planned (a technician and a time). data: the intervention.',
  'intervention.dispatched': 'An intervention was sent to its technician. data: the intervention.',
  'intervention.started': 'The technician is on site. data: the intervention.',
  'intervention.done': 'The work is finished. data: the intervention with its fieldReport (work done, parts, signature).',
  'quote.issued': 'A quote was issued (numbered). data: the billing document with its lines.',
  'invoice.issued': 'An invoice was issued (numbered). data: the billing document with its lines.',
  'credit_note.issued': 'A credit note was issued. data: the billing document with its lines.',
  'payment.recorded': 'A payment was recorded against an invoice. data: the payment.',
  'stock.movement': 'Stock moved (receipt, transfer, return, adjustment, consumption). data: {movements}.',
  'stock.shortage': 'A stock movement left a level under its minimum. data: the level (part, depot, on hand, minimum).',
  'warranty_claim.moved': 'A warranty claim changed status. data: the claim.',
  'part_request.created': 'A technician asked for a part from the field. data: the part request.',
};

export function webhookDocs(jsonSchema: (schema: z.ZodType, io: 'input' | 'output') => Record<string, unknown>): Record<string, unknown> {
  const envelope = jsonSchema(WebhookEventEnvelope, 'output');
  return Object.fromEntries(
    WEBHOOK_EVENT_TYPES.map((type) => [
      type,
      {
        post: {
          summary: type,
          description:
            `${WHAT[type]} Signed: ${WEBHOOK_SIGNATURE_HEADER}: t=<unix seconds>,v1=<hex HMAC-SHA256(secret, t + "." + raw body)>; ` +
            `refuse a t older than ${WEBHOOK_TOLERANCE_SECONDS} s. Answer 2xx within 10 s; anything else is retried with exponential backoff, ` +
            'the same event id each time.',
          tags: ['Webhooks'],
          parameters: [
            { name: WEBHOOK_SIGNATURE_HEADER, in: 'header', required: true, schema: { type: 'string' } },
            { name: 'Tournee-Event-Id', in: 'header', required: true, schema: { type: 'string' } },
            { name: 'Tournee-Event-Type', in: 'header', required: true, schema: { type: 'string', const: type } },
          ],
          requestBody: { required: true, content: { 'application/json': { schema: envelope } } },
          responses: { '2XX': { description: 'Received' } },
        },
      },
    ]),
  );
}
