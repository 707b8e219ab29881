import type { Node } from 'constructs';

/**
 * Deploy-time options read from CDK context (`cdk deploy -c auth=jwt -c jwtIssuer=...`).
 * Context values are untrusted strings (the CLI passes them verbatim), so they are parsed
 * and validated here once; a wrong value fails synth with a message naming the option.
 */
export type ApiAuth = { kind: 'none' } | { kind: 'iam' } | { kind: 'jwt'; issuer: string; audience: string[] };

export interface StackConfig {
  /** Explicit bucket name; undefined lets CloudFormation generate a globally unique one. */
  bucketName?: string;
  auth: ApiAuth;
  /** Origins allowed by CORS; empty means no CORS configuration at all. */
  corsOrigins: string[];
  /**
   * Keep the ranking index of stacks deployed before the ranking buckets, for the first of the
   * two deploys that upgrade such a stack (CloudFormation adds or drops one index per update).
   */
  keepLegacyRankIndex: boolean;
}

export class ConfigError extends Error {
  constructor(message: string) {
    super(`Invalid CDK context: ${message}`);
    this.name = 'ConfigError';
  }
}

export const AUTH_KINDS = ['none', 'iam', 'jwt'] as const;

// S3 naming rules, minus the legacy forms (dots invite TLS trouble with virtual-hosted URLs).
const BUCKET_NAME = /^[a-z0-9][a-z0-9-]{1,61}[a-z0-9]$/;

function optionalString(node: Node, key: string): string | undefined {
  const value: unknown = node.tryGetContext(key);
  if (value === undefined || value === null || value === '') return undefined;
  if (typeof value !== 'string') throw new ConfigError(`${key} must be a string, got ${JSON.stringify(value)}`);
  return value.trim() === '' ? undefined : value.trim();
}

function commaList(value: string | undefined): string[] {
  if (value === undefined) return [];
  return value
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item !== '');
}

function parseBucketName(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  if (!BUCKET_NAME.test(value) || value.includes('--') || value.startsWith('xn--')) {
    throw new ConfigError(`bucketName "${value}" is not a valid S3 bucket name (3-63 characters: lower-case letters, digits, single hyphens)`);
  }
  return value;
}

function parseHttpsUrl(key: string, value: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new ConfigError(`${key} "${value}" is not a URL`);
  }
  if (url.protocol !== 'https:') throw new ConfigError(`${key} "${value}" must use https`);
  return value;
}

function parseAuth(node: Node): ApiAuth {
  const kind = optionalString(node, 'auth') ?? 'none';
  switch (kind) {
    case 'none':
      return { kind };
    case 'iam':
      return { kind };
    case 'jwt': {
      const issuer = optionalString(node, 'jwtIssuer');
      const audience = commaList(optionalString(node, 'jwtAudience'));
      if (issuer === undefined || audience.length === 0) {
        throw new ConfigError('auth=jwt needs -c jwtIssuer=https://issuer.example and -c jwtAudience=<client id>[,<client id>...]');
      }
      return { kind, issuer: parseHttpsUrl('jwtIssuer', issuer), audience };
    }
    default:
      throw new ConfigError(`auth must be one of ${AUTH_KINDS.join(', ')}, got "${kind}"`);
  }
}

function parseOrigin(origin: string): string {
  // A wildcard would defeat the point of listing origins; the default is no CORS at all.
  if (origin === '*') throw new ConfigError('corsOrigins must list origins explicitly, "*" is not accepted');
  let url: URL;
  try {
    url = new URL(origin);
  } catch {
    throw new ConfigError(`corsOrigins entry "${origin}" is not an origin like https://app.example.com`);
  }
  if ((url.protocol !== 'https:' && url.protocol !== 'http:') || url.origin !== origin.replace(/\/$/, '')) {
    throw new ConfigError(`corsOrigins entry "${origin}" is not an origin like https://app.example.com (no path)`);
  }
  return url.origin;
}

function parseFlag(node: Node, key: string): boolean {
  const value = optionalString(node, key) ?? 'false';
  if (value !== 'true' && value !== 'false') throw new ConfigError(`${key} must be true or false, got "${value}"`);
  return value === 'true';
}

export function readStackConfig(node: Node): StackConfig {
  return {
    bucketName: parseBucketName(optionalString(node, 'bucketName')),
    auth: parseAuth(node),
    corsOrigins: commaList(optionalString(node, 'corsOrigins')).map(parseOrigin),
    keepLegacyRankIndex: parseFlag(node, 'keepLegacyRankIndex'),
  };
}
