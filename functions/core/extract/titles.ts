/**
 * Honorifics and titles: words that announce a person's name ("Herr Putin", "coach Glenn
 * Hoddle") and are never part of it. The recogniser uses them as triggers; merging strips
 * them from the edges of any recogniser's spans.
 */

const GERMAN_TITLE_STEMS = [
  'Präsident',
  'Vizepräsident',
  'Ministerpräsident',
  'Bundespräsident',
  'Staatspräsident',
  'Kanzler',
  'Bundeskanzler',
  'Vizekanzler',
  'Minister',
  'Außenminister',
  'Innenminister',
  'Verteidigungsminister',
  'Finanzminister',
  'Wirtschaftsminister',
  'Justizminister',
  'Gesundheitsminister',
  'Arbeitsminister',
  'Umweltminister',
  'Verkehrsminister',
  'Bundesminister',
  'Staatssekretär',
  'Regierungssprecher',
  'Pressesprecher',
  'Sprecher',
  'Botschafter',
  'Abgeordnete',
  'Senator',
  'Gouverneur',
  'Bürgermeister',
  'Oberbürgermeister',
  'Generalsekretär',
  'Vorsitzende',
  'Parteichef',
  'Fraktionschef',
  'Regierungschef',
  'Geschäftsführer',
  'Direktor',
  'Generaldirektor',
  'Chefredakteur',
  'Redakteur',
  'Trainer',
  'Bundestrainer',
  'Kapitän',
  'General',
  'Oberst',
  'Papst',
  'Kardinal',
  'Bischof',
  'Pfarrer',
  'Anwalt',
  'Staatsanwalt',
  'Rabbi',
  'Rabbiner',
  'Stürmer',
  'Torwart',
  'Torhüter',
  'Verteidiger',
  'Mittelfeldspieler',
  'Nationalspieler',
  'Spieler',
  'Spielmacher',
  'Profi',
  'Teamchef',
  'Chef',
  'Coach',
  'Manager',
  'Professor',
  'Kommissar',
  'Korrespondent',
  'Kollege',
  'Amtskollege',
  'König',
  'Prinz',
  'Herzog',
  'Fürst',
  'Kaiser',
  'Premierminister',
  'Premier',
];

/** German feminine and inflected forms: "Pressesprecherin", "Präsidenten", "Ministers". */
function germanForms(stem: string): string[] {
  const forms = [stem, `${stem}s`, `${stem}n`, `${stem}en`, `${stem}in`, `${stem}innen`];
  if (stem.endsWith('e')) forms.push(`${stem}r`);
  if (stem === 'Papst') forms.push('Papstes');
  if (stem === 'König') forms.push('Königin', 'Königs');
  if (stem === 'Prinz') forms.push('Prinzessin');
  return forms;
}

const GERMAN_HONORIFICS = ['Herr', 'Herrn', 'Frau', 'Dr', 'Prof', 'Professor', 'Professorin'];

const ENGLISH_HONORIFICS = [
  'Mr',
  'Mrs',
  'Ms',
  'Miss',
  'Dr',
  'Prof',
  'Sir',
  'Dame',
  'Lord',
  'Lady',
  'Rev',
  'Sen',
  'Rep',
  'Gov',
  'Gen',
  'Col',
  'Lt',
  'Capt',
  'Sgt',
];

/** English titles are often lower case before a name: "coach Glenn Hoddle", "manager Ray Knight". */
const ENGLISH_TITLES = [
  'President',
  'Vice-President',
  'Chancellor',
  'Minister',
  'Secretary',
  'Premier',
  'Prime',
  'Senator',
  'Governor',
  'Mayor',
  'Ambassador',
  'Spokesman',
  'Spokeswoman',
  'Spokesperson',
  'Chairman',
  'Chairwoman',
  'Chief',
  'Director',
  'General',
  'Colonel',
  'Captain',
  'Commander',
  'Judge',
  'Justice',
  'Pope',
  'Cardinal',
  'Bishop',
  'Archbishop',
  'Rabbi',
  'King',
  'Queen',
  'Prince',
  'Princess',
  'Sheikh',
  'Coach',
  'Manager',
  'Striker',
  'Midfielder',
  'Defender',
  'Goalkeeper',
  'Shortstop',
  'Pitcher',
  'Outfielder',
  'Catcher',
  'Skipper',
  'Captain',
  'Leader',
  'Officer',
  'Inspector',
  'Superintendent',
  'Detective',
  'Professor',
  'Economist',
  'Analyst',
  'Correspondent',
  'Partner',
  'Teammate',
  'Veteran',
  'Champion',
  'Challenger',
  'Opponent',
  'Compatriot',
  'Countryman',
  'Rookie',
  'Right-hander',
  'Left-hander',
  'Reliever',
  'Closer',
  'Starter',
  'Counterpart',
  'Deputy',
  'Envoy',
  'Negotiator',
  'Dictator',
  'Tsar',
  // Occupations that news writes before a name, capitalised at the start of a sentence ("Actor Foxx").
  'Actor',
  'Actress',
  'Singer',
  'Rapper',
  'Comedian',
  'Presenter',
  'Novelist',
  'Author',
  'Producer',
  'Filmmaker',
  'Film-maker',
  'Musician',
  'Guitarist',
  'Frontman',
  'Winger',
  'Batsman',
  'Jockey',
  'Lawyer',
  'Attorney',
  'Prosecutor',
  'Campaigner',
  'Activist',
  'Entrepreneur',
  'Businessman',
  'Businesswoman',
  'Tycoon',
  'Billionaire',
  'Journalist',
  'Reporter',
  'Photographer',
  'Historian',
  'Scientist',
  'Researcher',
  // Ranks, clergy and offices before a name ("Sergeant Dave Pearson", "Sister Maureen Carey",
  // "Chief Executive Daniel Levy"). Not "Major" (John Major), "Private" (Private Eye), "Commodore"
  // (the computer maker) or "Mother" (Mother Teresa is her name).
  'Sergeant',
  'Lieutenant',
  'Corporal',
  'Admiral',
  'Brigadier',
  'Constable',
  'Sheriff',
  'Father',
  'Brother',
  'Sister',
  'Patriarch',
  'Pastor',
  'Reverend',
  'Imam',
  'Ayatollah',
  'Cleric',
  'Executive',
  'Accountant',
  'Speaker',
  'Treasurer',
  'Commissioner',
  'Founder',
];

const germanTitles = new Set(GERMAN_TITLE_STEMS.flatMap(germanForms));

/**
 * German compounds ending in an office: "Bundesaußenminister", "Mannschaftskollege",
 * "Abteilungsleiter". A bare "Richter" or "Schneider" is a surname, so a prefix is required.
 */
const GERMAN_TITLE_COMPOUND =
  /^\p{Lu}\p{Ll}{2,}(?:minister|präsident|sprecher|kanzler|trainer|kollege|chef|direktor|vorsitzende|sekretär|botschafter|kommissar|abgeordnete|bürgermeister|redakteur|korrespondent|anwalt|anwält|richter|leiter|berater|spieler|stürmer)(?:in|innen|en|n|s|r)?$/u;
const germanHonorifics = new Set(GERMAN_HONORIFICS);
const englishHonorifics = new Set(ENGLISH_HONORIFICS);
const englishTitles = new Set(ENGLISH_TITLES.map((t) => t.toLowerCase()));

/** A word that introduces a person's name in this language ("und": either language). */
export function isTitle(word: string, lang: string): boolean {
  const de = lang !== 'en';
  // "Südwestfunk-Redakteur", "Ex-Präsident", "US-Außenminister": the last part decides.
  const dash = word.lastIndexOf('-');
  if (dash > 0 && dash < word.length - 1) return isTitle(word.slice(dash + 1), lang);
  const en = lang !== 'de';
  if (de && (germanTitles.has(word) || germanHonorifics.has(word) || GERMAN_TITLE_COMPOUND.test(word))) return true;
  if (en && (englishHonorifics.has(word) || englishTitles.has(word.toLowerCase()))) return true;
  return false;
}

/** Honorifics proper: only a name follows them ("Herr", "Mr"), unlike titles ("Präsident Frankreichs"). */
export function isHonorific(word: string): boolean {
  return germanHonorifics.has(word) || englishHonorifics.has(word);
}

/**
 * Honorifics that stand only before persons. Not "Miss" ("Miss World"), "Lord" and "Lady" (the
 * cricket ground "Lord's"), nor abbreviations that are also country codes in results tables
 * ("Col", "Sen", "Rep").
 */
const PERSON_HONORIFICS = new Set(['Mr', 'Mrs', 'Ms', 'Dr', 'Prof', 'Professor', 'Sir', 'Dame', 'Rev', 'Herr', 'Herrn', 'Frau']);

export function isPersonHonorific(word: string): boolean {
  return PERSON_HONORIFICS.has(word);
}

/** Words stripped from the edges of an entity name, in any language. */
export function isStrippable(word: string): boolean {
  const dash = word.lastIndexOf('-');
  if (dash > 0 && dash < word.length - 1) return isStrippable(word.slice(dash + 1));
  return (
    germanTitles.has(word) ||
    germanHonorifics.has(word) ||
    GERMAN_TITLE_COMPOUND.test(word) ||
    englishHonorifics.has(word) ||
    englishTitles.has(word.toLowerCase())
  );
}
