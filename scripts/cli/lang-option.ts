/** The --lang de|en option shared by the tag and eval commands. */
import { isModelLang, type ModelLang } from '../../functions/core/ner/load';

export function takeLang(argv: string[]): { lang: ModelLang; rest: string[] } {
  const rest: string[] = [];
  let lang: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--lang') lang = argv[++i];
    else if (argv[i].startsWith('--lang=')) lang = argv[i].slice('--lang='.length);
    else rest.push(argv[i]);
  }
  if (!lang || !isModelLang(lang)) throw new Error('--lang de|en is required');
  return { lang, rest };
}
