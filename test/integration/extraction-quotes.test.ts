import { describe, expect, it } from 'vitest';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import { eventually, useLocalStack } from '../support/local-stack';
import { articleByKey, getJson, waitForFinal } from '../support/pipeline-api';

/**
 * Quotes through the whole pipeline: a German and an English article uploaded to S3, ingested
 * by the real handler, read back from GET /articles/{id}. Checks the forms the extraction must
 * get right end to end: a quote over reopened paragraphs, an interrupted quote, a speaker past a
 * genitive, a pronoun, and a title that is no quote.
 */
const GERMAN = [
  'Koalition ringt um den Haushalt',
  '',
  'Berlin. Die Ministerin Anna Schulte äußerte sich am Montag ausführlich zum Haushalt.',
  '',
  '„Wir haben in den vergangenen Monaten viel erreicht.',
  '',
  '„Aber die Arbeit ist noch lange nicht getan“, sagte Schulte.',
  '',
  "Scholz' Sprecher Tobias Krause erklärte: „Der Kanzler steht hinter dem Entwurf.“",
  '',
  '„Wir bleiben“, sagte sie, „bis zum Ende der Verhandlungen.“',
  '',
  'Im Kanzleramt lag Kafkas Roman „Der Prozess“ auf dem Tisch.',
].join('\n');

const ENGLISH = [
  'Senate deal stalls again',
  '',
  'WASHINGTON - Senator Mary Collins spoke to reporters on Tuesday.',
  '',
  '"We have learned a lot this year.',
  '',
  '"But there is more to do," Collins said.',
  '',
  '"We are looking into it very closely," the minister\'s spokesman, Tom Price, told reporters.',
  '',
  '"We will stay," she said, "until the end."',
  '',
  'Staff handed out copies of the novel "The Trial" in the lobby.',
].join('\n');

interface Quote {
  text: string;
  speaker?: string;
  speakerId?: string;
  offset: number;
}

describe('extraction: quotes through the pipeline', () => {
  const local = useLocalStack();

  const ingest = async (key: string, body: string) => {
    await local.s3.send(new PutObjectCommand({ Bucket: local.bucket, Key: key, Body: body, ContentType: 'text/plain; charset=utf-8' }));
    const listed = await eventually(() => articleByKey(local.api, key), 30_000, key);
    await waitForFinal(local.api, key, { state: 'processed' });
    return getJson<{ lang: string; quotes: Quote[] }>(local.api, `/articles/${listed.id}`);
  };

  it('German: paragraphs, genitive, interrupted quote with a pronoun, no title', async () => {
    const article = await ingest('quotes/koalition.de.txt', GERMAN);
    expect(article.lang).toBe('de');
    expect(article.quotes.map((q) => [q.speaker ?? '-', q.text])).toEqual([
      ['Anna Schulte', 'Wir haben in den vergangenen Monaten viel erreicht.\n\nAber die Arbeit ist noch lange nicht getan'],
      ['Tobias Krause', 'Der Kanzler steht hinter dem Entwurf.'],
      ['Anna Schulte', 'Wir bleiben bis zum Ende der Verhandlungen.'],
    ]);
  });

  it('English: paragraphs, apposition, interrupted quote with a pronoun, no title', async () => {
    const article = await ingest('quotes/senate.en.txt', ENGLISH);
    expect(article.lang).toBe('en');
    expect(article.quotes.map((q) => [q.speaker ?? '-', q.text])).toEqual([
      ['Mary Collins', 'We have learned a lot this year.\n\nBut there is more to do,'],
      ['Tom Price', 'We are looking into it very closely,'],
      ['Mary Collins', 'We will stay until the end.'],
    ]);
  });
});
