import { describe, expect, it } from 'vitest';
import { authorName } from '../../../functions/core/parse/author';

describe('authorName', () => {
  it.each([
    ['Jane Doe', 'Jane Doe'],
    ['  By   Jane Doe ', 'Jane Doe'],
    ['Von Max Muster', 'Max Muster'],
    ['Autorin: Erika Muster', 'Erika Muster'],
    [['Anna A', 'Ben B', 'Anna A'], 'Anna A, Ben B'],
    [{ '@type': 'Person', name: 'Carla C' }, 'Carla C'],
    [[{ name: 'Dora D' }, 'Emil E'], 'Dora D, Emil E'],
    [{ display_name: 'Fritz F' }, 'Fritz F'],
  ])('%j -> %s', (value, expected) => {
    expect(authorName(value)).toBe(expected);
  });

  it.each([[undefined], [null], [''], [42], ['https://www.facebook.com/someone'], ['@handle'], ['desk@example.com'], ['x'.repeat(200)], [[]], [{}]])(
    '%j is no author',
    (value) => {
      expect(authorName(value)).toBeUndefined();
    },
  );
});
