import { Template } from 'aws-cdk-lib/assertions';
import { createNewsIngestApp, type NewsIngestApp } from '../../lib/news-ingest-app';

/** The app as bin/app.ts builds it, with extra context, without running esbuild. */
export function buildApp(context: Record<string, unknown> = {}): NewsIngestApp {
  return createNewsIngestApp({
    context: { 'aws:cdk:bundling-stacks': [], ...context },
  });
}

export interface Synthesized extends NewsIngestApp {
  template: Template;
  /** Resources of the synthesized template by logical id. */
  resources: Record<string, { Type: string; Properties?: Record<string, unknown> }>;
}

/** Synthesizes once (including the cdk-nag validation registered on the app). */
export function synthesize(context: Record<string, unknown> = {}): Synthesized {
  const built = buildApp(context);
  const template = Template.fromStack(built.stack);
  const resources = template.toJSON().Resources as Synthesized['resources'];
  return { ...built, template, resources };
}

/** Logical ids of the resources of one type. */
export function logicalIdsOfType(resources: Synthesized['resources'], type: string): string[] {
  return Object.entries(resources)
    .filter(([, resource]) => resource.Type === type)
    .map(([id]) => id);
}

/**
 * A CloudFormation expression as text: `<Id.Arn>` for GetAtt, `<Id>` for Ref, joins
 * concatenated, `<select <Id>>` for a name CDK splits out of an ARN.
 */
export function render(value: unknown): string {
  if (typeof value === 'string') return value;
  const object = value as Record<string, any>;
  if (object.Ref) return `<${object.Ref}>`;
  if (object['Fn::GetAtt']) return `<${object['Fn::GetAtt'].join('.')}>`;
  if (object['Fn::Join']) return (object['Fn::Join'][1] as unknown[]).map(render).join(object['Fn::Join'][0]);
  if (object['Fn::Select']?.[1]?.['Fn::Split']) return `<select ${render(object['Fn::Select'][1]['Fn::Split'][1])}>`;
  return JSON.stringify(value);
}
