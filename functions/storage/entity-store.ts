import { randomBytes } from 'node:crypto';
import { GetCommand, PutCommand, TransactWriteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { z } from 'zod';
import type { Membership } from '../core/records';
import {
  baseIdentity,
  resolveExtraction,
  typeOfId,
  type BaseIdentity,
  type EntityState,
  lookups,
  type ResolutionState,
  type ResolvedArticle,
  searchKey,
  searchWords,
} from '../core/resolve/resolve';
import { nameKey } from '../core/resolve/name-key';
import type { EntityType, Extraction } from '../core/types';
import type { ArticleWriter } from './article-writer';
import { aliasCounts, keys, stateItemKind, wordIndexAttributes } from './keys';
import { batchGet, batchPut, unlessConditionFails, type TableContext } from './table';

/**
 * The corpus state entity resolution reads and the decisions that change it: which entity a
 * lone surname or a merged id stands for, the search words of every name, and an editor's
 * merges, splits, renames and suppressions with their history. Decisions live on the entity
 * items, so they hold for every article ingested or reindexed later.
 */

/** Rounds of reads for redirect chains and surname links; each round follows one more hop. */
const MAX_ROUNDS = 4;

export type Decision =
  | { action: 'merge'; into: string }
  | { action: 'merged'; from: string }
  | { action: 'split'; alias: string; to: string }
  | { action: 'rename'; name: string; previous?: string }
  | { action: 'suppress' }
  | { action: 'unsuppress' };

export interface HistoryEntry {
  at: string;
  by: string;
  decision: Decision;
}

export class EditorError extends Error {
  constructor(
    readonly status: 404 | 409 | 400,
    message: string,
  ) {
    super(message);
    this.name = 'EditorError';
  }
}

const StateItem = z.object({
  articleCount: z.number().default(0),
  mergedInto: z.string().optional(),
  suppressed: z.boolean().optional(),
  pinned: z.boolean().optional(),
});

export class EntityStore {
  constructor(
    private readonly table: TableContext,
    private readonly writer: ArticleWriter,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /**
   * The article's entities linked to the corpus's (see core/resolve/resolve.ts). Person name
   * keys new to the corpus are claimed here, before anything of the article is written; when a
   * concurrent article claimed one first, resolution runs again with its id.
   */
  async resolve(extraction: Extraction, articleId?: string): Promise<ResolvedArticle> {
    const bases = extraction.entities.map((entity) => baseIdentity(entity, articleId));
    for (let attempt = 0; ; attempt += 1) {
      const resolved = resolveExtraction(extraction, await this.resolutionState(bases), articleId);
      if ((await this.claimKeys(resolved.newKeys)) || attempt >= 2) return resolved;
    }
  }

  /** Records the ids of new person name keys; false when another article claimed one first. */
  private async claimKeys(newKeys: ResolvedArticle['newKeys']): Promise<boolean> {
    const results = await Promise.all(
      newKeys.map(({ key, id }) =>
        unlessConditionFails(() =>
          this.table.doc.send(
            new PutCommand({ TableName: this.table.tableName, Item: { ...keys.personKey(key), id }, ConditionExpression: 'attribute_not_exists(pk)' }),
          ),
        ),
      ),
    );
    return results.every(Boolean);
  }

  /** Reads what resolving these identities needs: their entities, surnames, person keys, and the targets those point to. */
  async resolutionState(bases: BaseIdentity[]): Promise<ResolutionState> {
    const entities = new Map<string, EntityState>();
    const surnames = new Map<string, string[]>();
    const personKeys = new Map<string, string>();
    const readKeys = new Set<string>();
    const state: ResolutionState = { entities, surnames, keys: personKeys };
    for (let round = 0; round < MAX_ROUNDS; round += 1) {
      const wanted = lookups(bases, round === 0 ? undefined : state);
      const ids = wanted.entityIds.filter((id) => !entities.has(id));
      const names = wanted.surnames.filter((key) => !surnames.has(key));
      const nameKeys = wanted.keys.filter((key) => !readKeys.has(key));
      if (!ids.length && !names.length && !nameKeys.length) break;
      const items = await batchGet(this.table, [
        ...ids.map((id) => keys.entity(id)),
        ...names.map((key) => keys.surname(key)),
        ...nameKeys.map((key) => keys.personKey(key)),
      ]);
      for (const id of ids) entities.set(id, { articleCount: 0, aliases: new Set() });
      for (const key of names) surnames.set(key, []);
      for (const key of nameKeys) readKeys.add(key);
      for (const item of items) {
        const what = stateItemKind(String(item.pk));
        if (what?.kind === 'surname') surnames.set(what.value, item.ids instanceof Set ? [...(item.ids as Set<string>)].sort() : []);
        else if (what?.kind === 'personKey' && typeof item.id === 'string') personKeys.set(what.value, item.id);
        else if (what?.kind === 'entity') {
          const parsed = StateItem.safeParse(item);
          if (parsed.success) entities.set(what.value, { ...parsed.data, aliases: new Set(aliasCounts(item).map((alias) => alias.name)) });
        }
      }
    }
    // Never-seen ids read as absent, not as entities with no articles.
    for (const [id, entity] of entities) if (entity.articleCount === 0 && !entity.mergedInto && !entity.suppressed && !entity.pinned) entities.delete(id);
    return state;
  }

  /**
   * Before the article's entities are written: search words for names not yet indexed and the
   * surname index for new full-name persons. Both are idempotent, so a retry repeats them safely.
   */
  async indexNames(resolved: Pick<ResolvedArticle, 'newAliases' | 'newSurnames'>): Promise<void> {
    // Names that differ only in case or accents ("Nato", "NATO") share their word items.
    const items = new Map<string, Record<string, unknown>>();
    for (const { id, names } of resolved.newAliases) {
      for (const name of names) {
        const key = searchKey(name);
        for (const word of searchWords(name)) {
          const index = wordIndexAttributes(id, word);
          if (!index.gsi3pk) continue;
          const itemKey = keys.word(id, word, key);
          items.set(`${itemKey.pk}\u0000${itemKey.sk}`, { ...itemKey, ...index, entityId: id, name, nameKey: key });
        }
      }
    }
    await batchPut(this.table, [...items.values()]);
    await Promise.all(
      resolved.newSurnames.map(({ surname, id }) =>
        this.table.doc.send(
          new UpdateCommand({
            TableName: this.table.tableName,
            Key: keys.surname(surname),
            UpdateExpression: 'ADD ids :id',
            ExpressionAttributeValues: { ':id': new Set([id]) },
          }),
        ),
      ),
    );
  }

  /** After the article is written: lone-surname entities that now have one full name to join. */
  async applyMerges(resolved: Pick<ResolvedArticle, 'merges'>): Promise<void> {
    for (const { from, into } of resolved.merges) await this.merge(from, into, 'resolver');
  }

  /**
   * Merges `from` into `into`: `from` answers as `into` from now on (its id is kept as a
   * redirect and listed on the survivor), and every article linked to it is relinked.
   */
  async merge(from: string, into: string, by: string): Promise<{ relinked: number }> {
    if (from === into) throw new EditorError(400, 'an entity cannot be merged into itself');
    const target = await this.survivor(into);
    if (!target) throw new EditorError(404, `no entity ${into}`);
    if (target.id === from) throw new EditorError(409, `${into} is already merged into ${from}`);
    const source = await this.readEntity(from);
    if (!source) throw new EditorError(404, `no entity ${from}`);
    await this.decide(
      by,
      [
        { id: from, update: 'SET mergedInto = :into REMOVE pinned', values: { ':into': target.id } },
        { id: target.id, update: 'ADD mergedIds :from', values: { ':from': new Set([from]) } },
      ],
      [
        [from, { action: 'merge', into: target.id }],
        [target.id, { action: 'merged', from }],
      ],
    );
    const type = typeOfId(target.id) ?? (source.type as EntityType);
    const relinked = await this.relinkAll(from, (m) => (m.entityId === from ? { id: target.id, type } : { id: m.entityId, type: m.type }));
    return { relinked };
  }

  /**
   * Splits a name out of an entity into an entity of its own ("Putin" out of "Wladimir Putin"
   * when an editor knows the lone surname means someone else). Articles that call the entity
   * only by that name move to the new entity, and the name stays apart from now on.
   */
  async split(id: string, alias: string, by: string): Promise<{ id: string; relinked: number }> {
    const entity = await this.readEntity(id);
    if (!entity || entity.mergedInto) throw new EditorError(404, `no entity ${id}`);
    const type = entity.type as EntityType;
    const key = nameKey(alias);
    const names = aliasCounts(entity).map((a) => a.name);
    if (!names.some((name) => nameKey(name) === key)) throw new EditorError(400, `${id} has no name "${alias}"`);
    // The id resolution gives the name on its own, so later articles land on the new entity too.
    const to = baseIdentity({ type, name: alias, aliases: {} }).id;
    if (to === id) throw new EditorError(409, `"${alias}" is the name ${id} is identified by; rename it or merge instead`);
    await this.decide(
      by,
      [
        {
          id: to,
          update:
            'SET pinned = :true, #id = if_not_exists(#id, :id), #type = if_not_exists(#type, :type), #name = if_not_exists(#name, :name) REMOVE mergedInto',
          names: { '#id': 'id', '#type': 'type', '#name': 'name' },
          values: { ':true': true, ':id': to, ':type': type, ':name': alias },
        },
      ],
      [[id, { action: 'split', alias, to }]],
    );
    await this.indexNames({ newAliases: [{ id: to, names: [alias] }], newSurnames: [] });
    const relinked = await this.relinkAll(id, (m) => (m.entityId === id && nameKey(m.name) === key ? { id: to, type } : { id: m.entityId, type: m.type }));
    return { id: to, relinked };
  }

  async rename(id: string, name: string, by: string): Promise<void> {
    const entity = await this.readEntity(id);
    if (!entity || entity.mergedInto) throw new EditorError(404, `no entity ${id}`);
    const previous = typeof entity.displayName === 'string' ? entity.displayName : undefined;
    await this.decide(by, [{ id, update: 'SET displayName = :name', values: { ':name': name } }], [[id, { action: 'rename', name, previous }]]);
    await this.indexNames({ newAliases: [{ id, names: [name] }], newSurnames: [] });
  }

  /** A false positive: it leaves every listing and count, now and for articles ingested later. */
  async suppress(id: string, suppressed: boolean, by: string): Promise<{ relinked: number }> {
    const entity = await this.readEntity(id);
    if (!entity || entity.mergedInto) throw new EditorError(404, `no entity ${id}`);
    await this.decide(
      by,
      [suppressed ? { id, update: 'SET suppressed = :true', values: { ':true': true } } : { id, update: 'REMOVE suppressed' }],
      [[id, { action: suppressed ? 'suppress' : 'unsuppress' }]],
    );
    if (!suppressed) return { relinked: 0 };
    return { relinked: await this.relinkAll(id, (m) => (m.entityId === id ? null : { id: m.entityId, type: m.type })) };
  }

  /** The entity an id stands for after redirects, or undefined. */
  async survivor(id: string): Promise<{ id: string; item: Record<string, unknown> } | undefined> {
    let current = id;
    for (let hop = 0; hop < MAX_ROUNDS + 1; hop += 1) {
      const item = await this.readEntity(current);
      if (!item) return undefined;
      if (typeof item.mergedInto !== 'string' || item.mergedInto === current) return { id: current, item };
      current = item.mergedInto;
    }
    return undefined;
  }

  private async readEntity(id: string): Promise<Record<string, unknown> | undefined> {
    const { Item } = await this.table.doc.send(new GetCommand({ TableName: this.table.tableName, Key: keys.entity(id), ConsistentRead: true }));
    return Item;
  }

  private async relinkAll(id: string, relink: (m: Membership) => { id: string; type: EntityType } | null): Promise<number> {
    let relinked = 0;
    for (const articleId of await this.writer.linkedArticles(id)) {
      if ((await this.writer.relinkArticle(articleId, relink)) === 'relinked') relinked += 1;
    }
    return relinked;
  }

  /** Entity updates and their history entries, in one transaction: a decision is never half recorded. */
  private async decide(
    by: string,
    updates: Array<{ id: string; update: string; names?: Record<string, string>; values?: Record<string, unknown> }>,
    history: Array<[string, Decision]>,
  ): Promise<void> {
    const at = this.now().toISOString();
    await this.table.doc.send(
      new TransactWriteCommand({
        TransactItems: [
          ...updates.map(({ id, update, names, values }) => ({
            Update: {
              TableName: this.table.tableName,
              Key: keys.entity(id),
              UpdateExpression: update,
              ...(names ? { ExpressionAttributeNames: names } : {}),
              ...(values ? { ExpressionAttributeValues: values } : {}),
            },
          })),
          ...history.map(([id, decision]) => ({
            Put: { TableName: this.table.tableName, Item: { ...keys.history(id, at, randomBytes(4).toString('hex')), at, by, decision } },
          })),
        ],
      }),
    );
  }
}

/** An editor's decision as stored and as GET /entities/{id}/history shows it. */
export const DecisionSchema = z.discriminatedUnion('action', [
  z.object({ action: z.literal('merge'), into: z.string() }),
  z.object({ action: z.literal('merged'), from: z.string() }),
  z.object({ action: z.literal('split'), alias: z.string(), to: z.string() }),
  z.object({ action: z.literal('rename'), name: z.string(), previous: z.string().optional() }),
  z.object({ action: z.literal('suppress') }),
  z.object({ action: z.literal('unsuppress') }),
]);

export const HistoryItem = z.object({ at: z.string(), by: z.string(), decision: DecisionSchema });
