import { PutObjectCommand } from '@aws-sdk/client-s3';
import { describe, expect, it } from 'vitest';
import { useLocalStack } from '../support/local-stack';
import { type Entity, type EntityRef, getJson, waitForFinal } from '../support/pipeline-api';

/**
 * Names through the whole pipeline (issue 11): a German and an English article with a
 * headline, uploaded as plain text (headline, blank line, body), read back through the API.
 */
const GERMAN = `PUTIN WARNT NATO VOR OSTERWEITERUNG

Russlands Präsident Wladimir Putin hat die Nato am Freitag vor einer Erweiterung gewarnt. Kreml-Sprecher Dmitri Peskow sagte,
die Stationierung von Nato-Truppen in Osteuropa sei eine Bedrohung. Die SPD-Fraktion im Bundestag forderte mehr Diplomatie,
die SPD-Außenpolitikerin Anne-Kathrin Weber lobte die US-Diplomatie. US-amerikanische und russische Unterhändler treffen sich
in Genf, danach tagt die Organisation für Sicherheit und Zusammenarbeit in Europa in Wien. Kommissionspräsidentin Ursula von der Leyen
kündigte Sanktionen an; von der Leyens Sprecher nannte keine Einzelheiten.`;

const ENGLISH = `Biden Warns Putin Of Sanctions Over Ukraine

President Joe Biden warned Russian President Vladimir Putin on Thursday that an invasion of Ukraine would be met with
sanctions. Secretary of State Antony Blinken met Kremlin-backed negotiators in Geneva, and Kremlin spokesman Dmitry Peskov
said Putin had listened. Biden later spoke with Charles de Gaulle's biographer, the historian Jean-Claude Martin.`;

describe('names through the pipeline', () => {
  const local = useLocalStack();
  const put = (key: string, body: string) =>
    local.s3.send(new PutObjectCommand({ Bucket: local.bucket, Key: key, Body: body, ContentType: 'text/plain; charset=utf-8' }));
  const ingest = async (key: string, body: string) => {
    await put(key, body);
    const status = await waitForFinal(local.api, key, { state: 'processed' });
    return getJson<{ id: string; title: string; entities: EntityRef[] }>(local.api, `/articles/${status.articleId}`);
  };
  const entity = (id: string) => getJson<Entity>(local.api, `/entities/${id}`);

  it('German: compounds count for the names inside them, the shouted headline merges with the body', async () => {
    const article = await ingest('names/putin-nato.de.txt', GERMAN);
    const byName = new Map(article.entities.map((e) => [e.name, e]));
    expect(byName.get('Wladimir Putin')).toMatchObject({ type: 'PER' });
    expect(byName.get('Dmitri Peskow')).toMatchObject({ type: 'PER' });
    expect(byName.get('Anne-Kathrin Weber')).toMatchObject({ type: 'PER' });
    expect(byName.get('Ursula von der Leyen')).toMatchObject({ type: 'PER' });
    expect(byName.get('Organisation für Sicherheit und Zusammenarbeit in Europa')).toMatchObject({ type: 'ORG' });
    expect(byName.get('Wien')).toMatchObject({ type: 'LOC' });
    const names = [...byName.keys()];
    expect(names.filter((n) => /Sprecher|Fraktion|Außenpolitikerin|Diplomatie|Truppen|WARNT|PUTIN|NATO/.test(n))).toEqual([]);
    expect(article.entities.filter((e) => e.type === 'LOC' && /amerikanisch/.test(e.name))).toEqual([]);

    // Headline, body and "Nato-Truppen"; the body and "SPD-Fraktion", "SPD-Außenpolitikerin".
    const nato = byName.get('Nato')!;
    expect(nato.type).toBe('ORG');
    expect((await entity(nato.id)).mentionCount).toBeGreaterThanOrEqual(3);
    expect((await entity(byName.get('SPD')!.id)).mentionCount).toBeGreaterThanOrEqual(2);
    expect((await entity(byName.get('Wladimir Putin')!.id)).mentionCount).toBeGreaterThanOrEqual(2);
    expect((await entity(byName.get('Ursula von der Leyen')!.id)).mentionCount).toBeGreaterThanOrEqual(2);
    expect(byName.get('USA')).toMatchObject({ type: 'LOC' });
  });

  it('English: the title-case headline gives its persons and place, offices stay outside names', async () => {
    const article = await ingest('names/biden-putin.en.txt', ENGLISH);
    expect(article.title).toBe('Biden Warns Putin Of Sanctions Over Ukraine');
    const byName = new Map(article.entities.map((e) => [e.name, e]));
    for (const person of ['Joe Biden', 'Vladimir Putin', 'Antony Blinken', 'Dmitry Peskov', 'Charles de Gaulle', 'Jean-Claude Martin']) {
      expect(byName.get(person), person).toMatchObject({ type: 'PER' });
    }
    const names = [...byName.keys()];
    expect(names.filter((n) => /Warns|Sanctions|State Antony|-backed/.test(n))).toEqual([]);
    expect((await entity(byName.get('Joe Biden')!.id)).mentionCount).toBeGreaterThanOrEqual(3);
    expect((await entity(byName.get('Vladimir Putin')!.id)).mentionCount).toBeGreaterThanOrEqual(3);
    expect((await entity(byName.get('Ukraine')!.id)).mentionCount).toBeGreaterThanOrEqual(2);
    expect(names.filter((n) => /Kremlin/.test(n))).toEqual(['Kremlin']);
  });
});
