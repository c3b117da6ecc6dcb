// The OpenAPI 3.1 document, generated from the registry's zod schemas with
// zod 4's own JSON Schema output (draft 2020-12, which OpenAPI 3.1 uses).
import { z } from 'zod';
import { ErrorResponse, SESSION_COOKIE } from '@tournee/contracts/api';
import type { RouteDoc } from './registry.ts';
import { webhookDocs } from '../webhooks/openapi.ts';

type JsonSchema = Record<string, unknown>;

const STATUS_TEXT: Record<number, string> = {
  200: 'OK',
  201: 'Created',
  204: 'No content',
  400: 'Invalid request (details name the fields)',
  401: 'Not logged in',
  403: 'Not allowed for this user',
  404: 'Not found (or not visible to this user)',
  409: 'Conflict: stale version (the answer carries the current record) or a duplicate',
  422: 'Refused: the request is well-formed but not acceptable in the current state',
  429: 'Too many requests',
  503: 'Unavailable',
};

function jsonSchema(schema: z.ZodType, io: 'input' | 'output'): JsonSchema {
  // Refinements and transforms have no JSON Schema form; they are checked at run time.
  const { $schema: _drop, ...rest } = z.toJSONSchema(schema, { io, unrepresentable: 'any', target: 'draft-2020-12' }) as JsonSchema;
  return rest;
}

function parameters(schema: z.ZodType | undefined, where: 'path' | 'query'): unknown[] {
  if (!schema) return [];
  const object = jsonSchema(schema, 'input') as { properties?: Record<string, JsonSchema>; required?: string[] };
  return Object.entries(object.properties ?? {}).map(([name, property]) => ({
    name,
    in: where,
    required: where === 'path' || (object.required ?? []).includes(name),
    ...(typeof property.description === 'string' ? { description: property.description } : {}),
    schema: property,
  }));
}

const errorRef = { $ref: '#/components/schemas/Error' };
const jsonContent = (schema: unknown) => ({ 'application/json': { schema } });

export interface OpenApiInfo {
  readonly title: string;
  readonly version: string;
  readonly description?: string;
}

export function openApiDocument(routes: readonly RouteDoc[], info: OpenApiInfo): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const { spec, isPublic } of routes) {
    const path = spec.path.replace(/:(\w+)/g, '{$1}');
    const status = spec.response ? (spec.status ?? 200) : 204;
    const responses: Record<string, unknown> = {
      [status]: spec.response
        ? { description: STATUS_TEXT[status] ?? 'OK', content: jsonContent(jsonSchema(spec.response, 'output')) }
        : { description: STATUS_TEXT[204] },
    };
    const errorStatuses = new Set<number>([400, ...(isPublic ? [] : [401, 403]), ...(spec.params ? [404] : []), ...(spec.errors ?? [])]);
    for (const code of [...errorStatuses].sort()) {
      responses[code] = { description: STATUS_TEXT[code] ?? 'Error', content: jsonContent(errorRef) };
    }
    (paths[path] ??= {})[spec.method] = {
      operationId: operationId(spec.method, spec.path),
      summary: spec.summary,
      ...(spec.description ? { description: spec.description } : {}),
      tags: [spec.tag],
      ...(isPublic ? { security: [] } : spec.roles ? { 'x-roles': spec.roles } : {}),
      ...(isPublic ? {} : { 'x-agency': spec.agency ?? 'own' }),
      parameters: [...parameters(spec.params, 'path'), ...parameters(spec.query, 'query')],
      ...(spec.body ? { requestBody: { required: true, content: jsonContent(jsonSchema(spec.body, 'input')) } } : {}),
      responses,
    };
  }
  return {
    openapi: '3.1.0',
    info,
    jsonSchemaDialect: 'https://json-schema.org/draft/2020-12/schema',
    servers: [{ url: '/' }],
    security: [{ bearer: [] }, { cookie: [] }],
    paths,
    // What ERP subscribers receive (issue 13).
    webhooks: webhookDocs(jsonSchema),
    components: {
      schemas: { Error: jsonSchema(ErrorResponse, 'output') },
      securitySchemes: {
        bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT', description: 'The token from POST /api/auth/login' },
        cookie: { type: 'apiKey', in: 'cookie', name: SESSION_COOKIE, description: 'The session cookie set by POST /api/auth/login' },
      },
    },
  };
}

/** getInterventionsById-style names, stable across runs. */
function operationId(method: string, path: string): string {
  const words = path
    .replace(/^\/api\//, '')
    .split('/')
    .map((part) => (part.startsWith(':') ? `by-${part.slice(1)}` : part))
    .join('-')
    .split(/[-_]/)
    .filter(Boolean);
  return method + words.map((w) => w[0]!.toUpperCase() + w.slice(1)).join('');
}
