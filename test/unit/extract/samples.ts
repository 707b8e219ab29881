/** The repository's fixture articles as the parser would hand them over: title, blank line, body. */
import type { ParsedArticle } from '../../../functions/core/types';
import { articleLang, articleString } from '../../fixtures/articles/index';

export function sample(name: string): ParsedArticle {
  const raw = articleString(name).replace(/\r\n/g, '\n');
  const [title, ...rest] = raw.split('\n\n');
  return { format: 'txt', charset: 'utf-8', title: title!.trim(), body: rest.join('\n\n').trim(), lang: articleLang(name) };
}

export function article(body: string, lang: string, title = ''): ParsedArticle {
  return { format: 'txt', charset: 'utf-8', title, body, lang };
}
