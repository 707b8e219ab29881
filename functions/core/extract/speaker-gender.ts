/**
 * Grammatical gender of a person entity, for matching "sagte sie" / "he said" to a named
 * speaker: from the words in front of its mentions (Frau, Mr, Ministerin, spokeswoman), else
 * from a given name that is only female or only male. Undefined when nothing decides.
 */
import type { ExtractedEntity } from '../types';
import names from './data/given-name-gender.json';

export type Gender = 'f' | 'm';

const FEMALE_NAMES = new Set(names.female);
const MALE_NAMES = new Set(names.male);

const FEMALE_WORD = /^(?:Frau|Mrs|Ms|Miss|Madam|Madame|Mme|Lady|Dame|Queen|Princess|Königin|Prinzessin|Fürstin|Herzogin)$/u;
const MALE_WORD = /^(?:Herr|Herrn|Mr|Sir|Lord|King|Prince|König|Prinz|Fürst|Herzog)$/u;
/** German feminine agent nouns (Ministerin, Sprecherin, Grünen-Chefin, Präsidentin) and English -woman. */
const FEMALE_NOUN = /(?:\p{L}{2}(?:er|ent|ant|or|ist|eur|og|at|ef|ekt|ör|är|oph|nom|it|and|ad)in|woman|wife|mother|sister|daughter|actress)$/u;
const MALE_NOUN = /(?:\p{Ll}man|husband|father|brother|son)$/u;
/**
 * German masculine agent nouns (Bundesfinanzminister, Generalsekretär, Regierungssprecher). Weak:
 * English uses the same words for women (Senator, President), so only a tie falls back to them.
 */
const MASCULINE_NOUN =
  /^\p{Lu}\p{L}*(?:minister|sprecher|kanzler|sekretär|präsident|vorsitzender|chef|leiter|trainer|direktor|bürgermeister|führer|berater)$/iu;

/** Gender an honorific before a name gives ("Mrs", "Herrn"); undefined for other words. */
export function honorificGender(word: string): Gender | undefined {
  return FEMALE_WORD.test(word) ? 'f' : MALE_WORD.test(word) ? 'm' : undefined;
}

/** Gender of a name's given name when that name is only female or only male. */
export function givenNameGender(name: string): Gender | undefined {
  const given = name.split(/[\s-]+/u)[0] ?? '';
  const female = FEMALE_NAMES.has(given);
  const male = MALE_NAMES.has(given);
  return female === male ? undefined : female ? 'f' : 'm';
}

export function genderOf(entity: ExtractedEntity, text: string, cache: Map<string, Gender | undefined>): Gender | undefined {
  if (cache.has(entity.id)) return cache.get(entity.id);
  let female = 0;
  let male = 0;
  let masculine = 0;
  for (const [start] of entity.offsets) {
    const before = /([\p{L}-]+)\.?\s+$/u.exec(text.slice(Math.max(0, start - 40), start))?.[1] ?? '';
    if (FEMALE_WORD.test(before) || FEMALE_NOUN.test(before)) female++;
    else if (MALE_WORD.test(before) || MALE_NOUN.test(before)) male++;
    else if (MASCULINE_NOUN.test(before)) masculine++;
  }
  const given = entity.name.split(/[\s-]+/u)[0] ?? '';
  if (female === male) {
    if (FEMALE_NAMES.has(given)) female++;
    else if (MALE_NAMES.has(given)) male++;
    else if (masculine > 0) male++;
  }
  const gender = female > male ? 'f' : male > female ? 'm' : undefined;
  cache.set(entity.id, gender);
  return gender;
}
