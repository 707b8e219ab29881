import { DeleteObjectCommand } from '@aws-sdk/client-s3';
import { describe, expect, it } from 'vitest';
import { useLocalStack } from '../support/local-stack';
import { getJson, waitForFinal } from '../support/pipeline-api';
import { type EntityDetail, expectResolved, ingestInOrder, search, STORY } from './story';

/**
 * One story told in two German and two English articles (issue 12): every person, place and
 * organisation is one entity, found by any name a reader would type, listing every article
 * that names it. Then one article is deleted and the counts follow exactly.
 */
describe('one story across languages, uploaded in order', () => {
  const local = useLocalStack();

  it('resolves every real-world entity to one, found by any of its names', async () => {
    await ingestInOrder(local, STORY);
    const found = await expectResolved(local.api);

    const putin = await getJson<EntityDetail>(local.api, `/entities/${found.get('putin')!.id}`);
    expect(putin.languages).toEqual(['de', 'en']);
    expect(putin.aliases.map((a) => a.name)).toEqual(expect.arrayContaining(['Wladimir Putin', 'Vladimir Putin', 'Putin']));
    expect(Object.values(putin.names).concat(putin.name)).toEqual(expect.arrayContaining(['Wladimir Putin', 'Vladimir Putin']));
    const articles = await getJson<{ items: Array<{ key: string }> }>(local.api, `/entities/${putin.id}/articles`);
    expect(articles.items.map((a) => a.key).sort()).toEqual(STORY.map((a) => a.key).sort());

    // An exact name ranks first even when a longer name shares its words.
    const [exact] = await search(local.api, 'Dmitri Peskow');
    expect(exact!.id).toBe(found.get('peskow')!.id);
  });

  it('keeps counts exact when an article is deleted', async () => {
    const gone = STORY.find((a) => a.key.includes('kreml-enttaeuscht'))!;
    await local.s3.send(new DeleteObjectCommand({ Bucket: local.bucket, Key: gone.key }));
    await waitForFinal(local.api, gone.key, { state: 'deleted' });
    const [putin] = await search(local.api, 'putin');
    expect(putin!.articleCount).toBe(3);
    const [peskov] = await search(local.api, 'peskov');
    expect(peskov!.articleCount).toBe(3);
    const detail = await getJson<EntityDetail>(local.api, `/entities/${putin!.id}`);
    expect(detail.aliases.reduce((sum, alias) => sum + alias.count, 0)).toBe(detail.mentionCount);
  });
});
