/**
 * External German name lists (the LER project's gazetteers: surnames, company names, towns,
 * countries, streets, landscape names) as a second Gazetteer whose four slots are the kinds of
 * list, not entity types: the lists are noisy (surnames that are common nouns, shop names), so
 * they only feed features (features.ts, `lists`) that the model learns to weigh.
 */
import { Gazetteer } from './gazetteer';

/** Slot bits as Gazetteer stores them (bit k = slot k). */
export const LIST_SLOTS = { surname: 1, company: 2, town: 4, otherPlace: 8 } as const;

/** Which slot each list file fills; files not named here are ignored. */
export const LIST_FILES: Record<string, number> = {
  'personennamen.list': LIST_SLOTS.surname,
  'firmennamen.list': LIST_SLOTS.company,
  'stadtnamen.list': LIST_SLOTS.town,
  'laendernamen.list': LIST_SLOTS.town,
  'strassennamen.list': LIST_SLOTS.otherPlace,
  'landschaftsbezeichnungen.list': LIST_SLOTS.otherPlace,
};

/** Names split into tokens as the corpora write them: words, with punctuation at a word's end apart ("Müller & Co."). */
export function nameTokens(name: string): string[] {
  return name.split(/\s+/).filter(Boolean);
}

/** `files`: list file name to its text (one name per line). */
export function buildNameLists(files: Record<string, string>): Gazetteer {
  const lists = new Gazetteer();
  for (const [file, text] of Object.entries(files)) {
    const slot = LIST_FILES[file];
    if (!slot) continue;
    for (const line of text.split('\n')) {
      const tokens = nameTokens(line.trim());
      // One-letter and letterless entries match everywhere and say nothing.
      if (tokens.length && line.trim().length > 1 && /\p{L}/u.test(line)) lists.add(tokens, slot);
    }
  }
  return lists;
}
