import { expect } from 'vitest';
import type { ObjectStatus } from '../../scripts/local/cli-target';
import { expectMatchesContract } from './contract';
import { eventually } from './local-stack';

/** Small typed helpers over the query API for pipeline tests (plain fetch, as a client would). */

/** The body of GET /status, as the CLI reads it too. */
export type StatusBody = ObjectStatus;

export interface EntityRef {
  id: string;
  type: string;
  name: string;
  mentions?: number;
}

export interface Entity {
  id: string;
  type: string;
  name: string;
  articleCount: number;
  mentionCount: number;
}

export async function getJson<T>(api: string, path: string, expectStatus = 200): Promise<T> {
  const response = await fetch(`${api}${path}`);
  const text = await response.text();
  expect(response.status, `${path}: ${text.slice(0, 300)}`).toBe(expectStatus);
  const body = JSON.parse(text) as T;
  expectMatchesContract('GET', path, response.status, response.headers.get('content-type'), body);
  return body;
}

export async function statusOf(api: string, key: string): Promise<StatusBody | undefined> {
  const response = await fetch(`${api}/status?key=${encodeURIComponent(key)}`);
  if (response.status === 404) return undefined;
  if (!response.ok) throw new Error(`/status ${response.status}`);
  return (await response.json()) as StatusBody;
}

const FINAL = new Set(['processed', 'rejected', 'failed', 'deleted']);

/** Waits until the key's status is final and, if given, written at or after `since` (an overwrite must not see the old one). */
export function waitForFinal(api: string, key: string, options: { since?: number; state?: string; timeoutMs?: number } = {}): Promise<StatusBody> {
  return eventually(
    async () => {
      const status = await statusOf(api, key);
      if (!status || !FINAL.has(status.state)) return undefined;
      if (options.state && status.state !== options.state) return undefined;
      if (options.since !== undefined && status.updatedAt && Date.parse(status.updatedAt) < options.since - 5) return undefined;
      return status;
    },
    options.timeoutMs ?? 30_000,
    `final status of ${key}${options.state ? ` (${options.state})` : ''}`,
  );
}

export async function articleByKey(api: string, key: string): Promise<{ id: string; key: string; title: string; entities?: EntityRef[] } | undefined> {
  const { items } = await getJson<{ items: Array<{ id: string; key: string; title: string; entities?: EntityRef[] }> }>(
    api,
    `/articles?key=${encodeURIComponent(key)}`,
  );
  expect(items.length).toBeLessThanOrEqual(1);
  return items[0];
}

/** articleCount of an entity, 0 when the entity is gone. */
export async function articleCount(api: string, id: string): Promise<number> {
  const response = await fetch(`${api}/entities/${id}`);
  if (response.status === 404) return 0;
  expect(response.status).toBe(200);
  return ((await response.json()) as Entity).articleCount;
}
