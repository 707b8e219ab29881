/**
 * The article node in a page's JSON-LD: NewsArticle, Article, ReportageNewsArticle and kin,
 * at top level, in arrays or inside @graph.
 */

const ARTICLE_TYPES = new Set([
  'newsarticle',
  'article',
  'reportagenewsarticle',
  'analysisnewsarticle',
  'opinionnewsarticle',
  'reviewnewsarticle',
  'backgroundnewsarticle',
  'blogposting',
  'socialmediaposting',
  'report',
  'scholarlyarticle',
  'techarticle',
  'liveblogposting',
  'askpublicnewsarticle',
  'satiricalarticle',
]);

export type JsonObject = Record<string, unknown>;

function types(node: JsonObject): string[] {
  const t = node['@type'];
  const list = Array.isArray(t) ? t : [t];
  return list.filter((x): x is string => typeof x === 'string').map((x) => x.toLowerCase().replace(/^.*[/:]/, ''));
}

/** Breadth-first, bounded: JSON-LD from the wild can be large but is never meant to be deep. */
const MAX_NODES = 2000;

/**
 * The objects of the blocks, breadth-first and bounded (JSON-LD from the wild can be large but
 * is never meant to be deep); arrays are walked through, and `children` names where to go next.
 */
function* objects(blocks: readonly unknown[], children: (node: JsonObject) => unknown[]): Generator<JsonObject> {
  const queue: unknown[] = [...blocks];
  for (let seen = 0; queue.length > 0 && seen < MAX_NODES; seen++) {
    const value = queue.shift();
    if (Array.isArray(value)) {
      queue.push(...value);
      continue;
    }
    if (!value || typeof value !== 'object') continue;
    const node = value as JsonObject;
    yield node;
    queue.push(...children(node));
  }
}

/** The first article-typed object in the parsed JSON-LD blocks, preferring news types. */
export function findArticleNode(blocks: readonly unknown[]): JsonObject | undefined {
  let best: JsonObject | undefined;
  const containers = (node: JsonObject) =>
    [node['@graph'], node.mainEntity, typeof node.mainEntityOfPage === 'object' ? node.mainEntityOfPage : undefined].filter(Boolean);
  for (const node of objects(blocks, containers)) {
    const t = types(node);
    if (t.some((x) => ARTICLE_TYPES.has(x))) {
      if (t.some((x) => x.includes('news'))) return node;
      best ??= node;
    }
  }
  return best;
}

/** A string value, or the `@value`/`name`/`@id` of an object, or the first of an array. */
export function ldString(value: unknown, depth = 0): string | undefined {
  if (typeof value === 'string') return value.trim() || undefined;
  // Depth-bounded: untrusted JSON can nest deeper than the stack.
  if (depth > 4) return undefined;
  if (Array.isArray(value)) return ldString(value[0], depth + 1);
  if (value && typeof value === 'object') {
    const o = value as JsonObject;
    return ldString(o['@value'] ?? o.name ?? o.alternateName ?? o['@id'] ?? o.url, depth + 1);
  }
  return undefined;
}

/** Every node with an `@id` in the blocks, so authors and publishers given by reference can be looked up. */
export function nodesById(blocks: readonly unknown[]): Map<string, JsonObject> {
  const index = new Map<string, JsonObject>();
  const everyChild = (node: JsonObject) => Object.values(node).filter((child) => child && typeof child === 'object');
  for (const node of objects(blocks, everyChild)) {
    const id = node['@id'];
    // A bare reference has only its @id; the node that describes it has more.
    if (typeof id === 'string' && Object.keys(node).length > 1 && !index.has(id)) index.set(id, node);
  }
  return index;
}

/** The value with `{"@id": ...}` references replaced by the nodes they name (one level, arrays too). */
export function resolveRefs(value: unknown, index: ReadonlyMap<string, JsonObject>): unknown {
  if (Array.isArray(value)) return value.map((item) => resolveRefs(item, index));
  if (value && typeof value === 'object') {
    const id = (value as JsonObject)['@id'];
    if (typeof id === 'string' && (value as JsonObject).name === undefined) return index.get(id) ?? value;
  }
  return value;
}

/** The name of a person or organisation node; an `@id` or URL is never a name. */
export function ldName(value: unknown, depth = 0): string | undefined {
  if (typeof value === 'string') return /^(?:https?:\/\/|#)/.test(value.trim()) ? undefined : value.trim() || undefined;
  if (depth > 4) return undefined;
  if (Array.isArray(value)) return ldName(value[0], depth + 1);
  if (value && typeof value === 'object') {
    const o = value as JsonObject;
    return ldName(o.name ?? o.alternateName ?? o.legalName, depth + 1);
  }
  return undefined;
}
