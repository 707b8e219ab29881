import type { CfnElement } from 'aws-cdk-lib';
import { describe, expect, it } from 'vitest';
import { TABLE } from '../../functions/shared/resources';
import { INGEST_TABLE_ACTIONS, QUERY_TABLE_ACTIONS } from '../../lib/policies/table-access';
import { logicalIdsOfType, render, synthesize, type Synthesized } from './synth';

/**
 * Reads every policy statement in the synthesized template and checks it against what each
 * principal is meant to do. Nothing here may allow `*` or `service:*`, and no resource is `*`:
 * the stack uses no service that needs one (no X-Ray tracing, no VPC networking).
 */
const synthesized = synthesize();
const { stack, resources } = synthesized;
const logicalId = (construct: { node: { defaultChild?: unknown } }) => stack.getLogicalId(construct.node.defaultChild as CfnElement);

type Json = unknown;
interface Statement {
  Effect: 'Allow' | 'Deny';
  Action: string | string[];
  Resource?: Json;
  Principal?: Json;
  Condition?: Json;
}
interface Located {
  source: string;
  statement: Statement;
}

const asList = <T>(value: T | T[] | undefined): T[] => (value === undefined ? [] : Array.isArray(value) ? value : [value]);

function statementsOf(document: Json, source: string): Located[] {
  return asList((document as { Statement?: Statement | Statement[] }).Statement).map((statement) => ({ source, statement }));
}

/** Identity policies: AWS::IAM::Policy documents and inline policies on roles. */
function identityStatements(all: Synthesized['resources']): Located[] {
  const located: Located[] = [];
  for (const [id, resource] of Object.entries(all)) {
    const props = (resource.Properties ?? {}) as Record<string, any>;
    if (resource.Type === 'AWS::IAM::Policy' || resource.Type === 'AWS::IAM::ManagedPolicy') {
      located.push(...statementsOf(props.PolicyDocument, id));
    }
    if (resource.Type === 'AWS::IAM::Role') {
      for (const policy of asList(props.Policies as { PolicyDocument: Json }[])) located.push(...statementsOf(policy.PolicyDocument, id));
    }
  }
  return located;
}

/** Resource policies: bucket and queue policies. */
function resourceStatements(all: Synthesized['resources']): Located[] {
  return Object.entries(all)
    .filter(([, r]) => r.Type === 'AWS::S3::BucketPolicy' || r.Type === 'AWS::SQS::QueuePolicy')
    .flatMap(([id, r]) => statementsOf((r.Properties as Record<string, any>).PolicyDocument, id));
}

/** Logical ids a resource expression points at (Ref / Fn::GetAtt anywhere inside it). */
function referencedIds(value: Json): string[] {
  if (Array.isArray(value)) return value.flatMap(referencedIds);
  if (value && typeof value === 'object') {
    const object = value as Record<string, Json>;
    if (typeof object.Ref === 'string') return object.Ref.startsWith('AWS::') ? [] : [object.Ref];
    if (Array.isArray(object['Fn::GetAtt'])) return [object['Fn::GetAtt'][0] as string];
    return Object.values(object).flatMap(referencedIds);
  }
  return [];
}

function roleOfPolicy(policyId: string): string[] {
  const props = resources[policyId]!.Properties as Record<string, any>;
  return asList(props.Roles as Json[]).flatMap(referencedIds);
}

/** Actions and rendered resources each role is allowed, merged over all its statements. */
function grantsOfRole(roleId: string): { actions: Set<string>; resources: Set<string> } {
  const actions = new Set<string>();
  const rendered = new Set<string>();
  for (const { source, statement } of identityStatements(resources)) {
    const owner = resources[source]!.Type === 'AWS::IAM::Role' ? [source] : roleOfPolicy(source);
    if (!owner.includes(roleId)) continue;
    for (const action of asList(statement.Action)) actions.add(action);
    for (const resource of asList(statement.Resource)) rendered.add(render(resource));
  }
  return { actions, resources: rendered };
}

const identity = identityStatements(resources);
const bucketId = logicalId(stack.articles.bucket);
const tableId = stack.getLogicalId(stack.table.table.node.defaultChild as CfnElement);
const queueId = logicalId(stack.queue.queue);
const ingestRoleId = logicalId(stack.ingest.handler.role);
const queryRoleId = logicalId(stack.query.handler.role);
const ingestLogsId = logicalId(stack.ingest.handler.logGroup);
const queryLogsId = logicalId(stack.query.handler.logGroup);
const indexArns = Object.values(TABLE.indexes).map((index) => `<${tableId}.Arn>/index/${index.name}`);

describe('identity policies', () => {
  it('were found (the checks below are not vacuous)', () => {
    expect(identity.length).toBeGreaterThanOrEqual(8);
  });

  it('only allow, never with a wildcard action', () => {
    for (const { source, statement } of identity) {
      expect(statement.Effect, source).toBe('Allow');
      for (const action of asList(statement.Action)) {
        expect(action, source).toMatch(/^[a-z0-9-]+:[A-Za-z]+$/);
      }
    }
  });

  it('never use Resource "*" and always name a resource of this stack', () => {
    for (const { source, statement } of identity) {
      const targets = asList(statement.Resource);
      expect(targets.length, source).toBeGreaterThan(0);
      for (const target of targets) {
        expect(target, source).not.toBe('*');
        const ids = referencedIds(target);
        expect(ids.length, `${source}: ${render(target)}`).toBeGreaterThan(0);
        for (const id of ids) expect(resources[id], `${source} -> ${id}`).toBeDefined();
      }
    }
  });

  it('attach no managed policy except to the CDK bucket-notifications handler', () => {
    for (const roleId of logicalIdsOfType(resources, 'AWS::IAM::Role')) {
      const managed = asList((resources[roleId]!.Properties as Record<string, any>).ManagedPolicyArns);
      if (roleId.startsWith('BucketNotificationsHandler')) continue;
      expect(managed, roleId).toEqual([]);
    }
  });
});

describe('ingest role', () => {
  const grants = grantsOfRole(ingestRoleId);

  it('reads objects of this bucket only, and lists it', () => {
    expect([...grants.actions].filter((a) => a.startsWith('s3:')).sort()).toEqual(['s3:GetObject', 's3:GetObjectVersion', 's3:ListBucket']);
    expect(grants.resources).toContain(`<${bucketId}.Arn>/*`);
    expect(grants.resources).toContain(`<${bucketId}.Arn>`);
  });

  it('reads and writes the table and queries its named indexes, without Scan', () => {
    const dynamo = [...grants.actions].filter((a) => a.startsWith('dynamodb:'));
    expect(dynamo.sort()).toEqual([...INGEST_TABLE_ACTIONS].sort());
    expect(dynamo).toEqual(expect.arrayContaining(['dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:ConditionCheckItem']));
    expect(dynamo).not.toContain('dynamodb:Scan');
    // Search words of new names are written in batches (storage/entity-store.ts).
    expect(dynamo).toContain('dynamodb:BatchWriteItem');
    expect(grants.resources).toContain(`<${tableId}.Arn>`);
    for (const index of indexArns) expect(grants.resources).toContain(index);
  });

  it('touches nothing but the bucket, the table, the ingest queue and its own log group', () => {
    const allowed = new Set([bucketId, tableId, queueId, ingestLogsId]);
    for (const resource of grants.resources) {
      expect(resource, resource).toMatch(/^<[A-Za-z0-9]+\.Arn>(\/\*|\/index\/[A-Za-z]+)?$/);
      expect(allowed.has(resource.slice(1, resource.indexOf('.')))).toBe(true);
    }
  });
});

describe('query role', () => {
  const grants = grantsOfRole(queryRoleId);

  it('may only read the table and its indexes (plus write its own logs)', () => {
    expect([...grants.actions].sort()).toEqual([...QUERY_TABLE_ACTIONS, 'logs:CreateLogStream', 'logs:PutLogEvents'].sort());
    expect([...grants.resources].sort()).toEqual([`<${tableId}.Arn>`, `<${queryLogsId}.Arn>`, ...indexArns].sort());
  });

  it('has no write or scan action of any kind', () => {
    for (const action of grants.actions) {
      if (action.startsWith('logs:')) continue;
      expect(action).toMatch(/^dynamodb:(GetItem|BatchGetItem|Query)$/);
    }
  });

  it('needs no Secrets Manager permission: the cursor secret arrives as a dynamic reference', () => {
    expect([...grants.actions].some((a) => a.startsWith('secretsmanager:'))).toBe(false);
  });
});

describe('resource policies', () => {
  const statements = resourceStatements(resources);

  it('use wildcard actions only to deny requests without TLS', () => {
    for (const { source, statement } of statements) {
      const wildcard = asList(statement.Action).some((action) => action.includes('*'));
      if (!wildcard) continue;
      expect(statement.Effect, source).toBe('Deny');
      expect(statement.Condition, source).toEqual({ Bool: { 'aws:SecureTransport': 'false' } });
    }
  });

  it('allow only AWS services, each limited to one bucket of this stack as source', () => {
    // The article bucket's events, inventory and access logs; the reindex bucket's access logs.
    const sources = [bucketId, logicalId(stack.reindex.bucket)];
    for (const { source, statement } of statements.filter((s) => s.statement.Effect === 'Allow')) {
      expect(Object.keys(statement.Principal as object), source).toEqual(['Service']);
      const ids = referencedIds(statement.Condition);
      expect(ids, source).toHaveLength(1);
      expect(sources, source).toContain(ids[0]);
    }
  });
});
