import { describe, expect, it } from 'vitest';
import { compareSequencers, decodeS3Key, normaliseSequencer, parseMessageBody } from '../../functions/ingest/events';

function s3Body(records: unknown[]): string {
  return JSON.stringify({ Records: records });
}

function record(overrides: { eventName?: string; key?: string; sequencer?: unknown; size?: unknown; versionId?: string } = {}) {
  return {
    eventVersion: '2.1',
    eventSource: 'aws:s3',
    eventTime: '2024-01-01T00:00:00.000Z',
    eventName: overrides.eventName ?? 'ObjectCreated:Put',
    s3: {
      bucket: { name: 'news-articles' },
      object: {
        key: overrides.key ?? 'a.txt',
        size: 'size' in overrides ? overrides.size : 12,
        eTag: 'abc',
        sequencer: 'sequencer' in overrides ? overrides.sequencer : '0055AED6DCD90281E5',
        ...(overrides.versionId ? { versionId: overrides.versionId } : {}),
      },
    },
  };
}

describe('S3 event keys', () => {
  it('decodes + as space and percent escapes as UTF-8', () => {
    expect(decodeS3Key('a+b%2Bc%C3%BC.txt')).toBe('a b+cü.txt');
    expect(decodeS3Key('dir/sub%2Fdir/x.txt')).toBe('dir/sub/dir/x.txt');
  });

  it('decodes keys inside a message', () => {
    const parsed = parseMessageBody(s3Body([record({ key: 'news/a+b%2Bc%C3%BC.txt' })]));
    expect(parsed).toMatchObject({ kind: 'records', records: [{ key: 'news/a b+cü.txt', bucket: 'news-articles', kind: 'created', size: 12, eTag: 'abc' }] });
  });
});

describe('sequencers', () => {
  it('compares by left-padding to equal length', () => {
    expect(compareSequencers('0055AED6DCD90281E5', '55AED6DCD90281E6')).toBe(-1);
    expect(compareSequencers('FF', '0100')).toBe(-1);
    expect(compareSequencers('0abc', 'ABC')).toBe(0);
    expect(compareSequencers('10', '0F')).toBe(1);
  });

  it('normalises to a fixed width so string order is event order', () => {
    const a = normaliseSequencer('FF')!;
    const b = normaliseSequencer('0100')!;
    expect(a < b).toBe(true);
    expect(a).toHaveLength(32);
    expect(normaliseSequencer('not-hex')).toBeUndefined();
    expect(normaliseSequencer('')).toBeUndefined();
    expect(normaliseSequencer('F'.repeat(33))).toBeUndefined();
  });
});

describe('message bodies', () => {
  it('recognises the s3:TestEvent', () => {
    expect(parseMessageBody(JSON.stringify({ Service: 'Amazon S3', Event: 's3:TestEvent', Bucket: 'news-articles' }))).toEqual({ kind: 'test' });
  });

  it('rejects bodies that are not S3 notifications', () => {
    expect(parseMessageBody('not json')).toMatchObject({ kind: 'invalid' });
    expect(parseMessageBody('[1,2]')).toMatchObject({ kind: 'invalid' });
    expect(parseMessageBody('{"hello":1}')).toMatchObject({ kind: 'invalid' });
  });

  it('keeps good records and reports bad ones with what could be read', () => {
    const parsed = parseMessageBody(
      s3Body([
        record({ key: 'good.txt' }),
        record({ key: 'bad%E0%A4%A.txt' }),
        record({ key: 'noseq.txt', sequencer: undefined }),
        record({ key: 'event.txt', eventName: 'ObjectRestore:Completed' }),
        record({ key: 'size.txt', size: 'big' }),
        42,
      ]),
    );
    if (parsed.kind !== 'records') throw new Error('expected records');
    expect(parsed.records.map((r) => r.key)).toEqual(['good.txt']);
    expect(parsed.invalid).toHaveLength(5);
    expect(parsed.invalid.find((r) => r.key === 'noseq.txt')?.reason).toMatch(/sequencer/);
    expect(parsed.invalid.find((r) => r.key === 'event.txt')?.reason).toMatch(/unsupported/);
    expect(parsed.invalid.find((r) => r.key === 'size.txt')?.bucket).toBe('news-articles');
  });

  it('orders the records of one message by sequencer and reads removals and versions', () => {
    const parsed = parseMessageBody(
      s3Body([
        record({ key: 'x', sequencer: '0B', eventName: 'ObjectRemoved:Delete', size: undefined }),
        record({ key: 'x', sequencer: '0A', versionId: 'v1' }),
      ]),
    );
    if (parsed.kind !== 'records') throw new Error('expected records');
    expect(parsed.records.map((r) => [r.kind, r.versionId])).toEqual([
      ['created', 'v1'],
      ['removed', undefined],
    ]);
  });

  it('reads both removal events of a versioned bucket as removals with their version ids', () => {
    const parsed = parseMessageBody(
      s3Body([
        record({ key: 'v', sequencer: '0C', eventName: 'ObjectRemoved:DeleteMarkerCreated', size: undefined, versionId: 'marker-1' }),
        record({ key: 'v', sequencer: '0D', eventName: 'ObjectRemoved:Delete', size: undefined, versionId: 'marker-1' }),
      ]),
    );
    if (parsed.kind !== 'records') throw new Error('expected records');
    expect(parsed.records.map((r) => [r.kind, r.eventName, r.versionId])).toEqual([
      ['removed', 'ObjectRemoved:DeleteMarkerCreated', 'marker-1'],
      ['removed', 'ObjectRemoved:Delete', 'marker-1'],
    ]);
  });

  it('rejects keys longer than S3 allows', () => {
    const parsed = parseMessageBody(s3Body([record({ key: 'k'.repeat(1025) })]));
    expect(parsed).toMatchObject({ kind: 'records', records: [], invalid: [{ reason: expect.stringMatching(/1024/) }] });
  });
});
