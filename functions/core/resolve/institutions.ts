/**
 * Names of institutions every country has ("Außenministerium", "the Foreign Ministry",
 * "Regierung", "Parliament"). Two articles that say "das Außenministerium" may mean Russia's
 * and Germany's, so such a name is one entity per article, never merged across articles. A name
 * that carries its country ("US-Außenministerium", "U.S. State Department", "Bundesregierung",
 * "Kreml") is specific and resolves like any other.
 */
import { foldName } from '../entity-id';

const GERMAN_FIELDS =
  '(?:aussen|innen|finanz|verteidigungs|justiz|wirtschafts|gesundheits|umwelt|verkehrs|arbeits|bildungs|landwirtschafts|agrar|familien|entwicklungs|kultur|handels|energie|sozial|wissenschafts|forschungs|bau|digital|klima)';
const ENGLISH_FIELDS =
  '(?:foreign|interior|home|defen[cs]e|finance|justice|economy|economic|health|environment|transport|labou?r|education|agriculture|trade|energy|culture|science|treasury)';

const GENERIC = [
  // German: "Außenministerium", "Finanzministerium", "Ministerium", "Regierung", "Parlament" ...
  new RegExp(`^${GERMAN_FIELDS}?ministerium$`),
  /^(?:regierung|parlament|zentralbank|notenbank|verfassungsgericht|oberstes gericht|polizei|armee|militar|streitkrafte|geheimdienst|staatsanwaltschaft|generalstaatsanwaltschaft|prasidialamt|aussenamt|innenausschuss|senat|opposition|justiz|botschaft)$/,
  // English: "Foreign Ministry", "Ministry of Defence", "Interior Department", "Government" ...
  new RegExp(`^(?:the )?${ENGLISH_FIELDS} (?:ministry|office|department)$`),
  new RegExp(`^(?:the )?ministry of (?:${ENGLISH_FIELDS}|foreign affairs|home affairs|the interior)$`),
  /^(?:the )?(?:ministry|government|parliament|central bank|supreme court|constitutional court|police|army|military|armed forces|intelligence service|embassy|senate|opposition|prosecutor'?s office|cabinet)$/,
];

/** True when the name is a kind of institution rather than one institution. */
export function isGenericInstitution(name: string): boolean {
  const folded = foldName(name).replace(/[’]/g, "'");
  return GENERIC.some((pattern) => pattern.test(folded));
}
