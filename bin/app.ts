import { createNewsIngestApp } from '../lib/news-ingest-app';

// `cdk synth` / `cdk deploy` run this (see cdk.json); the CLI passes context and output dir.
const { app } = createNewsIngestApp();
app.synth();
