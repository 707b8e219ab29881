/**
 * `npx news-ingest <command> ...` (bin/news-ingest.mjs) or `npm run news -- <command> ...`: the
 * project's command-line tool. Each command lives in scripts/cli/<command>.ts and exports
 * `run(argv): Promise<number>` (the exit code), so a command's code is loaded only when it is used (tag must start fast and print nothing else).
 */
const COMMANDS: Record<string, { summary: string; load: () => Promise<{ run(argv: string[]): Promise<number> }> }> = {
  put: { summary: 'put <files or folders...>   upload articles to the bucket (recursive, with progress)', load: () => import('./cli/put') },
  reindex: {
    summary: 'reindex [--stack NAME]      reprocess every object of the bucket (or a prefix), locally or deployed',
    load: () => import('./cli/reindex'),
  },
  migrate: {
    summary: "migrate --stack NAME        after an upgrade, bring a deployed table's items up to this version",
    load: () => import('./cli/migrate'),
  },
  export: { summary: 'export --format csv|ndjson  every article (or those of --entity) as one file', load: () => import('./cli/export') },
  status: { summary: 'status <key>                show the processing status of one object', load: () => import('./cli/status') },
  tag: { summary: 'tag --lang de|en            tag one token per line from stdin (BIO2) to stdout', load: () => import('./cli/tag') },
  eval: { summary: 'eval <file.bio> --lang de|en  precision, recall and F1 per type (conlleval)', load: () => import('./cli/eval') },
  probe: {
    summary: 'probe [--lang de|en]        real names of current news in sentence templates: found with the right type',
    load: () => import('./cli/probe'),
  },
};

function usage(): string {
  return [
    'usage: npx news-ingest <command> [options]   (or: npm run news -- <command> [options])',
    '',
    ...Object.values(COMMANDS).map((c) => `  ${c.summary}`),
    '',
    'Every command takes --help. Paths are relative to the folder the command is run from.',
    'Retraining the NER models: npm run train -- --help',
  ].join('\n');
}

async function main(): Promise<number> {
  const [name, ...argv] = process.argv.slice(2);
  if (name === '--help' || name === '-h' || name === 'help') {
    process.stdout.write(`${usage()}\n`);
    return 0;
  }
  if (!name) {
    process.stderr.write(`${usage()}\n`);
    return 2;
  }
  const command = COMMANDS[name];
  if (!command) {
    process.stderr.write(`unknown command: ${name}\n\n${usage()}\n`);
    return 2;
  }
  const module = await command.load();
  return module.run(argv);
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  },
);
