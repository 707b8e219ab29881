/**
 * Finds and loads the shipped models once per process (a Lambda cold start pays it once).
 * ENV.nerModelDir wins (the Lambda bundle sets it); otherwise the repository's models/ folder.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ENV } from '../../shared/resources';
import { decodeModel } from './model-file';
import { Tagger } from './tagger';

export const MODEL_LANGS = ['de', 'en'] as const;
export type ModelLang = (typeof MODEL_LANGS)[number];

export function isModelLang(lang: string): lang is ModelLang {
  return (MODEL_LANGS as readonly string[]).includes(lang);
}

export function modelDir(): string {
  return process.env[ENV.nerModelDir] || fileURLToPath(new URL('../../../models/', import.meta.url));
}

export function modelPath(lang: ModelLang, dir = modelDir()): string {
  return path.join(dir, `ner-${lang}.bin`);
}

export function loadTagger(file: string): Tagger {
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch (error) {
    throw new Error(`NER model not found at ${file} (set ${ENV.nerModelDir} or run npm run train): ${(error as Error).message}`);
  }
  return new Tagger(decodeModel(bytes));
}

const cache = new Map<string, Tagger>();

/** The tagger of a language, loaded on first use and kept for the life of the process. */
export function taggerFor(lang: ModelLang): Tagger {
  const file = modelPath(lang);
  let tagger = cache.get(file);
  if (!tagger) {
    tagger = loadTagger(file);
    cache.set(file, tagger);
  }
  return tagger;
}
