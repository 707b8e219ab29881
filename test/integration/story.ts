import { PutObjectCommand } from '@aws-sdk/client-s3';
import { expect } from 'vitest';
import type { useLocalStack } from '../support/local-stack';
import { getJson, waitForFinal } from '../support/pipeline-api';
import type { STORY } from '../fixtures/story/index';

/** The four-article story of test/fixtures/story, and what resolving it must give. */

export { STORY } from '../fixtures/story/index';

export interface FoundEntity {
  id: string;
  type: string;
  name: string;
  articleCount: number;
  mentionCount: number;
}

export interface EntityDetail extends FoundEntity {
  names: Record<string, string>;
  aliases: Array<{ name: string; count: number; langs: string[] }>;
  languages: string[];
  mergedIds: string[];
  redirectedFrom?: string;
}

type Local = ReturnType<typeof useLocalStack>;

/** Uploads the articles one after the other, each processed before the next goes in. */
export async function ingestInOrder(local: Local, articles: typeof STORY): Promise<void> {
  for (const { key, body } of articles) {
    await local.s3.send(new PutObjectCommand({ Bucket: local.bucket, Key: key, Body: body, ContentType: 'text/plain; charset=utf-8' }));
    await waitForFinal(local.api, key, { state: 'processed' });
  }
}

export async function search(api: string, q: string, type?: string): Promise<FoundEntity[]> {
  const query = new URLSearchParams({ q, ...(type ? { type } : {}) });
  return (await getJson<{ items: FoundEntity[] }>(api, `/entities?${query}`)).items;
}

/** What a reader types for each real-world entity of the story, and in how many articles it is named. */
export const EXPECTED: Array<{ queries: string[]; type: string; articles: number; name: RegExp }> = [
  { queries: ['putin', 'wladimir putin', 'vladimir putin', 'wlad', 'vlad'], type: 'PER', articles: 4, name: /Putin$/ },
  { queries: ['peskow', 'peskov', 'dmitri', 'dmitry peskov'], type: 'PER', articles: 4, name: /Pesko[wv]$/ },
  { queries: ['zelensk', 'selensk', 'wolodymyr', 'volodymyr zelenskyy'], type: 'PER', articles: 3, name: /Selenskyj|Zelenskyy/ },
  { queries: ['genf', 'geneva'], type: 'LOC', articles: 4, name: /Genf|Geneva/ },
  { queries: ['usa', 'united st', 'vereinigte staaten', 'u.s.'], type: 'LOC', articles: 3, name: /United States|USA|Vereinigte Staaten/ },
  { queries: ['russland', 'russia'], type: 'LOC', articles: 3, name: /Russ/ },
  { queries: ['osce', 'osze', 'organisation für sicherheit', 'organization for security'], type: 'ORG', articles: 4, name: /OS[CZ]E|Organi[sz]ation/ },
  { queries: ['nato'], type: 'ORG', articles: 3, name: /NATO|Nato/ },
];

/** Every query finds one entity first, the same for all queries of a real-world entity, named in all its articles. */
export async function expectResolved(api: string): Promise<Map<string, FoundEntity>> {
  const found = new Map<string, FoundEntity>();
  for (const { queries, type, articles, name } of EXPECTED) {
    const ids = new Set<string>();
    for (const q of queries) {
      const [first] = await search(api, q);
      expect(first, `q=${q}`).toBeDefined();
      expect(first!.type, `q=${q}`).toBe(type);
      expect(first!.name, `q=${q}`).toMatch(name);
      expect(first!.articleCount, `q=${q} -> ${first!.id}`).toBe(articles);
      ids.add(first!.id);
      found.set(queries[0]!, first!);
    }
    expect([...ids], `${queries.join(', ')} find one entity`).toHaveLength(1);
  }
  return found;
}
