import { describe, expect, it } from 'vitest';
import { extract } from '../../../functions/core/extract/index';
import { article } from './samples';

/**
 * Quotes as news copy writes them, through the full extraction (real tagger), so speakers come
 * from real person recognition. Each row: the text and the quotes expected as `speaker: text`
 * (`-` for no speaker).
 */
const REF = { referenceDate: new Date('2024-03-04T12:00:00Z') };
const quotes = (body: string, lang: string) => extract(article(body, lang), REF).quotes.map((q) => `${q.speaker ?? '-'}: ${q.text}`);

type Row = [name: string, body: string, expected: string[]];

const table = (lang: string, rows: Row[]) => {
  for (const [name, body, expected] of rows) it(name, () => expect(quotes(body, lang)).toEqual(expected));
};

describe('German quotes', () => {
  describe('a quote over paragraphs, each reopened, is one quote', () => {
    table('de', [
      [
        '„… / „…“, sagte X',
        'Die Ministerin Anna Schulte äußerte sich ausführlich.\n\n„Wir haben in den vergangenen Monaten viel erreicht.\n\n' +
          '„Aber die Arbeit ist noch lange nicht getan. Wir werden weitermachen“, sagte Schulte.',
        ['Anna Schulte: Wir haben in den vergangenen Monaten viel erreicht.\n\nAber die Arbeit ist noch lange nicht getan. Wir werden weitermachen'],
      ],
      [
        'X sagte: then „… / „…“',
        'Bürgermeister Thomas Berger sagte:\n\n„Die Stadt steht in dieser schweren Zeit zusammen.\n\n„Niemand wird allein gelassen.“',
        ['Thomas Berger: Die Stadt steht in dieser schweren Zeit zusammen.\n\nNiemand wird allein gelassen.'],
      ],
      [
        'speaker in the paragraph before, no attribution after',
        'Die Ministerin Anna Schulte äußerte sich am Montag ausführlich.\n\n„Wir haben viel erreicht.\n\n' +
          '„Aber die Arbeit ist nicht getan.“\n\nDie Opposition reagierte kühl.',
        ['Anna Schulte: Wir haben viel erreicht.\n\nAber die Arbeit ist nicht getan.'],
      ],
      [
        '»… / »…«',
        '»Der Winter wird für viele Familien hart.\n\n»Wir sind aber gut vorbereitet«, sagte Stadtwerke-Chef Jürgen Hahn.',
        ['Jürgen Hahn: Der Winter wird für viele Familien hart.\n\nWir sind aber gut vorbereitet'],
      ],
    ]);
  });

  describe('quotation styles, nesting and interrupted quotes', () => {
    table('de', [
      [
        'nested ‚…‘ does not end „…“',
        '„Sie sagte mir: ‚Das schaffen wir nicht.‘ Ich habe ihr widersprochen“, erklärte Helga Brandt.',
        ['Helga Brandt: Sie sagte mir: ‚Das schaffen wir nicht.‘ Ich habe ihr widersprochen'],
      ],
      [
        'nested ›…‹ in »…«',
        '»Er nannte das Vorgehen ›völlig unverantwortlich‹ und verließ den Saal«, sagte Klaus Weber.',
        ['Klaus Weber: Er nannte das Vorgehen ›völlig unverantwortlich‹ und verließ den Saal'],
      ],
      [
        'Swiss «…» with ‹…›',
        '«Das ist ein ‹historischer› Moment für unser Land», sagte Karin Keller-Sutter in Bern.',
        ['Karin Keller-Sutter: Das ist ein ‹historischer› Moment für unser Land'],
      ],
      ['„…“, sagte X, „…“', '„Wir bleiben“, sagte Claudia Roth, „bis zum Ende.“', ['Claudia Roth: Wir bleiben bis zum Ende.']],
      [
        '„…“, sagte X. „…“ and the next speaker introduced with a colon',
        'Der Trainer war nach dem Spiel bedient. „Das war einfach zu wenig“, sagte Thomas Tuchel. „Wir müssen uns steigern.“ ' +
          'Kapitän Joshua Kimmich ergänzte: „Die Mannschaft weiß, was zu tun ist.“',
        ['Thomas Tuchel: Das war einfach zu wenig. Wir müssen uns steigern.', 'Joshua Kimmich: Die Mannschaft weiß, was zu tun ist.'],
      ],
      [
        '»…«, sagte sie, »…« after a named woman',
        'Die Abgeordnete Julia Klöckner trat am Abend vor die Presse. »Wir bleiben«, sagte sie, »bis zum bitteren Ende.«',
        ['Julia Klöckner: Wir bleiben bis zum bitteren Ende.'],
      ],
    ]);
  });

  describe('speaker before a colon, in the next or the previous sentence', () => {
    table('de', [
      [
        'Die Ministerin kündigte an:',
        'Bundesinnenministerin Nancy Faeser kündigte an: „Wir werden die Kontrollen an den Grenzen verschärfen.“',
        ['Nancy Faeser: Wir werden die Kontrollen an den Grenzen verschärfen.'],
      ],
      [
        'X sagte am Montag:',
        'Der Landrat Stefan Müller sagte am Montag: „Die Straße bleibt bis Freitag gesperrt.“',
        ['Stefan Müller: Die Straße bleibt bis Freitag gesperrt.'],
      ],
      [
        '„…“ Das sagte X am Montag.',
        '„Das Ergebnis ist eine Katastrophe für die Partei.“ Das sagte Friedrich Merz am Montag in Berlin.',
        ['Friedrich Merz: Das Ergebnis ist eine Katastrophe für die Partei.'],
      ],
      [
        '„…“ So äußerte sich X.',
        '„Ich bin sehr zufrieden mit dem Ergebnis.“ So äußerte sich Markus Söder nach der Wahl.',
        ['Markus Söder: Ich bin sehr zufrieden mit dem Ergebnis.'],
      ],
      [
        'X äußerte sich deutlich. „…“',
        'Markus Söder äußerte sich am Abend deutlich. „Diese Koalition ist am Ende.“',
        ['Markus Söder: Diese Koalition ist am Ende.'],
      ],
      [
        'the sentence before names the speaker past its scare quote',
        'Die Regierung sei „am Ende“, sagte Markus Söder am Montag in München. „Deutschland braucht Neuwahlen, und zwar sofort.“',
        ['Markus Söder: Deutschland braucht Neuwahlen, und zwar sofort.'],
      ],
      [
        'a following sentence with its own statement does not attribute',
        '„Die Lage ist ernst.“ Olaf Scholz sagte am Montag, dass die Regierung handeln werde.',
        ['-: Die Lage ist ernst.'],
      ],
    ]);
  });

  describe('the speaker, not the name in a genitive or apposition', () => {
    table('de', [
      ["Scholz' Sprecher X", "Scholz' Sprecher Tobias Krause sagte am Montag: „Wir prüfen das sehr genau.“", ['Tobias Krause: Wir prüfen das sehr genau.']],
      [
        'die Sprecherin des Ministers, X, sagte',
        '„Wir prüfen das sehr genau“, sagte die Sprecherin des Ministers, Anna Wolf, am Montag.',
        ['Anna Wolf: Wir prüfen das sehr genau'],
      ],
      [
        'Merkels Vertrauter X',
        'Merkels Vertrauter Peter Altmaier erklärte: „Das ist ein guter Tag für Europa.“',
        ['Peter Altmaier: Das ist ein guter Tag für Europa.'],
      ],
      ['X, Sprecherin von Y, sagte', 'Anna Wolf, Sprecherin von Boris Pistorius, sagte: „Wir prüfen den Vorgang.“', ['Anna Wolf: Wir prüfen den Vorgang.']],
      [
        'the subject of an earlier coordinated verb, past a scare quote',
        'Angela Merkel sprach von „Deeskalation“ und sagte, man werde „alles tun, um den Frieden zu sichern“.',
        ['Angela Merkel: alles tun, um den Frieden zu sichern'],
      ],
      ['sagte, X habe „…“: X is reported on, not quoted', 'Der Minister sagte, Thomas Müller habe „völlig falsch gehandelt und gelogen“.', []],
      ['X über Y: Y is spoken about', 'Friedrich Merz über Olaf Scholz: „Er hat keinen Plan.“', ['Friedrich Merz: Er hat keinen Plan.']],
      ['ein Sprecher von X: unnamed', '„Das ist nicht akzeptabel“, sagte ein Sprecher von Olaf Scholz.', ['-: Das ist nicht akzeptabel']],
      [
        'a party in brackets, a partial quote',
        'Gesundheitsminister Karl Lauterbach (SPD) sagte der Nachrichtenagentur dpa, man werde „alles tun, um die Kliniken zu retten“.',
        ['Karl Lauterbach: alles tun, um die Kliniken zu retten'],
      ],
      [
        'a newspaper after the verb is not part of the quote',
        '„Wir haben keine Angst“, sagte der SPD-Vorsitzende Lars Klingbeil der „Süddeutschen Zeitung“.',
        ['Lars Klingbeil: Wir haben keine Angst'],
      ],
    ]);
  });

  describe('pronouns', () => {
    table('de', [
      [
        'sagte sie → the woman named before',
        'Außenministerin Annalena Baerbock reiste am Montag nach Kiew. „Die Ukraine kann sich auf uns verlassen“, sagte sie.',
        ['Annalena Baerbock: Die Ukraine kann sich auf uns verlassen'],
      ],
      [
        'sagte er with a man and a woman before',
        'Olaf Scholz traf Annalena Baerbock in Berlin. „Wir stehen eng beieinander“, sagte er.',
        ['Olaf Scholz: Wir stehen eng beieinander'],
      ],
      [
        'sagte er with two men before: ambiguous',
        'Olaf Scholz traf Emmanuel Macron in Paris. „Wir stehen eng beieinander“, sagte er.',
        ['-: Wir stehen eng beieinander'],
      ],
      [
        'sagt der 58-Jährige: the man of the sentence before',
        'Ihr Kollege Jens Brandt sieht das anders. »Wir haben schon schlimmere Krisen erlebt«, sagt der 58-Jährige. »Die Branche wird sich erholen.«',
        ['Jens Brandt: Wir haben schon schlimmere Krisen erlebt. Die Branche wird sich erholen.'],
      ],
      [
        'so er, after a quoted speaker',
        '„Die Wirtschaft wächst wieder“, sagte Christian Lindner. „Aber die Risiken bleiben groß“, so er weiter.',
        ['Christian Lindner: Die Wirtschaft wächst wieder', 'Christian Lindner: Aber die Risiken bleiben groß'],
      ],
      ['sagte sie with nobody named', '„Wir geben nicht auf“, sagte sie.', ['-: Wir geben nicht auf']],
      ['sagten sie is plural', 'Anna Schmidt und Peter Müller kamen zusammen. „Wir sind bereit“, sagten sie.', ['-: Wir sind bereit']],
      [
        'sagte sie after a male speaker: the woman of the sentence before',
        '„Ich bin enttäuscht“, sagte Bundesfinanzminister Christian Lindner. Fraktionschefin Katharina Dröge sprach von einem „durchsichtigen Manöver“. ' +
          '„Wer so agiert, will keine Lösung“, sagte sie dem „Spiegel“.',
        ['Christian Lindner: Ich bin enttäuscht', 'Katharina Dröge: Wer so agiert, will keine Lösung'],
      ],
    ]);
  });

  describe('attribution verbs', () => {
    table('de', [
      ['betonte', '„Wir müssen jetzt handeln“, betonte Robert Habeck.', ['Robert Habeck: Wir müssen jetzt handeln']],
      ['fügte hinzu', '„Das Geld ist da“, fügte Christian Lindner hinzu.', ['Christian Lindner: Das Geld ist da']],
      ['räumte ein', '„Wir haben Fehler gemacht“, räumte Karl Lauterbach ein.', ['Karl Lauterbach: Wir haben Fehler gemacht']],
      ['warnte', '„Die Lage ist ernst“, warnte Boris Pistorius am Dienstag.', ['Boris Pistorius: Die Lage ist ernst']],
      ['kritisierte', '„Das ist ein schwarzer Tag“, kritisierte Sahra Wagenknecht.', ['Sahra Wagenknecht: Das ist ein schwarzer Tag']],
      ['teilte mit', '„Wir werden die Steuern nicht erhöhen“, teilte Christian Lindner mit.', ['Christian Lindner: Wir werden die Steuern nicht erhöhen']],
      ['schrieb auf X', '„Das ist ein großer Tag für uns alle“, schrieb Elon Musk auf X.', ['Elon Musk: Das ist ein großer Tag für uns alle']],
      ['so X', '„Das ist erst der Anfang“, so Ministerin Nancy Faeser.', ['Nancy Faeser: Das ist erst der Anfang']],
      ['ergänzte', '„Die Tür bleibt offen“, ergänzte Lars Klingbeil.', ['Lars Klingbeil: Die Tür bleibt offen']],
    ]);
  });

  describe('not statements', () => {
    table('de', [
      ['scare quotes', 'Er sprach von „Deeskalation“ und von „ernsten Folgen“ in der Krise.', []],
      ['a title of a work, a verb near', 'Kafkas Roman „Der Prozess“ erschien 1925, sagte die Literaturwissenschaftlerin Ruth Klüger.', []],
      ['a slogan inside a sentence', 'Demonstranten riefen „Wir sind das Volk“ vor dem Rathaus, berichtete die Polizei.', []],
      ['a scare quote after laut X', 'Laut Karl Lauterbach ist die Lage „sehr ernst“ geworden.', []],
      ['a TV title', 'Der neue „Tatort“ aus Münster lief am Sonntag.', []],
      ['a compound title noun, a verb near', 'Ihr Bestsellerroman „Die Mittagsfrau und ihr Sohn“ erschien 2007, sagte Julia Franck.', []],
    ]);
  });
});

describe('English quotes', () => {
  describe('a quote over paragraphs, each reopened, is one quote', () => {
    table('en', [
      [
        '“… / “…,” said X',
        '“The first part of my answer is here.\n\n“And the second part ends now,” said Senator Mary Collins.',
        ['Mary Collins: The first part of my answer is here.\n\nAnd the second part ends now,'],
      ],
      [
        '"… / "…," X said',
        '"We have learned a lot this year.\n\n"But there is more to do," Governor Janet Mills said.',
        ['Janet Mills: We have learned a lot this year.\n\nBut there is more to do,'],
      ],
      [
        'X said: then “… / “…”',
        'Mayor Eric Adams said:\n\n“This city has been through worse.\n\n“We will get through this together.”',
        ['Eric Adams: This city has been through worse.\n\nWe will get through this together.'],
      ],
    ]);
  });

  describe('nesting and interrupted quotes', () => {
    table('en', [
      [
        'nested ‘…’ in “…”',
        '“He told me, ‘We are not done yet,’ and then he left the room,” said Maria Lopez.',
        ['Maria Lopez: He told me, ‘We are not done yet,’ and then he left the room,'],
      ],
      [
        'nested “…” in “…”',
        '“He called it “a total disaster” and walked out,” said Peter Hall.',
        ['Peter Hall: He called it “a total disaster” and walked out,'],
      ],
      ["'…,' X said, '…'", "'We will stay,' Sarah Palmer said, 'until the end.'", ['Sarah Palmer: We will stay until the end.']],
      ['“…,” X said. “…”', '“We will stay,” Sarah Palmer said. “Until the end.”', ['Sarah Palmer: We will stay. Until the end.']],
      [
        'a long title with initials between the parts',
        '"This is a dangerous moment for the region," U.N. Secretary-General Antonio Guterres said on Friday. "All parties must exercise restraint."',
        ['Antonio Guterres: This is a dangerous moment for the region. All parties must exercise restraint.'],
      ],
    ]);
  });

  describe('speaker before a colon, in the next or the previous sentence', () => {
    table('en', [
      ['X added:', 'Treasury Secretary Janet Yellen added: "We will review every single case."', ['Janet Yellen: We will review every single case.']],
      [
        '"…" That was how X put it.',
        '"I am very happy with the result." That was how Keir Starmer put it after the vote.',
        ['Keir Starmer: I am very happy with the result.'],
      ],
    ]);
  });

  describe('the speaker, not the name in a genitive or apposition', () => {
    table('en', [
      [
        "the minister's spokesman, X, said",
        '"We are looking into it very closely," the minister\'s spokesman, Tom Price, said.',
        ['Tom Price: We are looking into it very closely,'],
      ],
      [
        "Biden's press secretary X said",
        'Biden\'s press secretary Jen Psaki said: "We are looking into it very closely."',
        ['Jen Psaki: We are looking into it very closely.'],
      ],
      [
        "said X, Y's press secretary",
        '"We are reviewing the request," said Jen Psaki, Biden\'s press secretary.',
        ['Jen Psaki: We are reviewing the request,'],
      ],
      [
        'X, an apposition, told … that … "…"',
        'Smith, the company\'s chief executive, told analysts on a call that the results were "a clear sign that our strategy is working."',
        ['Smith: a clear sign that our strategy is working.'],
      ],
      [
        'an earlier full quote ends the attribution window',
        'Kamala Harris told the crowd: "We are not going back." "We are not going back," the crowd chanted.',
        ['Kamala Harris: We are not going back.', '-: We are not going back,'],
      ],
      ['a spokesman for X: unnamed', '"This is not acceptable," said a spokesman for Joe Biden.', ['-: This is not acceptable,']],
    ]);
  });

  describe('pronouns', () => {
    table('en', [
      [
        'she said → the woman named before',
        'Senator Susan Collins met reporters on Tuesday. "We need more time," she said.',
        ['Susan Collins: We need more time,'],
      ],
      [
        'he added, after a quoted speaker',
        '"Inflation is coming down," Jerome Powell said. "But the job is not done," he added.',
        ['Jerome Powell: Inflation is coming down,', 'Jerome Powell: But the job is not done,'],
      ],
      [
        'she said: the one person named just before, gender unknown',
        '"We inherited a mess," Keir Starmer said. Opposition leader Kemi Badenoch accused him of breaking promises. "He has broken his word," she said.',
        ['Keir Starmer: We inherited a mess,', 'Kemi Badenoch: He has broken his word,'],
      ],
      [
        'the 41-year-old said: the one person of the sentence before',
        'Luis Ortega lives next door. "The first one shook the whole building," the 41-year-old said.',
        ['Luis Ortega: The first one shook the whole building,'],
      ],
      ['he said with nobody named', '"We need more time," he said.', ['-: We need more time,']],
      ['she said: a name after the verb is not the speaker', '‘It’s over,’ she said, after Mary Jones had left.', ['-: It’s over,']],
    ]);
  });

  describe('attribution after the quote', () => {
    table('en', [
      ['told reporters', '"We are not going to comment on that," Dmitry Peskov told reporters.', ['Dmitry Peskov: We are not going to comment on that,']],
      ['said the minister, X', '"The decision is final," said the minister, Ana Silva.', ['Ana Silva: The decision is final,']],
      ['according to X', '"The negotiations have failed," according to Ana Silva.', ['Ana Silva: The negotiations have failed,']],
      ['wrote on X', '"This is a historic day for our country," Ana Silva wrote on X.', ['Ana Silva: This is a historic day for our country,']],
      ['said in a statement', '"We will appeal the ruling," Ana Silva said in a statement.', ['Ana Silva: We will appeal the ruling,']],
      ['the minister said: unnamed', '"We will appeal the ruling," the minister said.', ['-: We will appeal the ruling,']],
      ['warned', '"Prices will keep rising this year," Jerome Powell warned.', ['Jerome Powell: Prices will keep rising this year,']],
      ['conceded', '"We made mistakes in the past," Mark Zuckerberg conceded.', ['Mark Zuckerberg: We made mistakes in the past,']],
      ['pointed out', '"Nobody voted for this plan," Nancy Pelosi pointed out.', ['Nancy Pelosi: Nobody voted for this plan,']],
      ['insisted', '"The border is secure," Alejandro Mayorkas insisted on Monday.', ['Alejandro Mayorkas: The border is secure,']],
      ['a party and state tag before said:', 'Sen. Bernie Sanders, I-Vt., said: "This is a disgrace."', ['Bernie Sanders: This is a disgrace.']],
      [
        "British '…' around said X",
        "'We will fight on the beaches,' said Boris Johnson. 'We shall never surrender.'",
        ['Boris Johnson: We will fight on the beaches. We shall never surrender.'],
      ],
      [
        'X said, adding: "…"',
        '"I am confident the country will see the benefits," Rachel Reeves said, adding: "This is a budget for growth."',
        ['Rachel Reeves: I am confident the country will see the benefits,', 'Rachel Reeves: This is a budget for growth.'],
      ],
      ['countered', '"That is simply not true," Ron DeSantis countered.', ['Ron DeSantis: That is simply not true,']],
    ]);
  });

  describe('not statements', () => {
    table('en', [
      ['a title of a work, a verb near', 'The novel "The Trial" was published in 1925, critic James Wood said.', []],
      ['a slogan inside a sentence', 'Protesters chanted "No justice, no peace" outside the court, police said.', []],
      ['a scare quote', 'The minister called the plan "dead on arrival" and left the room.', []],
      ['a title with a comma inside, a verb near', 'In her memoir "The Light We Carry," Michelle Obama wrote about fear.', []],
      ['a memoir title', 'Her memoir "Becoming" sold ten million copies, Michelle Obama said.', []],
      ['apostrophes are not quotes', "The players' union said the club's offer was 'unacceptable' for now.", []],
    ]);
  });
});
