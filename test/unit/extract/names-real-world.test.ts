/**
 * Names as news articles write them (issue 11): particles, offices before names, hyphenated
 * given names, role compounds around names, headlines in sentence case, title case and capitals.
 * Each row is an article of its own; the checks read the entities extract() returns.
 */
import { describe, expect, it } from 'vitest';
import { extract } from '../../../functions/core/extract/index';
import { boundSpans } from '../../../functions/core/extract/span-bounds';
import { articleText, type EntityType, type ExtractedEntity } from '../../../functions/core/types';
import { article, sample } from './samples';
import { GERMAN_CALL } from '../../fixtures/articles/index';

interface Row {
  kind: string;
  lang: 'de' | 'en';
  title?: string;
  body: string;
  /** type, name, and the least number of mentions (1 when not given). */
  has?: Array<[EntityType, string, number?]>;
  /** No entity may have a name matching these. */
  lacks?: RegExp[];
  /** No entity of this type may have a name matching the pattern. */
  notTyped?: Array<[EntityType, RegExp]>;
  /** Exact mention counts by entity name. */
  exactly?: Array<[string, number]>;
  /** Every mention of the named entity covers exactly one of these texts. */
  mentionTexts?: Array<[string, string[]]>;
}

const ROWS: Row[] = [
  {
    kind: 'particles, genitive and a sentence-initial preposition (de)',
    lang: 'de',
    body:
      'Kommissionspräsidentin Ursula von der Leyen reiste am Montag nach Kiew. Von der Leyens Plan fand Zustimmung, ' +
      'auch die Pläne von der Leyens für den Wiederaufbau. Von Berlin aus flog sie weiter nach Warschau.',
    has: [
      ['PER', 'Ursula von der Leyen', 3],
      ['LOC', 'Berlin'],
    ],
    lacks: [/^Leyens?$/, /^Von Berlin/],
    mentionTexts: [['Ursula von der Leyen', ['Ursula von der Leyen', 'Von der Leyens', 'von der Leyens']]],
  },
  {
    kind: 'particles inside names; the place after "von" is no place (de)',
    lang: 'de',
    body:
      'Die Niederländerin Katrin van Dijk sprach mit Karl-Theodor zu Guttenberg. Auch Philipp von Hessen war eingeladen. ' +
      'Von Berlin aus fuhr Thomas Müller weiter nach Hessen, wo Hessen feierte.',
    has: [
      ['PER', 'Katrin van Dijk'],
      ['PER', 'Karl-Theodor zu Guttenberg'],
      ['PER', 'Philipp von Hessen'],
      ['PER', 'Thomas Müller'],
      ['LOC', 'Berlin'],
    ],
    lacks: [/^Karl-Theodor$|^Guttenberg$|^Von /],
    // Only the place the last sentence names, twice.
    exactly: [['Hessen', 2]],
    notTyped: [['PER', /^Hessen$/]],
  },
  {
    kind: 'particles inside names (en)',
    lang: 'en',
    body: 'The orchestra played Ludwig van Beethoven, and the museum honoured Charles de Gaulle on Sunday.',
    has: [
      ['PER', 'Ludwig van Beethoven'],
      ['PER', 'Charles de Gaulle'],
    ],
  },
  {
    kind: 'offices before names do not join or type them (de)',
    lang: 'de',
    body: 'Chinas Staatschef Xi Jinping empfing Frankreichs Präsident Emmanuel Macron in Peking.',
    has: [
      ['PER', 'Xi Jinping'],
      ['PER', 'Emmanuel Macron'],
      ['LOC', 'China'],
      ['LOC', 'Peking'],
    ],
    lacks: [/^Jinping$/, /Staatschef|Präsident/],
  },
  {
    kind: 'offices before names do not join or type them (en)',
    lang: 'en',
    body: 'Secretary of State Antony Blinken met Lavrov. Russian President Vladimir Putin did not attend, ' + 'Kremlin spokesman Dmitry Peskov said on Friday.',
    has: [
      ['PER', 'Antony Blinken'],
      ['PER', 'Vladimir Putin'],
      ['PER', 'Dmitry Peskov'],
    ],
    lacks: [/State Antony/, /^Antony$/, /President|spokesman/],
    notTyped: [
      ['ORG', /Blinken/],
      ['LOC', /Russian/],
    ],
  },
  {
    kind: 'an organisation name ends before the city it sits in (de)',
    lang: 'de',
    body: 'Am Donnerstag tagt die Organisation für Sicherheit und Zusammenarbeit in Europa in Wien.',
    has: [
      ['ORG', 'Organisation für Sicherheit und Zusammenarbeit in Europa'],
      ['LOC', 'Wien'],
    ],
    lacks: [/in Wien/],
  },
  {
    kind: 'hyphenated given names (de, en)',
    lang: 'de',
    body: 'Anne-Kathrin Müller und Hans-Peter Schmidt begrüßten Jean-Claude Juncker in Brüssel.',
    has: [
      ['PER', 'Anne-Kathrin Müller'],
      ['PER', 'Hans-Peter Schmidt'],
      ['PER', 'Jean-Claude Juncker'],
    ],
    lacks: [/^Kathrin|^Peter|^Claude/],
  },
  {
    kind: 'role compounds are mentions of the names inside them (de)',
    lang: 'de',
    body:
      'Kreml-Sprecher Dmitri Peskow widersprach. Die SPD-Außenpolitikerin und der CDU-Chef lehnten den EU-Beitritt ab. ' +
      'Die SPD-Fraktion lobte die US-Diplomatie, die US-Russland-Gespräche und die Nato-Truppen. ' +
      'US-amerikanische und deutsche Diplomaten trafen sich vor dem Nato-Russland-Rat, die EU-Kommission und der UN-Sicherheitsrat schwiegen.',
    has: [
      ['PER', 'Dmitri Peskow'],
      ['ORG', 'SPD', 2],
      ['ORG', 'CDU'],
      ['ORG', 'EU'],
      ['ORG', 'Kreml'],
      ['ORG', 'Nato'],
      ['LOC', 'USA', 2],
      ['LOC', 'Russland'],
      ['ORG', 'Nato-Russland-Rat'],
      ['ORG', 'EU-Kommission'],
      ['ORG', 'UN-Sicherheitsrat'],
    ],
    lacks: [/Sprecher|Außenpolitikerin|Chef|Beitritt|Fraktion|Diplomatie|Gespräche|Truppen/],
    notTyped: [
      ['LOC', /amerikanisch|deutsch/],
      // The adjective may stay a nationality (MISC, as "russisch" does); the noun compounds not.
      ['MISC', /^US-(?!amerikanisch)/],
    ],
    mentionTexts: [
      ['SPD', ['SPD']],
      ['USA', ['US']],
    ],
  },
  {
    kind: 'compounds around names (en)',
    lang: 'en',
    body: 'Kremlin-backed separatists fought the US-led coalition. The Nato-Russia Council met in Brussels.',
    has: [
      ['ORG', 'Kremlin'],
      ['LOC', 'US'],
      ['ORG', 'Nato-Russia Council'],
    ],
    lacks: [/-backed|-led/],
  },
  {
    kind: 'a headline is text like any other (de)',
    lang: 'de',
    title: 'Merkel trifft Macron in Paris',
    body: 'Bundeskanzlerin Angela Merkel hat den französischen Präsidenten Emmanuel Macron in Paris getroffen. Merkel lobte die Gespräche.',
    has: [
      ['PER', 'Angela Merkel', 3],
      ['PER', 'Emmanuel Macron', 2],
      ['LOC', 'Paris', 2],
    ],
    lacks: [/trifft/],
  },
  {
    kind: 'a headline is text like any other (en)',
    lang: 'en',
    title: 'Biden warns Putin of sanctions',
    body: 'President Joe Biden warned Russian President Vladimir Putin on Thursday. Biden said sanctions would follow an invasion.',
    has: [
      ['PER', 'Joe Biden', 3],
      ['PER', 'Vladimir Putin', 2],
    ],
    lacks: [/warns|sanctions/],
  },
  {
    kind: 'title-case headlines (en)',
    lang: 'en',
    title: 'Biden Warns Putin Of Sanctions Over Ukraine',
    body: 'President Joe Biden warned Russian President Vladimir Putin on Thursday that an invasion of Ukraine would be costly.',
    has: [
      ['PER', 'Joe Biden', 2],
      ['PER', 'Vladimir Putin', 2],
      ['LOC', 'Ukraine', 2],
    ],
    lacks: [/Warns|Sanctions|Over/],
  },
  {
    kind: 'title-case headlines keep names with links (en)',
    lang: 'en',
    title: 'Bank Of England Raises Rates Again',
    body: 'The Bank of England raised interest rates for the third time this year.',
    has: [['ORG', 'Bank of England', 2]],
    lacks: [/Raises|Rates/],
  },
  {
    kind: 'shouted headlines merge with the body (de)',
    lang: 'de',
    title: 'PUTIN WARNT NATO - FRANKREICH REAGIERT',
    body: 'Russlands Präsident Wladimir Putin hat die Nato am Freitag gewarnt. Frankreich und Deutschland reagierten gelassen.',
    has: [
      ['PER', 'Wladimir Putin', 2],
      ['ORG', 'Nato', 2],
      ['LOC', 'Frankreich', 2],
    ],
    lacks: [/WARNT|REAGIERT|^PUTIN$|^FRANKREICH$/],
    notTyped: [['PER', /Frankreich|Nato/i]],
  },
  {
    kind: 'shouted headlines and wire slugs merge with the body (en)',
    lang: 'en',
    title: 'FRANCE SAYS IT WILL SEND TROOPS',
    body: 'PARIS 1996-08-30\nFrance says it will send troops to the region. Defence Minister Charles Millon confirmed the plan.',
    has: [
      ['LOC', 'France', 2],
      ['LOC', 'Paris'],
      ['PER', 'Charles Millon'],
    ],
    lacks: [/SAYS|TROOPS|^FRANCE$/],
    notTyped: [
      ['ORG', /France/i],
      ['PER', /France/i],
    ],
  },
  {
    kind: 'wire slugs (en)',
    lang: 'en',
    title: 'SOCCER - JAPAN GET LUCKY WIN , CHINA IN SURPRISE DEFEAT .',
    body: 'Japan began the defence of their title with a lucky 2-1 win against Syria, while China lost to Uzbekistan.',
    has: [
      ['LOC', 'Japan', 2],
      ['LOC', 'China', 2],
    ],
    lacks: [/SOCCER|Soccer|LUCKY|SURPRISE/],
    notTyped: [['PER', /Japan|China/i]],
  },
  {
    kind: 'a surname with its particle after an office; a preposition after a verb is none (de)',
    lang: 'de',
    body: 'Die Ministerin sagte von Anfang an, sie bleibe. EU-Kommissionschefin von der Leyen sagte, Europa stehe zusammen.',
    has: [
      ['PER', 'von der Leyen'],
      ['ORG', 'EU'],
    ],
    lacks: [/Anfang/, /Kommissionschefin/],
  },
  {
    kind: 'offices and parties in compounds before names (de)',
    lang: 'de',
    title: 'Scholz sagt Selenskyj weitere Hilfe zu',
    body:
      'Bundeskanzler Olaf Scholz hat den ukrainischen Präsidenten Wolodymyr Selenskyj empfangen. FDP-Chef Christian Lindner begrüßte das, ' +
      'Scholz-Sprecher Steffen Hebestreit bestätigte das Treffen. Auch die Nato-Partner und der EU-Gipfel reagierten.',
    has: [
      ['PER', 'Olaf Scholz', 3],
      ['PER', 'Wolodymyr Selenskyj', 2],
      ['PER', 'Christian Lindner'],
      ['PER', 'Steffen Hebestreit'],
      ['ORG', 'FDP'],
      ['ORG', 'Nato'],
      ['ORG', 'EU'],
    ],
    lacks: [/-Chef|-Sprecher|-Partner|-Gipfel|sagt/],
  },
  {
    kind: 'title-case headline words are no persons (en)',
    lang: 'en',
    title: 'Biden And Scholz Agree On New Sanctions Against Moscow',
    body: 'U.S. President Joe Biden met German Chancellor Olaf Scholz at the White House. The Biden administration agreed on new sanctions against Moscow.',
    has: [
      ['PER', 'Joe Biden', 3],
      ['PER', 'Olaf Scholz', 2],
      ['LOC', 'Moscow', 2],
    ],
    lacks: [/^New|Sanctions|Agree|^Biden And/],
    notTyped: [['ORG', /Biden/]],
  },
  {
    kind: 'family name first, shouted and alone (de)',
    lang: 'de',
    title: 'XI DROHT TAIWAN',
    body: 'Peking - Chinas Präsident Xi Jinping hat Taiwan gewarnt. Xi sagte, die Wiedervereinigung müsse vollendet werden.',
    has: [
      ['PER', 'Xi Jinping', 3],
      ['LOC', 'Taiwan', 2],
    ],
    lacks: [/^Xi$|^XI$|DROHT/],
  },
  {
    kind: 'family name first, shouted and alone (en)',
    lang: 'en',
    title: "CHINA'S XI WARNS TAIWAN OVER INDEPENDENCE",
    body: 'BEIJING - Chinese President Xi Jinping warned Taiwan on Sunday. Xi said reunification must be fulfilled.',
    has: [
      ['PER', 'Xi Jinping', 3],
      ['LOC', 'Taiwan', 2],
      ['LOC', 'China'],
    ],
    lacks: [/^Xi$|WARNS|INDEPENDENCE/],
    notTyped: [['PER', /China/i]],
  },
  {
    kind: 'names with lower-case words are not cut like a headline (en)',
    lang: 'en',
    body: 'Médecins sans Frontières and the Bank of America said on Monday that the Church of Jesus Christ of Latter-day Saints donated.',
    has: [
      ['ORG', 'Bank of America'],
      ['ORG', 'Church of Jesus Christ of Latter-day Saints'],
    ],
    lacks: [/^Médecins$|^Frontières$|^Jesus/],
  },
  {
    kind: 'names of places that are hyphenated stay whole (de)',
    lang: 'de',
    body: 'In Sachsen-Anhalt und Baden-Württemberg wird im Frühjahr gewählt.',
    has: [
      ['LOC', 'Sachsen-Anhalt'],
      ['LOC', 'Baden-Württemberg'],
    ],
    lacks: [/^Sachsen$|^Anhalt$|^Baden$/],
  },
  {
    kind: 'a speaker named before a speech verb, given name in no list (de)',
    lang: 'de',
    body: 'Satya Nadella sagte: „Die Lage ist ernst.“',
    has: [['PER', 'Satya Nadella']],
    notTyped: [['ORG', /Nadella/]],
  },
  {
    kind: 'a speaker named before a speech verb at the start of a sentence (en)',
    lang: 'en',
    body: 'Giorgia Meloni said: "The situation is serious."',
    has: [['PER', 'Giorgia Meloni']],
    notTyped: [['ORG', /Meloni/]],
  },
  {
    kind: 'an organisation before a speech verb stays one (de)',
    lang: 'de',
    body: 'Deutsche Bank sagte am Montag, die Zahlen seien gut.',
    notTyped: [['PER', /Deutsche Bank/]],
  },
  {
    kind: 'an organisation before a speech verb stays one (en)',
    lang: 'en',
    body: 'Morgan Stanley said on Tuesday that profits rose.',
    notTyped: [['PER', /Morgan Stanley/]],
  },
  {
    kind: 'a surname with a joined Arabic article, later alone with the article capitalised or without it (en)',
    lang: 'en',
    body:
      'Syrian President Bashar al-Assad met the UN envoy in Damascus. Assad said the talks had been useful. ' +
      "Al-Assad later left for Moscow, where Egypt's President Abdel Fattah el-Sisi was waiting. El-Sisi said little; Sisi flew home.",
    exactly: [
      ['Bashar al-Assad', 3],
      ['Abdel Fattah el-Sisi', 3],
    ],
    notTyped: [['ORG', /Assad|Sisi/]],
  },
  {
    kind: 'a surname with a joined Arabic article, later alone with the article capitalised or without it (de)',
    lang: 'de',
    body:
      'Der Salafistenführer Ahmed al-Asir ist in Beirut festgenommen worden. Al-Asir habe sich zuvor einer Operation unterzogen, ' +
      'erklärte ein Sprecher. Der syrische Präsident Baschar al-Assad schwieg. Assad hatte Asir lange verfolgen lassen.',
    exactly: [
      ['Ahmed al-Asir', 3],
      ['Baschar al-Assad', 2],
    ],
    notTyped: [['ORG', /Asir|Assad/]],
  },
  {
    kind: 'a name in the genitive before the noun it owns ends at the genitive (de)',
    lang: 'de',
    body:
      'Wladimir Putin droht erneut. Wladimir Putins Angriffskrieg dauert an. Die SPÖ bereitet sich auf Rudolf Hundstorfers ' +
      'Präsidentschaftswahlkampf vor. Im Team spielen Klaus Fischer und Thomas Müller, Hannes Ametsreiter schaut zu.',
    has: [
      ['PER', 'Wladimir Putin', 2],
      ['PER', 'Klaus Fischer'],
      ['PER', 'Thomas Müller'],
      ['PER', 'Hannes Ametsreiter'],
    ],
    lacks: [/Angriffskrieg|Präsidentschaftswahlkampf/],
  },
  {
    kind: 'a firm the article calls a firm is one in every mention, though the tagger made it a person (de)',
    lang: 'de',
    body:
      'Volvo-Chef Hakan Samuelsson hat Respekt vor Apple und Google. Der iPhone-Hersteller Apple arbeite an einem eigenen Auto, ' +
      'sagte Samuelsson im Gespräch mit der Nachrichtenagentur dpa. Samuelsson hatte Volvo selbst für eine Zusammenarbeit mit Apple ' +
      'ins Gespräch gebracht. Die drei deutschen Autobauer Audi, BMW und Daimler planen Ähnliches. Apple schweigt dazu.',
    has: [
      ['ORG', 'Volvo', 2],
      ['ORG', 'Apple', 4],
      ['PER', 'Hakan Samuelsson', 3],
    ],
    notTyped: [['PER', /^(Volvo|Apple)$/]],
  },
  {
    kind: 'a firm the article calls a firm is one in every mention, though the tagger made it a person (en)',
    lang: 'en',
    body:
      'Swedish carmaker Volvo said sales rose by a fifth. Volvo chief executive Hakan Samuelsson said Volvo would keep its plants. ' +
      'Budget airline Ryanair ordered 70 planes, and Ryanair said more would follow. Samuelsson said nothing about Ryanair.',
    has: [
      ['ORG', 'Volvo', 3],
      ['ORG', 'Ryanair', 3],
      ['PER', 'Hakan Samuelsson', 2],
    ],
    notTyped: [['PER', /^(Volvo|Ryanair)$/]],
  },
  {
    kind: "a person's name stays the person's beside a firm's part, a place stays a place (de)",
    lang: 'de',
    body:
      'Elon Musk ist zufrieden. Der Musk-Konzern meldete am Montag einen Rekord, sagte Musk in Grünheide. ' +
      'Die Innsbruck-Chefin der Partei, Maria Huber, sprach am Dienstag in Innsbruck über die Pläne.',
    has: [
      ['PER', 'Musk', 2],
      ['LOC', 'Innsbruck', 2],
    ],
    notTyped: [['ORG', /Musk|Innsbruck/]],
  },
  {
    kind: 'a lawmaker is no firm (en)',
    lang: 'en',
    body: 'Democratic lawmaker Jim Walsh said he would vote no. Walsh told reporters the bill was rushed, and Walsh left early.',
    has: [['PER', 'Jim Walsh', 3]],
    notTyped: [['ORG', /Walsh/]],
  },
  {
    kind: 'a surname the tagger takes for a noun completes a name that would end in a particle, and the particle is never spread (de)',
    lang: 'de',
    body:
      'Alexander Van der Bellen will Bundespräsident werden. Der ehemalige Bundessprecher der Grünen sagte, die Reihe der ' +
      'Gespräche mit Van der Bellen beginne am Montag. Zu dem Buch hat mich der Verlag überredet, grinst Van der Bellen.',
    exactly: [['Alexander Van der Bellen', 3]],
    lacks: [/^der$/i, /der$/],
  },
  {
    kind: 'a name with a declined adjective joins its nominative in the same article (de)',
    lang: 'de',
    body:
      'Ein Sprecher der Deutschen Bahn sagte am Montag, die Züge führen wieder. Die Deutsche Bahn will 2025 mehr investieren. ' +
      'Der Hamburger SV spielt am Samstag.',
    exactly: [['Deutsche Bahn', 2]],
    lacks: [/^Deutschen Bahn$/, /^Hamburge /],
  },
  {
    kind: 'the name after an honorific is a person, whatever type the tagger gave the two (en)',
    lang: 'en',
    body:
      'Health Minister Jane Hutt defended the plan. Ms Hutt said waiting lists were falling, and Mr. Milburn agreed with her. ' +
      'Prof Etzioni disagreed. Miss World was crowned in London.',
    has: [
      ['PER', 'Jane Hutt', 2],
      ['PER', 'Milburn'],
      ['PER', 'Etzioni'],
    ],
    notTyped: [
      ['ORG', /Hutt|Milburn|Etzioni/],
      ['MISC', /Hutt|Milburn|Etzioni/],
    ],
  },
  {
    kind: "a name ending in a firm's designator is an organisation (en)",
    lang: 'en',
    body: 'Lucent Technologies cut 500 jobs. Analysts at Eon Labs and Krome Studios were not surprised. Tensions rose in the West Bank.',
    has: [
      ['ORG', 'Lucent Technologies'],
      ['ORG', 'Eon Labs'],
      ['ORG', 'Krome Studios'],
      ['LOC', 'West Bank'],
    ],
  },
  {
    kind: "a name ending in a firm's designator is an organisation (de)",
    lang: 'de',
    body: 'Der Verlag Hubert Burda Media verkauft zwei Zeitschriften. Forscher der John Hopkins Universität warnen.',
    has: [
      ['ORG', 'Hubert Burda Media'],
      ['ORG', 'John Hopkins Universität'],
    ],
  },
  {
    kind: 'an office alone names no one; the person named with it stays (de)',
    lang: 'de',
    body: 'Kanzler Werner Faymann reiste nach Ankara. Es sei kein Zugeständnis erfolgt, betonte der Kanzler am Montag. Der Vizekanzler schwieg.',
    has: [['PER', 'Werner Faymann']],
    lacks: [/^(Vize)?[Kk]anzler$/],
  },
  {
    kind: 'an office alone names no one, an office of a place names the place, an honorific keeps a surname (en)',
    lang: 'en',
    body:
      'The Bishop of Durham, Tom Wright, said the book was fiction. The Bishop said: "Conspiracy theories are always fun." ' +
      'Kristin King, a singer, agreed. Ms King said she liked the book. Stephen King and Peter Kaiser did not.',
    has: [
      ['PER', 'Tom Wright'],
      ['LOC', 'Durham'],
      ['PER', 'Kristin King', 2],
      ['PER', 'Stephen King'],
      ['PER', 'Peter Kaiser'],
    ],
    lacks: [/^Bishop$/, /^of /, /^(Kristin|Stephen|Peter)$/],
  },
  {
    kind: 'a one-word name in a line-up of players is a player, whatever type the tagger gave it (en)',
    lang: 'en',
    body:
      'Everton boss David Moyes was pleased. Everton: Martyn, Hibbert, Yobo, Weir, Pistone, Osman, Carsley, Kilbane, Bent. ' +
      'Man Utd: Carroll, Gary Neville, Ferdinand, Brown, Heinze, Keane, Fortune, Fletcher, Scholes, Rooney, Ronaldo. ' +
      'At half-time Michael Jackson, Aerosmith, Diana Ross, Gloria Estefan and Phil Collins played.',
    has: [
      ['ORG', 'Aerosmith'],
      ['PER', 'Kilbane'],
      ['PER', 'Bent'],
      ['PER', 'Fortune'],
      ['ORG', 'Everton', 2],
    ],
    notTyped: [['LOC', /^(Kilbane|Bent|Fortune)$/]],
  },
  {
    kind: "a month after a day before a person's name is no part of it (de)",
    lang: 'de',
    body:
      'Der ORF zeigt Interviews mit den Bewerbern um das Präsidentenamt: am 3. April Griss (11.05 Uhr) und Lugner (12.00 Uhr), ' +
      'am 10. April Van der Bellen (11.05 Uhr) und Hofer (12.00 Uhr), am 17. April Khol (11.05 Uhr) und Hundstorfer (12.00 Uhr).',
    has: [
      ['PER', 'Griss'],
      ['PER', 'Van der Bellen'],
      ['PER', 'Khol'],
    ],
    lacks: [/^April/],
  },
  {
    kind: 'an occupation before a name at the start of a sentence is no part of it (en)',
    lang: 'en',
    body: 'Rapper Kanye West won three awards. Attorney Reid Weingarten said the case was weak. Actress Julia Roberts was not there.',
    has: [
      ['PER', 'Kanye West'],
      ['PER', 'Reid Weingarten'],
      ['PER', 'Julia Roberts'],
    ],
    lacks: [/^(Rapper|Attorney|Actress)/],
  },
  {
    kind: 'organisations named with the Arabic article stay organisations beside such a person (en)',
    lang: 'en',
    body: "Al-Shabaab claimed the attack, and Al-Qaeda praised it. Somalia's envoy Ahmed al-Shabaani condemned both.",
    has: [['PER', 'Ahmed al-Shabaani']],
    notTyped: [['PER', /^Al-(Shabaab|Qaeda)$/]],
  },
  {
    kind: 'an adverb starting a sentence after a quoted speaker is no person (de)',
    lang: 'de',
    body:
      'Wir werden die Gespräche fortsetzen, sagte der Minister. Allerdings kam es am Abend zu Protesten vor dem Parlament. ' +
      'Die Vorschläge wurden am Ende angenommen, sagte die Sprecherin. Zudem wurden die Regeln für neue Mitglieder geändert. ' +
      'Das ist keine politische Frage, findet der Minister. Insgesamt ist das aber eine Frage für den Vorstand.',
    lacks: [/^(Allerdings|Zudem|Insgesamt)$/],
  },
  {
    kind: 'a word that starts sentences stays a name where the article also writes it inside a sentence or a full name (de)',
    lang: 'de',
    body: 'Bundeskanzler Sebastian Kurz reiste nach Brüssel. Kurz sagte dort, Österreich werde zustimmen. Das bestätigte Kurz am Abend.',
    has: [['PER', 'Sebastian Kurz', 3]],
  },
  {
    kind: 'a determiner starting a sentence after a quoted speaker is no person (en)',
    lang: 'en',
    body:
      '"This is the first step toward a national chain," said Tom Miller, the group\'s chairman. Some analysts see the merger as a rescue deal for the smaller firm. ' +
      '"We have brought in a lot of new lines at new prices," said the company spokesman. Many analysts believe March will be a hard month for shops.',
    has: [['PER', 'Tom Miller']],
    lacks: [/^(Some|Many)$/],
  },
  {
    kind: 'an everyday word that a list also holds as a name, starting a sentence, is no name (en)',
    lang: 'en',
    body:
      'House prices fell 0.4% in October, according to the Halifax. Best actors of the year were named in Paris on Friday. ' +
      'Main points of the plan: lower taxes and more homes. North Korean officials declined to comment.',
    has: [['LOC', 'Paris']],
    lacks: [/^(House|Best|Main|North)$/],
  },
  {
    kind: 'an everyday word in a line in capitals is no name, a place there stays one (en)',
    lang: 'en',
    body: 'STATE FACILITIES REFUNDING BONDS\n\nSOCCER - SPORTING START NEW SEASON WITH A WIN AT HOME\n\nATHLETICS - 40,000 BEERS ON THE HOUSE IN LONDON',
    has: [['LOC', 'London']],
    lacks: [/^(bonds|start|house)$/i],
  },
  {
    kind: 'an everyday word that a list also holds as a name, starting a sentence, is no name (de)',
    lang: 'de',
    body: 'Nieder mit den Preisen, riefen die Demonstranten am Samstag in Wien. Die Polizei in Wien zählte 5000 Teilnehmer.',
    has: [['LOC', 'Wien', 2]],
    lacks: [/^Nieder$/],
  },
  {
    kind: 'the first word after a bullet that opens a line starts a sentence (en)',
    lang: 'en',
    body: 'Top stories on Monday:\n\n- Main rail line to Havana reopens after floods.\n- Black market booms in the shadow of state-run supermarkets.',
    has: [['LOC', 'Havana']],
    lacks: [/^(Main|Black)$/],
  },
  {
    kind: 'the first word after a bullet that opens a line starts a sentence (de)',
    lang: 'de',
    body: 'Die wichtigsten Meldungen:\n\n- Nieder mit den Preisen, rufen Demonstranten in Wien.\n- Kanzler Olaf Scholz reist nach Paris.',
    has: [
      ['LOC', 'Wien'],
      ['PER', 'Olaf Scholz'],
    ],
    lacks: [/^Nieder$/],
  },
  {
    kind: "an event's name takes no word capitalised for the sentence, no month and no team's place before it (en)",
    lang: 'en',
    body:
      'Leading World Cup standings after 8 of 11 rounds were published on Sunday. McGrath left out of Ireland World Cup squad. ' +
      'Popov won gold at the recent Atlanta Olympics, and the team returned from the July-August Olympics on Monday.',
    has: [
      ['MISC', 'World Cup'],
      ['LOC', 'Ireland'],
      ['MISC', 'Atlanta Olympics'],
    ],
    lacks: [/^(Leading|Ireland|July-August) /],
  },
  {
    kind: "an event's name takes no word capitalised for the sentence (de)",
    lang: 'de',
    body: 'Sechs Grands Prix stehen in dieser Saison noch aus. Schumacher gewann den Großen Preis von Belgien.',
    has: [['MISC', 'Grands Prix']],
    lacks: [/^Sechs/],
  },
  {
    kind: 'a holiday is no place, and a person named like one stays a person (en)',
    lang: 'en',
    body:
      'Retail sales disappointed over Christmas, and Muslims began fasting for Ramadan on Monday. ' +
      'The scholar Tariq Ramadan spoke in London on Monday. Ramadan said the ban was wrong.',
    has: [
      ['MISC', 'Christmas'],
      ['PER', 'Tariq Ramadan', 2],
    ],
    notTyped: [
      ['LOC', /^(Christmas|Ramadan)$/],
      ['PER', /^(Christmas|Ramadan)$/],
    ],
  },
  {
    kind: 'a speaker after a quotation keeps a name that is also a word (en)',
    lang: 'en',
    body: 'The song was written in a week. "It is such a sad song," Read said. Read hopes it will raise money.',
    has: [['PER', 'Read', 2]],
  },
  {
    kind: 'a line-up keeps the player it starts with, a name that is also a word (en)',
    lang: 'en',
    body: 'Newcastle: Given, Carr, Boumsong, Bramble, Babayaro, Dyer, Faye, Bowyer, Robert, Shearer, Bellamy.',
    has: [
      ['PER', 'Given'],
      ['PER', 'Carr'],
    ],
  },
  {
    kind: 'a rank, a clergy title or an office before a name is no part of it (en)',
    lang: 'en',
    body: "Senior Sergeant Dave Pearson of the city police said a man was in custody. Sister Maureen Carey, 52, was freed on Monday. The firm's Chief Executive Daniel Levy said results would be flat. Serena Williams said she and sister Venus would play on.",
    has: [
      ['PER', 'Dave Pearson'],
      ['PER', 'Maureen Carey'],
      ['PER', 'Daniel Levy'],
      ['PER', 'Venus'],
    ],
    lacks: [/^(Sergeant|Sister|Executive) /],
  },
  {
    kind: 'an office ending a sentence does not make the next sentence start a person (en)',
    lang: 'en',
    body:
      'The prime minister will hold his press conference at the same time as a speech by the chancellor. Meanwhile large numbers of MPs say voters are tired of the feud. ' +
      'His critics paint him as more salesman than economist. Whatever his abilities, Mr Ebbers built the firm from nothing.',
    has: [['PER', 'Ebbers']],
    lacks: [/^(Meanwhile|Whatever)$/],
  },
  {
    kind: 'an office ending a sentence does not make the next sentence start a person (de)',
    lang: 'de',
    body: 'Die Lage sei ernst, betonte der UN-Chef. Lob für die Regierung gab es dennoch. Das sagte der Bürgermeister. Nachdem Wels die Förderung verloren hatte, suchte die Stadt neue Geldgeber.',
    lacks: [/^(Lob|Nachdem)/],
  },
  {
    kind: 'an adjective between two titles belongs to the office, not to a person (en)',
    lang: 'en',
    body: 'The talks were held between the deputy Foreign Minister Lee Ki-choo and his counterpart. He beat his rival, deputy Parliamentary Speaker Arnold Ruutel, by 15 votes.',
    has: [
      ['PER', 'Lee Ki-choo'],
      ['PER', 'Arnold Ruutel'],
    ],
    notTyped: [['PER', /^(Foreign|Parliamentary)$/]],
  },
  {
    kind: 'a weekday or a sentence word before a firm with a designator is no part of it (en)',
    lang: 'en',
    body: 'The drug maker said on Tuesday Purdue Frederick Co had filed a patent lawsuit against it. Both WorldCom Inc and MFS Communications Co Inc were trading higher.',
    has: [
      ['ORG', 'Purdue Frederick Co'],
      ['ORG', 'WorldCom Inc'],
    ],
    lacks: [/^(Tuesday|Both) /],
  },
  {
    kind: 'a weekday before a firm with a designator is no part of it (de)',
    lang: 'de',
    body: 'Am Montag Siemens Healthineers AG meldete höhere Umsätze.',
    has: [['ORG', 'Siemens Healthineers AG']],
    lacks: [/^Montag /],
  },
  {
    kind: 'an office held, a middle or an act followed by a genitive of common nouns is no organisation (de)',
    lang: 'de',
    body:
      'Er bewirbt sich um das Amt des Bundespräsidenten. Im Zentrum der Ermittlungen steht ein Beamter. ' +
      'Die Organisation der Vereinten Nationen tagt in New York. Die Partei der Unabhängigen Griechen verlor Stimmen. ' +
      'Der Bund der Steuerzahler kritisierte die Ausgaben.',
    has: [
      ['ORG', 'Organisation der Vereinten Nationen'],
      ['ORG', 'Partei der Unabhängigen Griechen'],
      ['ORG', 'Bund der Steuerzahler'],
    ],
    lacks: [/^(Amt des|Zentrum der)/],
  },
  {
    kind: 'a role the lists lack before a given name and surname after a speech verb is no part of the name (de)',
    lang: 'de',
    body: '"Wenn wir wegen Insekten gerufen werden, fahren zwei von uns raus", sagt Feuerwehrmann Dieter Sawade. Das sei Vorwahlkampf, sagte Verfassungsrechtler Heinz Mayer im Radio.',
    has: [
      ['PER', 'Dieter Sawade'],
      ['PER', 'Heinz Mayer'],
    ],
    lacks: [/^(Feuerwehrmann|Verfassungsrechtler) /],
  },
  {
    kind: 'a name of three given-name-led words after a speech verb stays whole (en)',
    lang: 'en',
    body: '"We will appeal," said Lee Harvey Oswald. The plan was dropped, said spokesman John Smith.',
    has: [
      ['PER', 'Lee Harvey Oswald'],
      ['PER', 'John Smith'],
    ],
  },
  {
    kind: 'a given name that starts a sentence as a plain word is no person (de)',
    lang: 'de',
    body: 'Die Stadt bleibt bei ihrem Plan. Allen Unkenrufen zum Trotz wird gebaut. Allen Wehrunfähigen muss freier Abzug gewährt werden.',
    lacks: [/^Allen /],
  },
  {
    kind: 'the Austrian word for a discounter says a firm follows (de)',
    lang: 'de',
    body: 'Beim Diskonter Lidl gab es Andrang. Lidl reagierte rasch.',
    has: [['ORG', 'Lidl', 2]],
    notTyped: [['PER', /^Lidl$/]],
  },
  {
    kind: 'a kind of firm written as two words says a firm follows (en)',
    lang: 'en',
    body: 'General Motors has struck a deal to supply French car maker Peugeot with 30,000 vehicles.',
    has: [['ORG', 'Peugeot']],
    notTyped: [['PER', /^Peugeot$/]],
  },
];

function find(entities: ExtractedEntity[], type: EntityType, name: string): ExtractedEntity | undefined {
  return entities.find((e) => e.type === type && e.name.toLowerCase() === name.toLowerCase());
}

describe('names in real-world articles', () => {
  it.each(ROWS.map((row) => [row.kind, row] as const))('%s', (_kind, row) => {
    const parsed = article(row.body, row.lang, row.title ?? '');
    const text = articleText(parsed);
    const { entities } = extract(parsed, { referenceDate: new Date('2021-12-30T12:00:00Z') });
    const shown = entities.map((e) => `${e.type}:${e.name}(${e.mentions})`).join(', ');
    for (const [type, name, least = 1] of row.has ?? []) {
      const entity = find(entities, type, name);
      expect(entity, `${type} ${name} in ${shown}`).toBeDefined();
      expect(entity!.mentions, `${name} mentions in ${shown}`).toBeGreaterThanOrEqual(least);
    }
    for (const pattern of row.lacks ?? []) expect(entities.filter((e) => pattern.test(e.name)).map((e) => e.name)).toEqual([]);
    for (const [type, pattern] of row.notTyped ?? []) {
      expect(entities.filter((e) => e.type === type && pattern.test(e.name)).map((e) => e.name)).toEqual([]);
    }
    for (const [name, count] of row.exactly ?? []) expect(entities.find((e) => e.name === name)?.mentions, name).toBe(count);
    for (const [name, texts] of row.mentionTexts ?? []) {
      const entity = entities.find((e) => e.name === name)!;
      for (const [start, end] of entity.offsets) expect(texts).toContain(text.slice(start, end));
    }
  });
});

describe('names in the German Biden/Putin sample', () => {
  const parsed = sample(GERMAN_CALL);
  const text = articleText(parsed);
  const { entities } = extract(parsed, { referenceDate: new Date('2021-12-30T12:00:00Z') });

  it('has no compound or adjective entities of its own', () => {
    expect(entities.filter((e) => e.type === 'LOC' && /amerikanisch/.test(e.name))).toEqual([]);
    expect(entities.filter((e) => /^US-(Ansatz|Diplomatie|Russland)/.test(e.name))).toEqual([]);
  });

  it('counts the compounds as mentions of the names inside them', () => {
    const usa = find(entities, 'LOC', 'USA')!;
    // Three by name; "US-Präsident", "US-Ansatzes" and "US-Diplomatie" add three ("US-amerikanische" is an adjective).
    expect(usa.mentions).toBe(6);
    for (const [start, end] of usa.offsets) expect(['USA', 'US']).toContain(text.slice(start, end));
    expect(find(entities, 'ORG', 'Nato')!.mentions).toBeGreaterThan(1);
  });

  it('keeps Antony Blinken a person', () => {
    expect(find(entities, 'PER', 'Antony Blinken')).toBeDefined();
  });
});

describe('span bounds on names at the start of a sentence', () => {
  const bounded = (text: string, lang: string, found: Array<[string, EntityType]>): string[] => {
    const input = found.map(([name, type]) => ({ start: text.indexOf(name), end: text.indexOf(name) + name.length, type }));
    return boundSpans(text, lang, input).map((s) => `${s.type}:${text.slice(s.start, s.end)}`);
  };
  it('a speaker before a speech verb is a person, in both languages', () => {
    expect(bounded('Sundar Pichai sagte: „Wir wachsen.“', 'de', [['Sundar Pichai', 'ORG']])).toEqual(['PER:Sundar Pichai']);
    expect(bounded('Der Umsatz stieg. Jensen Huang erklärte, die Nachfrage sei groß.', 'de', [['Jensen Huang', 'ORG']])).toEqual(['PER:Jensen Huang']);
    expect(bounded('Giorgia Meloni said: "We will act."', 'en', [['Giorgia Meloni', 'ORG']])).toEqual(['PER:Giorgia Meloni']);
  });
  it('an organisation before a speech verb stays one', () => {
    // A known adjective or a noun of the lexicon is no name word; English firms "say" in wire copy.
    expect(bounded('Deutsche Bank sagte am Montag, die Zahlen seien gut.', 'de', [['Deutsche Bank', 'ORG']])).toEqual(['ORG:Deutsche Bank']);
    expect(bounded('Frankfurter Sparkasse sagte am Montag, die Zahlen seien gut.', 'de', [['Frankfurter Sparkasse', 'ORG']])).toEqual([
      'ORG:Frankfurter Sparkasse',
    ]);
    expect(bounded('Morgan Stanley said on Tuesday that profits rose.', 'en', [['Morgan Stanley', 'ORG']])).toEqual(['ORG:Morgan Stanley']);
    expect(bounded('Sundar Pichai kündigte an, das Werk zu schließen.', 'de', [['Sundar Pichai', 'ORG']])).toEqual(['ORG:Sundar Pichai']);
  });
  it("a German role compound before a person's name is no part of it; a given name that parses as a compound stays", () => {
    expect(bounded('Gegen Schweden fehlt Besiktas-Legionär Veli Kavlak.', 'de', [['Besiktas-Legionär Veli Kavlak', 'PER']])).toEqual(['PER:Veli Kavlak']);
    expect(bounded('Das sagt Polizeiwissenschafter Rafael Behr.', 'de', [['Polizeiwissenschafter Rafael Behr', 'PER']])).toEqual(['PER:Rafael Behr']);
    expect(bounded('Im Film spielt Nichelle Nichols mit.', 'de', [['Nichelle Nichols', 'PER']])).toEqual(['PER:Nichelle Nichols']);
    expect(bounded('Im Film spielt Mark Ruffalo mit.', 'de', [['Mark Ruffalo', 'PER']])).toEqual(['PER:Mark Ruffalo']);
  });
  it('an English institution at the start of a sentence loses the capitalised article, a newspaper keeps it', () => {
    expect(bounded('The World Health Organization announced on Monday that it would cut jobs.', 'en', [['The World Health Organization', 'ORG']])).toEqual([
      'ORG:World Health Organization',
    ]);
    expect(bounded('Prices rose. The Council on Foreign Relations disagreed.', 'en', [['The Council on Foreign Relations', 'ORG']])).toEqual([
      'ORG:Council on Foreign Relations',
    ]);
    expect(bounded('The New York Times reported it first.', 'en', [['The New York Times', 'ORG']])).toEqual(['ORG:The New York Times']);
    // Inside a sentence a capitalised article is part of the name; German is left alone.
    expect(bounded('Fans of The Rolling Stones came.', 'en', [['The Rolling Stones', 'ORG']])).toEqual(['ORG:The Rolling Stones']);
    expect(bounded('Die Welt berichtete zuerst.', 'de', [['Die Welt', 'ORG']])).toEqual(['ORG:Die Welt']);
  });
});
