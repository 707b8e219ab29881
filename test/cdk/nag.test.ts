import { Validations } from 'aws-cdk-lib';
import { Queue } from 'aws-cdk-lib/aws-sqs';
import { AwsSolutionsChecks } from 'cdk-nag';
import type { IConstruct } from 'constructs';
import { describe, expect, it } from 'vitest';
import { buildApp, synthesize } from './synth';

// Synthesizing runs the AwsSolutions plugin registered in lib/news-ingest-app.ts; it throws
// if any error is left unacknowledged, so getting here is the first half of the test.
const { app } = synthesize();

const JWT_CONTEXT = {
  auth: 'jwt',
  jwtIssuer: 'https://issuer.example.com',
  jwtAudience: 'news-client',
  corsOrigins: 'https://news.example.com',
};

function findings(scope: IConstruct) {
  return new AwsSolutionsChecks().validateScope(scope).violations.map((violation) => ({
    rule: violation.ruleName,
    severity: violation.severity,
    at: violation.violatingResources.map((resource) => resource.constructPath),
  }));
}

interface Acknowledgement {
  path: string;
  id: string;
  reason: unknown;
}

function acknowledgements(scope: IConstruct): Acknowledgement[] {
  return scope.node
    .findAll()
    .flatMap((construct) =>
      construct.node.metadata
        .filter((entry) => entry.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY)
        .flatMap((entry) => Object.entries(entry.data as Record<string, unknown>).map(([id, reason]) => ({ path: construct.node.path, id, reason }))),
    );
}

describe('cdk-nag AwsSolutions', () => {
  it('finds no unacknowledged error or warning in the synthesized default stack', () => {
    expect(findings(app)).toEqual([]);
  });

  it.each([
    ['auth=iam', { auth: 'iam' }],
    ['auth=jwt with CORS', JWT_CONTEXT],
    ['explicit bucket name', { bucketName: 'news-articles-test-1234' }],
  ])('finds nothing with %s either', (_name, context) => {
    expect(findings(buildApp(context).app)).toEqual([]);
  });

  it('still reports a violation added to the stack (the check is live)', () => {
    const { app: probeApp, stack } = buildApp();
    new Queue(stack, 'UnencryptedProbe', { encryption: undefined, enforceSSL: false });
    const rules = findings(probeApp).map((finding) => finding.rule);
    expect(rules).toContain('AwsSolutions-SQS4');
  });

  it('gives every acknowledgement a reason', () => {
    const acks = acknowledgements(app);
    expect(acks.length).toBeGreaterThan(0);
    for (const ack of acks) {
      expect(ack.id, ack.path).toMatch(/AwsSolutions-[A-Z]+\d+/);
      expect(typeof ack.reason, `${ack.path} ${ack.id}`).toBe('string');
      expect((ack.reason as string).trim().length, `${ack.path} ${ack.id}`).toBeGreaterThanOrEqual(40);
    }
  });

  it("acknowledges APIG4 (no authoriser) on every route when the API is public, else only on the explorer's page and assets", () => {
    const isApig4 = (ack: Acknowledgement) => ack.id.endsWith('AwsSolutions-APIG4');
    expect(acknowledgements(app).some(isApig4)).toBe(true);
    for (const context of [{ auth: 'iam' }, JWT_CONTEXT]) {
      const acks = acknowledgements(buildApp(context).app).filter(isApig4);
      // One per page route: GET / and GET /explorer/{file}.
      expect(acks.length).toBe(2);
      expect(acks.every((ack) => String(ack.reason).includes('explorer'))).toBe(true);
    }
  });
});
