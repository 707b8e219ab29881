/**
 * Settings a handler cannot run without. Missing ones fail the cold start loudly, with the
 * variable's name, instead of falling back to a default that points at the wrong resource.
 */
export function requiredEnv(name: string, env: NodeJS.ProcessEnv = process.env): string {
  const value = env[name];
  if (!value) throw new Error(`${name} is not set`);
  return value;
}

/**
 * CloudWatch embedded-metric log lines only become metrics in a Lambda log stream; off Lambda
 * (npm start, tests) they are noise, so they are off there unless POWERTOOLS_METRICS_DISABLED
 * says otherwise.
 */
export function metricsWanted(env: NodeJS.ProcessEnv = process.env): boolean {
  return Boolean(env.AWS_LAMBDA_FUNCTION_NAME) || env.POWERTOOLS_METRICS_DISABLED !== undefined;
}
