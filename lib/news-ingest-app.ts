import { App, Validations, type AppProps } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { readStackConfig } from './config';
import { NewsIngestStack } from './news-ingest-stack';

export const STACK_NAME = 'NewsIngest';

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
  const app = new App(props);
  const stack = new NewsIngestStack(app, STACK_NAME, {
    description: 'news-ingest: S3 -> SQS -> Lambda entity extraction -> DynamoDB, HTTP query API',
    config: readStackConfig(app.node),
    env: { account: process.env.CDK_DEFAULT_ACCOUNT, region: process.env.CDK_DEFAULT_REGION },
  });
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
  return { app, stack };
}
