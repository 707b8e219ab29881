/** Author names from the shapes sources give them: strings, objects with a name, arrays of either. */
import { inlineText } from './normalise';

/** Longest value taken as an author name; longer is a sentence or a bio. */
const MAX_AUTHOR_CHARS = 120;
/** Deepest array/object nesting looked into for names. */
const MAX_NESTING = 4;

function cleanName(value: string): string | undefined {
  const name = inlineText(value).replace(/^(by|von|author|autor(in)?)\s*:?\s+/i, '');
  // Profile URLs (article:author on Facebook), social handles and e-mail addresses are not names.
  if (!name || name.length > MAX_AUTHOR_CHARS || /^https?:\/\/|^www\.|^@\w+$|@\S+\.\w+$/.test(name)) return undefined;
  return name;
}

/** One display string, several authors joined with ", ", or undefined. */
export function authorName(value: unknown): string | undefined {
  const names: string[] = [];
  // Depth-bounded: untrusted JSON can nest arrays deeper than the stack.
  const add = (v: unknown, depth = 0): void => {
    if (depth > MAX_NESTING) return;
    if (typeof v === 'string') {
      const name = cleanName(v);
      if (name && !names.includes(name)) names.push(name);
    } else if (Array.isArray(v)) {
      for (const item of v) add(item, depth + 1);
    } else if (v && typeof v === 'object') {
      const o = v as Record<string, unknown>;
      add(o.name ?? o.fullName ?? o.full_name ?? o.displayName ?? o.display_name ?? o.byline, depth + 1);
    }
  };
  add(value);
  return names.length > 0 ? names.join(', ') : undefined;
}
