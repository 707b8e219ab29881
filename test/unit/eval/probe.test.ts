import { describe, expect, it } from 'vitest';
import { probe } from '../../../scripts/cli/probe';

describe('npm run news -- probe', () => {
  for (const lang of ['de', 'en'] as const) {
    it(`counts every name in every template of its type (${lang}) and finds nearly all persons`, () => {
      const result = probe(lang);
      expect(result.byType.map((t) => t.type)).toEqual(['PER', 'ORG', 'LOC']);
      for (const t of result.byType) expect(t.found).toBeLessThanOrEqual(t.total);
      const per = result.byType.find((t) => t.type === 'PER')!;
      expect(per.total).toBeGreaterThanOrEqual(150);
      // Real names of current news in plain news sentences: a person the extraction misses is a regression.
      expect(per.found / per.total).toBeGreaterThanOrEqual(0.95);
      expect(result.misses).toHaveLength(result.byType.reduce((n, t) => n + t.total - t.found, 0));
    });
  }
});
