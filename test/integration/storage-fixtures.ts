import { entityId } from '../../functions/core/entity-id';
import { RejectedInput } from '../../functions/core/errors';
import type { EntityType, Extraction, ParsedArticle, RawObject } from '../../functions/core/types';
import { normaliseSequencer, type ObjectEvent } from '../../functions/ingest/events';
import type { IngestDeps } from '../../functions/ingest/process-object';
import type { ArticleWriter } from '../../functions/storage/article-writer';

/**
 * Objects are JSON descriptions of the article and its entities; the fake parser and
 * extractor read them back, so each test states exactly which entities a version has.
 */
export interface FakeArticle {
  title: string;
  lang?: string;
  publishedAt?: string;
  entities: Array<[EntityType, string, number]>;
  /** Quotes by a named speaker; every fake entity sits at offset 0, so a quote at offset 0 mentions them all. */
  quotes?: Array<{ speaker: string; text: string; offset: number }>;
  reject?: boolean;
}

export const BUCKET = 'news-articles';

/** `resolver`: corpus-level resolution as the ingest handler wires it; without it ids stay as extracted. */
export function fakeDeps(writer: ArticleWriter, objects: Map<string, FakeArticle>, resolver?: IngestDeps['resolver']): IngestDeps {
  return {
    writer,
    resolver,
    readObject: async (ref) => {
      const article = objects.get(ref.key);
      if (!article) throw new RejectedInput('not-found', 'the object no longer exists');
      return { key: ref.key, bytes: Buffer.from(JSON.stringify(article)) } satisfies RawObject;
    },
    // An unversioned bucket: the key exists while the map holds it.
    headObject: async (ref) => (objects.has(ref.key) ? { size: JSON.stringify(objects.get(ref.key)).length } : undefined),
    parse: (raw) => {
      const article = JSON.parse(Buffer.from(raw.bytes).toString()) as FakeArticle;
      if (article.reject) throw new RejectedInput('no-text', 'nothing to read');
      return {
        format: 'json',
        charset: 'utf-8',
        title: article.title,
        body: JSON.stringify({ entities: article.entities, quotes: article.quotes ?? [] }),
        lang: article.lang ?? 'en',
        publishedAt: article.publishedAt,
      } satisfies ParsedArticle;
    },
    extract: (article) => {
      // The fake parser carries the wanted entities in the body.
      const { entities, quotes } = JSON.parse(article.body) as Required<Pick<FakeArticle, 'entities' | 'quotes'>>;
      return {
        entities: entities.map(([type, name, mentions]) => ({
          id: entityId(type, name),
          type,
          name,
          mentions,
          offsets: [[0, 1]],
          aliases: { [name]: mentions },
        })),
        dates: [],
        quotes: quotes.map((q) => ({ text: q.text, offset: q.offset, speaker: q.speaker, speakerId: entityId('PER', q.speaker) })),
      } satisfies Extraction;
    },
  };
}

export function event(kind: 'created' | 'removed', key: string, sequencer: number): ObjectEvent {
  return {
    kind,
    eventName: kind === 'created' ? 'ObjectCreated:Put' : 'ObjectRemoved:Delete',
    bucket: BUCKET,
    key,
    sequencer: normaliseSequencer(sequencer.toString(16))!,
    size: 100,
  };
}
