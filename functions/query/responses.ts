import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';

/** JSON bodies and RFC 9457 problem details; nothing internal (stacks, key formats) leaks. */

export type Result = APIGatewayProxyStructuredResultV2;

export function json(body: unknown, statusCode = 200): Result {
  return {
    statusCode,
    headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' },
    body: JSON.stringify(body),
  };
}

const TITLES: Record<number, string> = {
  400: 'Bad Request',
  404: 'Not Found',
  405: 'Method Not Allowed',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

export function problem(status: number, detail: string, headers: Record<string, string> = {}): Result {
  return {
    statusCode: status,
    headers: { 'content-type': 'application/problem+json', 'cache-control': 'no-store', ...headers },
    body: JSON.stringify({ type: 'about:blank', title: TITLES[status] ?? 'Error', status, detail }),
  };
}
