/**
 * Paths the user types are meant from the folder they typed them in. `npm run` changes to the
 * package root before running a script and keeps the user's folder in INIT_CWD (so does
 * bin/news-ingest.mjs), so every command resolves its path arguments here.
 */
import { resolve } from 'node:path';

export function userCwd(env: NodeJS.ProcessEnv = process.env): string {
  return env.INIT_CWD || process.cwd();
}

export function userPath(path: string, env: NodeJS.ProcessEnv = process.env): string {
  return resolve(userCwd(env), path);
}

/** An error whose message is the whole story: entry points print it without a stack trace. */
export class UserError extends Error {
  override name = 'UserError';
}

/** How entry points report a failure: the message for a user's mistake, the stack for a bug. */
export function describeFailure(error: unknown): string {
  if (error instanceof UserError) return error.message;
  return error instanceof Error ? (error.stack ?? error.message) : String(error);
}
