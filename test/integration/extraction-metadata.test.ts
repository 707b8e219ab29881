import { describe, expect, it } from 'vitest';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import { useLocalStack } from '../support/local-stack';
import { getJson, waitForFinal } from '../support/pipeline-api';

/**
 * Title, author and publication date through the whole pipeline for the sources that get
 * them wrong most easily: a WordPress REST post, news-please output without a publication
 * date, and a page whose <h1> is the site's logo.
 */
const WORDPRESS = {
  id: 4711,
  date: '2024-03-12T10:15:00',
  date_gmt: '2024-03-12T09:15:00',
  modified: '2024-03-15T08:00:00',
  modified_gmt: '2024-03-15T07:00:00',
  link: 'https://kasseler-bote.example/2024/03/haushalt/',
  title: { rendered: 'Haushalt &#8211; Stadt &amp; Kreis einig' },
  content: {
    rendered:
      '<p>Der Kreistag in Kassel hat am Dienstag den Haushalt für das kommende Jahr beschlossen. Landrat Jan Roth sprach von einem guten Kompromiss.</p>' +
      '<p>Die Opposition kritisierte die Kürzungen bei den Schulen. Die Stadt Kassel muss nun weniger Umlage zahlen als befürchtet.</p>',
  },
  author: 3,
  _embedded: { author: [{ id: 3, name: 'Petra Albers' }] },
};

const NEWS_PLEASE = {
  authors: ['Von Dan Okoro, Lagos'],
  date_download: '2024-03-20 06:00:01',
  date_modify: '2024-03-20 06:00:01',
  date_publish: null,
  language: 'en',
  localpath: null,
  maintext:
    'The central bank in Lagos raised its key interest rate on Tuesday for the third time this year. Governor Amaka Eze said inflation remained too high.\n\n' +
    'Analysts in London had expected a smaller step. The naira gained against the dollar after the announcement.',
  title: 'Central bank raises rates again',
  url: 'https://example.com/central-bank',
};

const HTML = `<!DOCTYPE html><html lang="en"><head>
<title>Flood defences to be rebuilt - Riverside Courier</title>
<link rel="canonical" href="https://www.riverside-courier.example/news/flood-defences">
<meta property="article:published_time" content="2024-03-14T07:30:00+00:00">
</head><body>
<header><h1 class="site-logo"><a href="/"><img src="/logo.svg" alt="Riverside Courier"></a></h1></header>
<main><article><h2>Flood defences to be rebuilt</h2><p class="byline">By Dan Okoro in York</p>
<p>The city council agreed on Thursday to rebuild the flood defences along the river after last winter's damage. Work is to start in the summer.</p>
<p>Residents of the worst-hit streets welcomed the decision but asked for a faster timetable. The council said funding had only just been secured.</p>
</article></main></body></html>`;

interface Listed {
  id: string;
  key: string;
  title: string;
  publishedAt: string | null;
}

describe('pipeline: title, author and publication date from CMS JSON, crawler JSON and HTML', () => {
  const local = useLocalStack();
  const put = (key: string, body: string, ContentType: string) =>
    local.s3.send(new PutObjectCommand({ Bucket: local.bucket, Key: key, Body: body, ContentType }));

  it('stores what each source states and nothing it does not', async () => {
    // Dated articles first, so the undated one is the latest upload.
    const sources: Array<[string, string, string]> = [
      ['meta/wordpress-post.json', JSON.stringify(WORDPRESS), 'application/json'],
      ['meta/flood-defences.html', HTML, 'text/html; charset=utf-8'],
      ['meta/news-please.json', JSON.stringify(NEWS_PLEASE), 'application/json'],
    ];
    const ids = new Map<string, string>();
    for (const [key, body, type] of sources) {
      await put(key, body, type);
      const status = await waitForFinal(local.api, key);
      expect(status.state, `${key}: ${status.reason ?? ''}`).toBe('processed');
      ids.set(key, status.articleId!);
    }

    const article = (key: string) => getJson<{ title: string; author?: string | null; publishedAt: string | null }>(local.api, `/articles/${ids.get(key)}`);
    expect(await article('meta/wordpress-post.json')).toMatchObject({
      title: 'Haushalt – Stadt & Kreis einig',
      author: 'Petra Albers',
      publishedAt: '2024-03-12T09:15:00.000Z',
    });
    expect(await article('meta/flood-defences.html')).toMatchObject({
      title: 'Flood defences to be rebuilt',
      author: 'Dan Okoro',
      publishedAt: '2024-03-14T07:30:00.000Z',
    });
    const undated = await article('meta/news-please.json');
    expect(undated).toMatchObject({ title: 'Central bank raises rates again', author: 'Dan Okoro' });
    // The single view leaves the field out, listings give null; never the download date.
    expect(undated.publishedAt ?? null).toBeNull();

    // Newest first: the undated article counts from its upload, which is later than both dates.
    const { items } = await getJson<{ items: Listed[] }>(local.api, '/articles?limit=10');
    expect(items.map((a) => a.key)).toEqual(['meta/news-please.json', 'meta/flood-defences.html', 'meta/wordpress-post.json']);
    expect(items[0]!.publishedAt).toBeNull();
  }, 90_000);
});
