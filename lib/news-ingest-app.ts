import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { App, Validations, type AppProps } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { readStackConfig } from './config';
import { REPO_ROOT } from './constructs/handler-function';
import { NewsIngestStack } from './news-ingest-stack';

export const STACK_NAME = 'NewsIngest';

/**
 * The context in cdk.json (the feature flags this stack is written against). The CLI passes
 * it to the app anyway; reading it here as well means an app built in a test, or by tsx
 * without the CLI, gets the same flags instead of the legacy defaults (under which, for
 * example, the access-log bucket would need ACLs).
 */
function cdkJsonContext(): Record<string, unknown> {
  const cdkJson = JSON.parse(readFileSync(join(REPO_ROOT, 'cdk.json'), 'utf8')) as { context?: Record<string, unknown> };
  return cdkJson.context ?? {};
}

export interface NewsIngestApp {
  app: App;
  stack: NewsIngestStack;
}

/**
 * The CDK app with the AWS Solutions checks registered, shared by bin/app.ts and the tests
 * so both synthesize exactly the same thing. Context (CLI `-c`, cdk.json, or `props.context`
 * in tests) selects bucket name, auth and CORS; see lib/config.ts.
 */
export function createNewsIngestApp(props: AppProps = {}): NewsIngestApp {
  // CLI context (CDK_CONTEXT_JSON) still overrides these: App applies it after props.context.
  const app = new App({ ...props, context: { ...cdkJsonContext(), ...props.context } });
  const stack = new NewsIngestStack(app, STACK_NAME, {
    description: 'news-ingest: S3 -> SQS -> Lambda entity extraction -> DynamoDB, HTTP query API',
    config: readStackConfig(app.node),
    env: { account: process.env.CDK_DEFAULT_ACCOUNT, region: process.env.CDK_DEFAULT_REGION },
  });
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
  return { app, stack };
}
