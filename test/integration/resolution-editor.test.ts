import { describe, expect, it } from 'vitest';
import { useLocalStack } from '../support/local-stack';
import { DeleteObjectCommand } from '@aws-sdk/client-s3';
import { getJson, waitForFinal } from '../support/pipeline-api';
import { eventually } from '../support/local-stack';
import { type EntityDetail, expectResolved, ingestInOrder, search, STORY } from './story';

/**
 * The same story uploaded in reverse order (lone surnames before the full names) resolves the
 * same; then an editor corrects entities, and the corrections survive a reindex.
 */
describe('one story uploaded in reverse order, then corrected by an editor', () => {
  const local = useLocalStack();
  const token = () => local.stack.env.EDITOR_TOKEN!;
  const post = (path: string, body: unknown, auth = `Bearer ${token()}`) =>
    fetch(`${local.api}${path}`, {
      method: 'POST',
      headers: { authorization: auth, 'content-type': 'application/json', 'x-editor': 'Ana' },
      body: JSON.stringify(body),
    });

  it('resolves the same entities whatever the upload order', async () => {
    await ingestInOrder(local, [...STORY].reverse());
    await expectResolved(local.api);
  });

  it('refuses editor routes without the token, and with a bad body names the field', async () => {
    const [kremlin] = await search(local.api, 'kreml');
    expect((await post(`/entities/${kremlin!.id}/rename`, { name: 'x' }, 'Bearer nope')).status).toBe(401);
    const bad = await post(`/entities/${kremlin!.id}/rename`, { name: '' });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ parameter: 'name' });
    expect((await post('/entities/per-nobody-at-all/suppress', {})).status).toBe(404);
  });

  it('applies a merge, a rename and a suppression, logs them, and keeps them through a reindex', async () => {
    const [kreml] = await search(local.api, 'kreml', 'ORG');
    // The English articles' "Kremlin", whatever type the tagger gave it (CoNLL's convention is a place, the
    // German "Kreml" an organisation): an editor merges the two, across types if need be.
    const [kremlin] = await search(local.api, 'kremlin');
    expect(kremlin!.name).toBe('Kremlin');
    expect(kreml!.id).not.toBe(kremlin!.id);
    const total = kreml!.articleCount + kremlin!.articleCount;

    const merged = await post(`/entities/${kremlin!.id}/merge`, { into: kreml!.id });
    expect(merged.status).toBe(200);
    const survivor = await getJson<EntityDetail>(local.api, `/entities/${kremlin!.id}`);
    expect(survivor).toMatchObject({ id: kreml!.id, redirectedFrom: kremlin!.id, articleCount: total });
    expect(survivor.mergedIds).toContain(kremlin!.id);

    expect((await post(`/entities/${kreml!.id}/rename`, { name: 'Kremlin' })).status).toBe(200);
    const [brussels] = await search(local.api, 'brussels');
    expect((await post(`/entities/${brussels!.id}/suppress`, {})).status).toBe(200);
    expect(await search(local.api, 'brussels')).toEqual([]);

    const history = await getJson<{ items: Array<{ by: string; decision: { action: string } }> }>(local.api, `/entities/${kreml!.id}/history`);
    expect(history.items.map((h) => h.decision.action)).toEqual(['merged', 'rename']);
    expect(history.items[0]!.by).toBe('local:Ana');

    const before = await expectResolved(local.api);
    await local.stack.reindex('story/');
    await eventually(async () => (local.stack.queue.size === 0 ? true : undefined), 60_000, 'reindex to finish');
    await new Promise((resolve) => setTimeout(resolve, 500));
    const after = await expectResolved(local.api);
    expect([...after.values()].map((e) => [e.id, e.articleCount])).toEqual([...before.values()].map((e) => [e.id, e.articleCount]));
    const again = await getJson<EntityDetail>(local.api, `/entities/${kremlin!.id}`);
    expect(again).toMatchObject({ id: kreml!.id, name: 'Kremlin', articleCount: total });
    expect(await search(local.api, 'brussels')).toEqual([]);
  });

  it('keeps counts exact when an article of a merged entity is deleted', async () => {
    const [kreml] = await search(local.api, 'kreml', 'ORG');
    const gone = STORY.find((a) => a.key.includes('kreml-enttaeuscht'))!;
    await local.s3.send(new DeleteObjectCommand({ Bucket: local.bucket, Key: gone.key }));
    await waitForFinal(local.api, gone.key, { state: 'deleted' });
    const after = await getJson<EntityDetail>(local.api, `/entities/${kreml!.id}`);
    expect(after.articleCount).toBe(kreml!.articleCount - 1);
    expect(after.aliases.reduce((sum, alias) => sum + alias.count, 0)).toBe(after.mentionCount);
    const articles = await getJson<{ items: Array<{ key: string }> }>(local.api, `/entities/${kreml!.id}/articles`);
    expect(articles.items.map((a) => a.key)).not.toContain(gone.key);
    expect(articles.items).toHaveLength(after.articleCount);
  });
});
