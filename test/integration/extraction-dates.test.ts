import { describe, expect, it } from 'vitest';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import { useLocalStack } from '../support/local-stack';
import { getJson, waitForFinal } from '../support/pipeline-api';

/**
 * Dates in the text through the whole pipeline: the publication date from S3 metadata or a JSON
 * field is the reference, and GET /articles/{id} gives each date with the words it came from.
 */
const GERMAN = [
  'Regierungschefs vereinbaren neue Gespräche',
  '',
  'Die beiden Staats- und Regierungschefs sprachen am Donnerstagnachmittag etwa 50 Minuten lang. ' +
    'Die Unterhändler werden sich am kommenden Montag in Genf treffen, die Konferenz ist vom 29. Dezember bis 3. Januar geplant. ' +
    'Am 18.12. hatte das Kabinett beraten.',
].join('\n');

const ENGLISH = {
  title: 'Leaders agree to new talks',
  published: '2024-01-03T10:00:00Z',
  lang: 'en',
  body: 'The two leaders met on Thursday night. Negotiators will meet on Monday, and a summit runs May 4-6. The deal was signed on December 28.',
};

interface ArticleDates {
  title: string;
  excerpt: string;
  dates: Array<{ text: string; date: string; offset: number }>;
}

describe('pipeline: dates in the text', () => {
  const local = useLocalStack();
  const put = (key: string, body: string, extra: { ContentType?: string; Metadata?: Record<string, string> } = {}) =>
    local.s3.send(new PutObjectCommand({ Bucket: local.bucket, Key: key, Body: body, ...extra }));

  it('resolves German and English relative dates against the publication date', async () => {
    await put('dates/gespraeche.de.txt', GERMAN, { ContentType: 'text/plain; charset=utf-8', Metadata: { published: '2023-12-20T10:00:00Z' } });
    await put('dates/talks.en.json', JSON.stringify(ENGLISH), { ContentType: 'application/json' });
    const de = await waitForFinal(local.api, 'dates/gespraeche.de.txt', { state: 'processed' });
    const en = await waitForFinal(local.api, 'dates/talks.en.json', { state: 'processed' });

    const german = await getJson<ArticleDates>(local.api, `/articles/${de.articleId}`);
    expect(german.dates.map((d) => `${d.date}|${d.text}`)).toEqual([
      '2023-12-14|Donnerstagnachmittag',
      '2023-12-25|am kommenden Montag',
      '2023-12-29|29. Dezember',
      '2024-01-03|3. Januar',
      '2023-12-18|18.12.',
    ]);

    const english = await getJson<ArticleDates>(local.api, `/articles/${en.articleId}`);
    expect(english.dates.map((d) => `${d.date}|${d.text}`)).toEqual([
      '2023-12-28|on Thursday night',
      '2024-01-08|on Monday',
      '2024-05-04|May 4',
      '2024-05-06|6',
      '2023-12-28|December 28',
    ]);

    // Offsets point into the article text (title, blank line, body; these bodies fit the excerpt), at the very words.
    for (const article of [german, english]) {
      const text = `${article.title}\n\n${article.excerpt}`;
      for (const d of article.dates) expect(text.slice(d.offset, d.offset + d.text.length)).toBe(d.text);
    }
  });
});
