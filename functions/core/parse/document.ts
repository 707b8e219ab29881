import type { BoilerplateStats } from './consent';

/** What the HTML and JSON readers hand back before parseArticle assembles the article. */
export interface SourceDocument {
  title: string;
  paragraphs: string[];
  author?: string;
  /** ISO 8601. */
  published?: string;
  url?: string;
  lang?: string;
  /** Consent and paywall text removed on the way, so an empty result can say why it is empty. */
  boilerplate?: BoilerplateStats;
}
