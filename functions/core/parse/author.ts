/** Author names from the shapes sources give them: strings, objects with a name, arrays of either. */
import { inlineText } from './normalise';

/** Longest value taken as an author name; longer is a sentence or a bio. */
const MAX_AUTHOR_CHARS = 120;

function cleanName(value: string): string | undefined {
  const name = inlineText(value).replace(/^(by|von|author|autor(in)?)\s*:?\s+/i, '');
  // Profile URLs (article:author on Facebook) and e-mail addresses are not names.
  if (!name || name.length > MAX_AUTHOR_CHARS || /^https?:\/\/|^www\.|@\S+\.\w+$/.test(name)) return undefined;
  return name;
}

/** One display string, several authors joined with ", ", or undefined. */
export function authorName(value: unknown): string | undefined {
  const names: string[] = [];
  const add = (v: unknown): void => {
    if (typeof v === 'string') {
      const name = cleanName(v);
      if (name && !names.includes(name)) names.push(name);
    } else if (Array.isArray(v)) {
      for (const item of v) add(item);
    } else if (v && typeof v === 'object') {
      const o = v as Record<string, unknown>;
      add(o.name ?? o.fullName ?? o.full_name ?? o.displayName ?? o.display_name ?? o.byline);
    }
  };
  add(value);
  return names.length > 0 ? names.join(', ') : undefined;
}
