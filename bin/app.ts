import { ConfigError } from '../lib/config';
import { createNewsIngestApp } from '../lib/news-ingest-app';

// `cdk synth` / `cdk deploy` run this (see cdk.json); the CLI passes context and output dir.
try {
  const { app } = createNewsIngestApp();
  app.synth();
} catch (error) {
  // A wrong -c option is the user's to fix: say which, without a stack trace.
  if (!(error instanceof ConfigError)) throw error;
  console.error(error.message);
  process.exitCode = 1;
}
