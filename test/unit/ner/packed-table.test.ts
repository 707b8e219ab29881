import { gunzipSync, gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { Gazetteer } from '../../../functions/core/ner/gazetteer';
import { decodeModel, encodeModel } from '../../../functions/core/ner/model-file';
import { buildNameLists } from '../../../functions/core/ner/name-lists';
import { hashUtf8, PackedTable } from '../../../functions/core/ner/packed-table';
import { tinyModelBytes } from './tiny-model';

// A sample shaped like the LER lists: umlauts and ß, multi-word names sharing prefixes, names
// that are also common words, punctuation, characters of three and four UTF-8 bytes.
const LISTS = {
  'personennamen.list': 'Müller\nKoch\nSutter\nÖzdemir\nSchröder\nWeiß\nLe Pen\nvon Weizsäcker\nNguyễn\n',
  'firmennamen.list': 'Blumen-Taxi Bensberg\nDeutsche Bank\nDeutsche Bank AG\nMüller & Co.\nCafé Ölmühle\nBäckerei Müller\n😀 Laden\n',
  'stadtnamen.list': 'Bensberg\nMünchen\nFrankfurt am Main\nX\nRussland\nBad Homburg vor der Höhe\n',
  'laendernamen.list': 'Deutschland\nRussland\nCôte d’Ivoire\n',
  'strassennamen.list': 'Müllerstraße\nAm Markt\nDeutsche Straße\n',
  'landschaftsbezeichnungen.list': 'Schwarzwald\nBayerischer Wald\n𝔄𝔩𝔭𝔢𝔫\n',
};

const SENTENCES = [
  'Die Deutsche Bank AG und die Deutsche Bank in Frankfurt am Main .',
  'Herr Müller von Müller & Co. traf Le Pen in Russlands Hauptstadt .',
  'Das Blumen-Taxi Bensberg fährt nach Bensbergs Mitte am Markt .',
  'Bad Homburg vor der Höhe liegt nicht am Schwarzwalds Rand ; Bad Homburg vor der Tür auch nicht .',
  'Nguyễn und Özdemir aßen im Café Ölmühle ; 😀 Laden ; 𝔄𝔩𝔭𝔢𝔫 ; Côte d’Ivoire ; Côte d’Ivoires',
  'MÜLLER Mueller Muller müller Weiss Weiß Weißs Bäckerei Bäckerei Müllers Deutsche Straße',
  'X Y Deutsche Deutsch Deutschland Deutschlands Bayerischer Wald Bayerischer',
  `Ein ${'sehr '.repeat(12)}langer Satz \ud83d allein , ein \ude00 auch`,
];

function tokens(sentence: string): string[] {
  return sentence.split(' ').filter(Boolean);
}

describe('PackedTable', () => {
  const strings = ['Müller', 'a', 'Straße', 'Nguyễn', '😀', 'Müller & Co.', 'Deutsche Bank AG'];
  const table = PackedTable.build(strings.map((s, i) => [s, i + 1, 100 + i]));

  it('finds every stored string with both values, and nothing else', () => {
    strings.forEach((s, i) => {
      expect(table.get(s, 0)).toBe(i + 1);
      expect(table.get(s, 1)).toBe(100 + i);
    });
    for (const s of ['', 'müller', 'Mülle', 'Müllerr', 'Strasse', 'Nguyen', '\ud83d', 'Deutsche Bank']) expect(table.get(s, 0)).toBeUndefined();
  });

  it('hashes a string as the FNV-1a of its UTF-8 bytes', () => {
    const fnv = (bytes: Uint8Array) => {
      let h = 0x811c9dc5;
      for (const b of bytes) h = Math.imul(h ^ b, 0x01000193);
      return h >>> 0;
    };
    for (const s of [...strings, 'ß€𝔄', '\ud83d', 'a\ude00b']) expect(hashUtf8(s)).toBe(fnv(new TextEncoder().encode(s)));
  });

  it('lists its entries in sorted order and gives equal bytes for equal input in any order', () => {
    expect([...table.entries()].map((e) => e[0])).toEqual([...strings].sort());
    const again = PackedTable.build([...strings].reverse().map((s) => [s, strings.indexOf(s) + 1, 100 + strings.indexOf(s)]));
    expect(Buffer.from(again.data.slots.buffer)).toEqual(Buffer.from(table.data.slots.buffer));
    expect(Buffer.from(again.data.text)).toEqual(Buffer.from(table.data.text));
  });

  it('refuses duplicates and lone surrogates, which it could not tell apart as a Map does', () => {
    expect(() =>
      PackedTable.build([
        ['a', 1, 0],
        ['a', 2, 0],
      ]),
    ).toThrow(/duplicate/);
    expect(() => PackedTable.build([['\ud83d', 1, 0]])).toThrow(/surrogate/);
  });
});

describe('packed name lists answer exactly as the Map form', () => {
  const map = buildNameLists(LISTS);
  const packed = Gazetteer.fromPacked(map.pack());

  it('gives the same match and part bits on sample sentences, every list name, and each name with a final -s', () => {
    const names = Object.values(LISTS).flatMap((text) => text.split('\n').filter(Boolean));
    const samples = [...SENTENCES.map(tokens), ...names.map(tokens), ...names.map((n) => tokens(`${n}s`))];
    // Every window of every sample too, so names are matched at the start, middle and end of a sentence.
    const windows = samples.flatMap((t) => t.map((_, i) => t.slice(i)));
    let listed = 0;
    for (const t of windows) {
      const m = map.match(t);
      expect(packed.match(t)).toEqual(m);
      expect(packed.partsOf(t)).toEqual(map.partsOf(t));
      listed += m.filter(Boolean).length;
    }
    // The sample must exercise the lookups, not only misses.
    expect(listed).toBeGreaterThan(100);
  });

  it('keeps the same tables (compile) and counts', () => {
    expect(packed.compile()).toEqual(map.compile());
    expect(packed.size).toBe(map.size);
    expect(packed.toEntries()).toEqual(map.toEntries());
  });

  it('is read-only', () => {
    expect(() => packed.add(['Neu'], 1)).toThrow(/read-only/);
  });
});

describe('name lists in a model file', () => {
  it('survive encoding and decoding as the same table, and a model without them has none', () => {
    const plain = decodeModel(tinyModelBytes());
    expect(plain.lists).toBeUndefined();
    const lists = buildNameLists(LISTS);
    const table = lists.pack();
    const bytes = encodeModel('de', plain.passes, {}, {}, { lists: table });
    const decoded = decodeModel(bytes);
    expect(decoded.header.lists).toEqual({ strings: table.size, slots: table.data.slots.length, textBytes: table.data.text.length });
    expect([...(decoded.lists?.entries() ?? [])]).toEqual([...table.entries()]);
    const loaded = Gazetteer.fromPacked(decoded.lists as PackedTable);
    for (const t of SENTENCES.map(tokens)) expect(loaded.match(t)).toEqual(lists.match(t));
    expect(Buffer.from(encodeModel('de', plain.passes, {}, {}, { lists: table }))).toEqual(Buffer.from(bytes));
  });

  it('refuses a model whose header keeps the lists in the older JSON form', () => {
    const plain = decodeModel(tinyModelBytes());
    const old = encodeModel('de', plain.passes, {}, {});
    const payload = gunzipSync(Buffer.from(old).subarray(4));
    const length = payload.readUInt32LE(0);
    const header = JSON.parse(payload.subarray(4, 4 + length).toString('utf8'));
    header.lists = buildNameLists(LISTS).compile();
    const json = Buffer.from(JSON.stringify(header));
    const head = Buffer.alloc(Math.ceil((4 + json.length) / 8) * 8);
    head.writeUInt32LE(json.length, 0);
    json.copy(head, 4);
    const rest = payload.subarray(Math.ceil((4 + length) / 8) * 8);
    const bytes = Buffer.concat([Buffer.from('NER4'), gzipSync(Buffer.concat([head, rest]))]);
    expect(() => decodeModel(bytes)).toThrow(/retrain/);
  });
});
