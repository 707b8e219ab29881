import { describe, expect, it } from 'vitest';
import { ENTITY_ID_PATTERN, entityId, foldName } from '../../functions/core/entity-id';

describe('entityId', () => {
  it('is readable and stable across case and accents', () => {
    expect(entityId('PER', 'Wladimir Putin')).toBe('per-wladimir-putin');
    expect(entityId('LOC', 'Genf')).toBe('loc-genf');
    expect(entityId('ORG', 'Außenministerium')).toBe(entityId('ORG', 'AUSSENMINISTERIUM'));
    expect(entityId('PER', 'José Müller')).toBe('per-jose-muller');
  });
  it('falls back to a hash for names without Latin letters', () => {
    const id = entityId('PER', 'Владимир Путин');
    expect(id).toMatch(/^per-h[0-9a-f]{16}$/);
    expect(id).toMatch(ENTITY_ID_PATTERN);
  });
  it('folds names for search', () => {
    expect(foldName('  Zürich  Straße ')).toBe('zurich strasse');
  });
});
