import { describe, expect, it } from 'vitest';
import { isFresh } from '../../functions/storage/article-writer';

describe('a claim on a key never seen', () => {
  it('is fresh only when the claim found no status at all', () => {
    const none = { state: undefined, sequencer: undefined, versionId: undefined, eTag: undefined, code: undefined, reason: undefined };
    expect(isFresh(none)).toBe(true);
    // A crashed attempt of the same event, an invalid event recorded earlier, a processed version.
    expect(isFresh({ ...none, state: 'pending', sequencer: '00A' })).toBe(false);
    expect(isFresh({ ...none, state: 'failed', code: 'invalid-event' })).toBe(false);
    expect(isFresh({ ...none, state: 'processed', sequencer: '00A', versionId: 'v1' })).toBe(false);
    // No claim result at all says nothing: the stored state is read.
    expect(isFresh(undefined)).toBe(false);
  });
});
