/**
 * What an item is, told from its key strings alone, so the cost and scale benchmarks follow
 * whatever items the writer writes: the partition key's prefix (up to its first `#`) and the
 * sort key's (up to and including its first `#`, or the whole constant sort key) make the
 * kind. Kinds the table below names get a readable label; any other shows its prefixes.
 */

const LABELS: Record<string, string> = {
  'ART STATUS': 'status',
  'ART META': 'article META',
  'ART DIGEST': 'DIGEST',
  'ART TEXT': 'TEXT',
  'ART E#': 'membership',
  'ART MEMBERS': 'members',
  'ENT A#': 'link',
  'ENT META': 'entity',
  'ENT D#': 'day counter',
  'ENT W#': 'word',
  'ENT H#': 'history',
  'KEY META': 'person key',
  'SURNAME META': 'surname',
  'STATS META': 'stats',
};

export function partitionClass(pk: string): string {
  const cut = pk.indexOf('#');
  return cut < 0 ? pk : pk.slice(0, cut);
}

function sortClass(sk: string): string {
  const cut = sk.indexOf('#');
  return cut < 0 ? sk : sk.slice(0, cut + 1);
}

/** The kind of a table item from its keys. */
export function itemKind(pk: string, sk = ''): string {
  const raw = `${partitionClass(pk)} ${sortClass(sk)}`.trim();
  return LABELS[raw] ?? raw;
}

/**
 * The key as a stream of current news meets it: keys that differ only by a date (a month's
 * listing partition, an entity's day counter) are one key, because live articles all fall on
 * today. Links and other keys that also hold an article id stay apart.
 */
export function liveKey(key: string): string {
  return key.replace(/\d{4}-\d{2}(?:-\d{2})?/g, '<date>');
}
