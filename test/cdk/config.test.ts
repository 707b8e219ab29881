import { App } from 'aws-cdk-lib';
import type { CfnBucket } from 'aws-cdk-lib/aws-s3';
import { describe, expect, it } from 'vitest';
import type { CfnGlobalTable } from 'aws-cdk-lib/aws-dynamodb';
import { ConfigError, readStackConfig } from '../../lib/config';
import { TABLE } from '../../functions/shared/resources';
import { buildApp } from './synth';

const read = (context: Record<string, unknown>) => readStackConfig(new App({ context }).node);

describe('readStackConfig (CDK context)', () => {
  it('defaults to a generated bucket name, a public API and no CORS', () => {
    expect(read({})).toEqual({ bucketName: undefined, auth: { kind: 'none' }, corsOrigins: [], keepLegacyRankIndex: false });
  });

  it('reads bucketName, iam auth and a CORS origin list', () => {
    expect(read({ bucketName: 'my-news-123', auth: 'iam', corsOrigins: ' https://a.example.com , https://b.example.com:8443/ ' })).toEqual({
      bucketName: 'my-news-123',
      auth: { kind: 'iam' },
      corsOrigins: ['https://a.example.com', 'https://b.example.com:8443'],
      keepLegacyRankIndex: false,
    });
  });

  it('reads jwt auth with a comma-separated audience', () => {
    expect(read({ auth: 'jwt', jwtIssuer: 'https://id.example.com/', jwtAudience: 'a,b' }).auth).toEqual({
      kind: 'jwt',
      issuer: 'https://id.example.com/',
      audience: ['a', 'b'],
    });
  });

  it.each([
    ['jwt without issuer', { auth: 'jwt', jwtAudience: 'a' }, /jwtIssuer/],
    ['jwt without audience', { auth: 'jwt', jwtIssuer: 'https://id.example.com' }, /jwtAudience/],
    ['jwt issuer over http', { auth: 'jwt', jwtIssuer: 'http://id.example.com', jwtAudience: 'a' }, /https/],
    ['unknown auth', { auth: 'cognito' }, /auth must be one of none, iam, jwt/],
    ['wildcard CORS origin', { corsOrigins: '*' }, /explicitly/],
    ['CORS origin with a path', { corsOrigins: 'https://a.example.com/app' }, /no path/],
    ['CORS origin that is no URL', { corsOrigins: 'a.example.com' }, /not an origin/],
    ['upper-case bucket name', { bucketName: 'News' }, /bucketName/],
    ['bucket name with dots', { bucketName: 'news.example' }, /bucketName/],
    ['non-string context value', { auth: 42 }, /auth must be a string/],
    ['a flag that is neither true nor false', { keepLegacyRankIndex: 'yes' }, /keepLegacyRankIndex must be true or false/],
  ])('rejects %s with a message naming the option', (_name, context, message) => {
    expect(() => read(context)).toThrow(ConfigError);
    expect(() => read(context)).toThrow(message);
  });

  it('names the article bucket from context, and only from context', () => {
    const bucketName = (context: Record<string, unknown>) => {
      const { stack } = buildApp(context);
      return stack.resolve((stack.articles.bucket.node.defaultChild as CfnBucket).bucketName) as unknown;
    };
    expect(bucketName({ bucketName: 'my-news-articles-1' })).toBe('my-news-articles-1');
    expect(bucketName({})).toBeUndefined();
  });

  it('keeps the ranking index of an older stack beside the new one only when asked, for the first deploy of an upgrade', () => {
    const names = (context: Record<string, unknown>) => {
      const { stack } = buildApp(context);
      const indexes = stack.resolve((stack.table.table.node.defaultChild as CfnGlobalTable).globalSecondaryIndexes) as Array<{ indexName: string }>;
      return indexes.map((index) => index.indexName).sort();
    };
    const current = Object.values(TABLE.indexes).map((index) => index.name);
    expect(names({})).toEqual([...current].sort());
    expect(names({ keepLegacyRankIndex: 'true' })).toEqual([...current, 'byTypeRank'].sort());
    expect(read({ keepLegacyRankIndex: 'true' }).keepLegacyRankIndex).toBe(true);
  });

  it('fails building the app, before anything is synthesized, on bad context', () => {
    expect(() => buildApp({ auth: 'jwt' })).toThrow(/auth=jwt needs -c jwtIssuer=.* and -c jwtAudience=/);
  });
});
