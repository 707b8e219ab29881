import { z } from 'zod';
import { ENTITY_ID_PATTERN } from '../core/entity-id';

/**
 * The editor routes' request bodies: one schema each, which validates, types and documents
 * the JSON a client sends. Names are one line of printable text, like stored names.
 */

const name = z
  .string()
  .trim()
  .min(1, 'must not be empty')
  .max(200, 'must be at most 200 characters')
  .refine((value) => !/\p{Cc}/u.test(value), 'must not contain control characters');

const entityId = z.string().regex(ENTITY_ID_PATTERN, 'must be an entity id such as per-vladimir-putin');

export const EDITOR_BODIES = {
  '/entities/{id}/merge': z.strictObject({ into: entityId.meta({ description: 'The entity that survives; {id} answers as it from now on.' }) }),
  '/entities/{id}/split': z.strictObject({ alias: name.meta({ description: 'A name of the entity that stands for someone or something else.' }) }),
  '/entities/{id}/rename': z.strictObject({ name: name.meta({ description: 'The canonical name to show from now on.' }) }),
  '/entities/{id}/suppress': z.strictObject({
    suppressed: z.boolean().default(true).meta({ description: 'false lifts an earlier suppression.' }),
  }),
} as const;

export type EditorRoute = keyof typeof EDITOR_BODIES;
export type EditorBody<R extends EditorRoute> = z.infer<(typeof EDITOR_BODIES)[R]>;
