import { describe, expect, it } from 'vitest';
import { isGenericInstitution } from '../../../functions/core/resolve/institutions';
import { baseIdentity } from '../../../functions/core/resolve/resolve';

describe('generic institutions', () => {
  it('are the kinds of institution every country has, in both languages', () => {
    for (const name of [
      'Außenministerium',
      'Finanzministerium',
      'Regierung',
      'Parlament',
      'Foreign Ministry',
      'the Defence Ministry',
      'Ministry of Foreign Affairs',
      'Interior Department',
      'Government',
      'Central Bank',
    ])
      expect(isGenericInstitution(name), name).toBe(true);
  });

  it('do not include names that carry their country or are one institution', () => {
    for (const name of [
      'US-Außenministerium',
      'U.S. State Department',
      'Bundesregierung',
      'Bundesministerium der Finanzen',
      'Kreml',
      'Auswärtiges Amt',
      'Foreign Office Minister',
      'Nato',
      'Siemens',
    ])
      expect(isGenericInstitution(name), name).toBe(false);
  });

  it('are one entity per article, while a specific name is one across articles', () => {
    const ministry = { type: 'ORG' as const, name: 'Außenministerium', aliases: {} };
    expect(baseIdentity(ministry, 'article-a').id).not.toBe(baseIdentity(ministry, 'article-b').id);
    expect(baseIdentity(ministry, 'article-a').id).toMatch(/^org-aussenministerium-[0-9a-f]{8}$/);
    const specific = { type: 'ORG' as const, name: 'US-Außenministerium', aliases: {} };
    expect(baseIdentity(specific, 'article-a').id).toBe(baseIdentity(specific, 'article-b').id);
  });
});
