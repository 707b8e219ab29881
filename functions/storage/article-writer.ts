import { brotliCompressSync, brotliDecompressSync, constants as zlibConstants } from 'node:zlib';
import { DeleteCommand, GetCommand, QueryCommand, TransactWriteCommand, UpdateCommand, type TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import { diffMemberships, keepUndatedSortDate, monthOf, type ArticleRecords, type Membership } from '../core/records';
import { relinkRecords, type Relink } from '../core/resolve/remap';
import { ENTITY_TYPES } from '../core/types';
import { TABLE } from '../shared/resources';
import { linkedArticleIds } from './entity-links';
import { monthIndexAdditions, statsUpdates } from './month-index';
import { moveToBucket, syncRankBuckets } from './rank-buckets';
import {
  aliasAttribute,
  articleIndexAttributes,
  entityIdOfMemberAttribute,
  entityIndexAttributes,
  keys,
  legacyMembershipQuery,
  rankBucketFor,
  linkSortKey,
  memberAttribute,
  statsShardOf,
  statusIndexAttributes,
} from './keys';
import { batchGet, batchWrite, isErrorNamed, unlessConditionFails, type TableContext } from './table';
import { z } from 'zod';

/**
 * Writes article versions so that counts stay exact under duplicate deliveries, stale events,
 * retries and crashes between writes:
 *
 * - The status item is a per-key claim on an S3 sequencer; every later write carries a
 *   ConditionCheck that the claim is still ours, so a newer event always wins.
 * - The article's MEMBERS item (one attribute per entity) is the truth for which entities it
 *   counts toward. Membership changes and the matching count changes on the entities commit in
 *   one transaction whose condition is the changed memberships' old state, so each applies at
 *   most once; a retry recomputes the remaining diff from MEMBERS. One item for all of an
 *   article's memberships, rather than one each, writes one item per transaction instead of
 *   one per entity, and the list the article already carries is not repeated item by item.
 */

export type EntityChange = 'add' | 'remove' | 'change' | 'refresh';

/** Every state a key's status can be in: the one list the reader, the API's parameters and its document use. */
export const STATUS_STATES = ['pending', 'processed', 'rejected', 'failed', 'deleted'] as const;
export type StatusState = (typeof STATUS_STATES)[number];

export type WriteStep =
  | { kind: 'claim' }
  | { kind: 'entities'; changes: Array<{ entityId: string; change: EntityChange }> }
  | { kind: 'entity-cleanup'; entityId: string }
  | { kind: 'links'; count: number }
  | { kind: 'ranks'; entityIds: string[] }
  | { kind: 'meta'; change: 'put' | 'delete' }
  | { kind: 'status'; state: StatusState };

export interface WriterOptions {
  /** Called after each write has committed; tests throw from it to simulate a crash. */
  afterWrite?: (step: WriteStep) => void | Promise<void>;
  /** Entity changes committed together; 1 makes every entity its own transaction. */
  entitiesPerTransaction?: number;
  now?: () => Date;
}

export interface Claim {
  articleId: string;
  bucket: string;
  key: string;
  sequencer: string;
  versionId?: string;
  eTag?: string;
}

export interface FinishDetail {
  code?: string;
  reason?: string;
  /** Internal cause of a failure, for operators; the query API never serves it. */
  error?: string;
  /** The version the stored records describe, when it is not the claimed event's (a removal that left the key in place). */
  version?: { versionId?: string; eTag?: string };
}

/** The status item's attributes before a claim overwrote them. */
export interface PreviousStatus {
  state?: StatusState;
  sequencer?: string;
  versionId?: string;
  eTag?: string;
  code?: string;
  reason?: string;
}

export type ClaimResult = 'claimed' | 'duplicate' | 'stale';

/** The claim was taken over by a newer event while we were writing: stop quietly. */
export class LostClaim extends Error {
  constructor() {
    super('a newer event claimed this object');
    this.name = 'LostClaim';
  }
}

/** Another worker changed this article's memberships under us: recompute the diff. */
class StaleDiff extends Error {}

const MAX_SYNC_ROUNDS = 5;
/** Entity changes per transaction: each adds up to two items (its counts, a membership moved from its old item) and two conditions to MEMBERS' update expression, which DynamoDB caps at 4 KB. */
const MAX_ENTITIES_PER_TRANSACTION = 24;
const MAX_CONFLICT_RETRIES = 10;

type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];

export class ArticleWriter {
  private readonly afterWrite: NonNullable<WriterOptions['afterWrite']>;
  private readonly entitiesPerTransaction: number;
  private readonly now: () => Date;

  constructor(
    private readonly table: TableContext,
    options: WriterOptions = {},
  ) {
    this.afterWrite = options.afterWrite ?? (() => undefined);
    this.entitiesPerTransaction = Math.max(1, Math.min(options.entitiesPerTransaction ?? MAX_ENTITIES_PER_TRANSACTION, MAX_ENTITIES_PER_TRANSACTION));
    this.now = options.now ?? (() => new Date());
  }

  /**
   * Takes the per-key claim for `sequencer`. Equal sequencer and already finished means a
   * duplicate delivery; a stored newer sequencer means this event is stale. `force` re-runs
   * an already finished version (reindex).
   */
  async claim(claim: Claim, options: { force?: boolean } = {}): Promise<ClaimResult> {
    return (await this.claimWithPrevious(claim, options)).result;
  }

  /**
   * As claim(), and on success also the status as it was just before, read atomically with
   * the claim: what the stored records describe, unless that state is still pending.
   */
  async claimWithPrevious(claim: Claim, options: { force?: boolean } = {}): Promise<{ result: ClaimResult; previous?: PreviousStatus }> {
    const now = this.now().toISOString();
    const names: Record<string, string> = {
      '#state': 'state',
      '#key': 'key',
      '#seq': 'sequencer',
      '#bucket': 'bucket',
      '#articleId': 'articleId',
      '#updatedAt': 'updatedAt',
      '#code': 'code',
      '#reason': 'reason',
      '#error': 'error',
      '#attempts': 'attempts',
    };
    const values: Record<string, unknown> = {
      ':pending': 'pending',
      ':key': claim.key,
      ':bucket': claim.bucket,
      ':seq': claim.sequencer,
      ':id': claim.articleId,
      ':now': now,
      ':one': 1,
      ...statusIndexValues(now, claim.articleId),
    };
    const set = ['#state = :pending', '#key = :key', '#bucket = :bucket', '#seq = :seq', '#articleId = :id', '#updatedAt = :now', ...STATUS_INDEX_SET];
    const remove = ['#code', '#reason', '#error'];
    for (const [name, value] of [
      ['versionId', claim.versionId],
      ['eTag', claim.eTag],
    ] as const) {
      names[`#${name}`] = name;
      if (value === undefined) remove.push(`#${name}`);
      else {
        set.push(`#${name} = :${name}`);
        values[`:${name}`] = value;
      }
    }
    let condition: string;
    if (options.force) {
      condition = 'attribute_not_exists(pk) OR attribute_not_exists(#seq) OR #seq <= :seq';
    } else {
      // No sequencer: only a malformed event was ever recorded for this key.
      condition =
        'attribute_not_exists(pk) OR attribute_not_exists(#seq) OR #seq < :seq OR (#seq = :seq AND NOT (#state IN (:processed, :rejected, :deleted)))';
      Object.assign(values, { ':processed': 'processed', ':rejected': 'rejected', ':deleted': 'deleted' });
    }
    let previousStatus: PreviousStatus | undefined;
    try {
      const result = await this.table.doc.send(
        new UpdateCommand({
          TableName: this.table.tableName,
          Key: keys.status(claim.articleId),
          UpdateExpression: `SET ${set.join(', ')} REMOVE ${remove.join(', ')} ADD #attempts :one`,
          ConditionExpression: condition,
          ExpressionAttributeNames: names,
          ExpressionAttributeValues: values,
          ReturnValues: 'UPDATED_OLD',
        }),
      );
      const old = result.Attributes ?? {};
      const text = (value: unknown) => (typeof value === 'string' ? value : undefined);
      previousStatus = {
        state: text(old.state) as StatusState | undefined,
        sequencer: text(old.sequencer),
        versionId: text(old.versionId),
        eTag: text(old.eTag),
        code: text(old.code),
        reason: text(old.reason),
      };
      const previous = previousStatus.sequencer;
      if (previous !== undefined && previous !== claim.sequencer) {
        // A new version starts its own attempt count (a brand-new item already has 1).
        await unlessConditionFails(() =>
          this.table.doc.send(
            new UpdateCommand({
              TableName: this.table.tableName,
              Key: keys.status(claim.articleId),
              UpdateExpression: 'SET #attempts = :one',
              ConditionExpression: '#seq = :seq',
              ExpressionAttributeNames: { '#seq': 'sequencer', '#attempts': 'attempts' },
              ExpressionAttributeValues: { ':one': 1, ':seq': claim.sequencer },
            }),
          ),
        );
      }
    } catch (error) {
      if (!isErrorNamed(error, 'ConditionalCheckFailedException')) throw error;
      const current = await this.table.doc.send(new GetCommand({ TableName: this.table.tableName, Key: keys.status(claim.articleId), ConsistentRead: true }));
      return { result: current.Item?.sequencer === claim.sequencer ? 'duplicate' : 'stale' };
    }
    await this.afterWrite({ kind: 'claim' });
    return { result: 'claimed', previous: previousStatus };
  }

  /**
   * Makes the stored records equal `records` (an article version) under the claim. `fresh`:
   * the claim found no status at all for the key (see isFresh), so nothing can be stored for it
   * yet and the first round skips reading the stored state (three reads of a new article's
   * eight or so requests). Anything written meanwhile belongs to a newer claim, whose check
   * cancels this run's transactions.
   */
  async writeArticle(claim: Claim, records: ArticleRecords, options: { fresh?: boolean } = {}): Promise<void> {
    await this.sync(claim, records, options.fresh ?? false);
  }

  /** Removes every record of the article (delete, or a new version that was rejected). */
  async removeArticle(claim: Claim): Promise<void> {
    await this.sync(claim, null);
  }

  /**
   * Moves an already processed article's memberships by `relink` (a merge, split or
   * suppression elsewhere in the corpus) from its stored records, under the claim of the
   * version it stores: a newer event for the key wins, and re-resolves on its own.
   */
  async relinkArticle(articleId: string, relink: Relink): Promise<'relinked' | 'unchanged' | 'skipped'> {
    const items = await batchGet(this.table, [keys.status(articleId), keys.article(articleId), keys.digest(articleId)], { consistent: true });
    const [status, meta, digest] = ['STATUS', 'META', 'DIGEST'].map((sk) => items.find((item) => item.sk === sk));
    if (status?.state !== 'processed' || typeof status.sequencer !== 'string' || !meta) return 'skipped';
    const { memberships } = await this.readMembers(articleId);
    const { pk: _pk, sk: _sk, gsi1pk: _g1, gsi1sk: _g1s, gsi2pk: _g2, ...fields } = meta;
    const stored: ArticleRecords = {
      meta: fields as unknown as ArticleRecords['meta'],
      digest: {
        entities: (digest?.entities as ArticleRecords['digest']['entities']) ?? [],
        quotes: (digest?.quotes as ArticleRecords['digest']['quotes']) ?? [],
      },
      month: monthOf(String(fields.sortDate)),
      memberships,
    };
    const records = relinkRecords(stored, relink);
    const diff = diffMemberships(memberships, records.memberships);
    if (!diff.added.length && !diff.removed.length && !diff.changed.length) return 'unchanged';
    const claim: Claim = { articleId, bucket: String(status.bucket), key: String(status.key), sequencer: status.sequencer };
    try {
      await this.sync(claim, records);
    } catch (error) {
      if (error instanceof LostClaim) return 'skipped';
      throw error;
    }
    return 'relinked';
  }

  /** Ids of all the articles an entity is linked to, newest first. */
  linkedArticles(entityId: string): Promise<string[]> {
    return linkedArticleIds(this.table, entityId, { consistent: true });
  }

  /** Final state of the claimed version. Silently does nothing when the claim was lost. */
  async finish(claim: Claim, state: Exclude<StatusState, 'pending'>, detail: FinishDetail = {}): Promise<boolean> {
    const now = this.now().toISOString();
    const values: Record<string, unknown> = { ':state': state, ':now': now, ':seq': claim.sequencer, ...statusIndexValues(now, claim.articleId) };
    const set = ['#state = :state', '#updatedAt = :now', ...STATUS_INDEX_SET];
    const remove: string[] = [];
    const fields: Array<readonly [string, string | undefined]> = [
      ['code', detail.code],
      ['reason', detail.reason],
      ['error', detail.error],
    ];
    // Only when the records came from another version than the claimed event named.
    if (detail.version) fields.push(['versionId', detail.version.versionId], ['eTag', detail.version.eTag]);
    for (const [name, value] of fields) {
      if (value === undefined) remove.push(`#${name}`);
      else {
        set.push(`#${name} = :${name}`);
        values[`:${name}`] = value.slice(0, 1000);
      }
    }
    const written = await unlessConditionFails(() =>
      this.table.doc.send(
        new UpdateCommand({
          TableName: this.table.tableName,
          Key: keys.status(claim.articleId),
          UpdateExpression: `SET ${set.join(', ')}${remove.length ? ` REMOVE ${remove.join(', ')}` : ''}`,
          ConditionExpression: '#seq = :seq',
          ExpressionAttributeNames: {
            '#state': 'state',
            '#seq': 'sequencer',
            '#updatedAt': 'updatedAt',
            ...Object.fromEntries(fields.map(([name]) => [`#${name}`, name])),
          },
          ExpressionAttributeValues: values,
        }),
      ),
    );
    if (!written) return false;
    await this.afterWrite({ kind: 'status', state });
    return true;
  }

  /**
   * Records a problem for a key that has no usable event (malformed record). Never overwrites
   * a status written by a real event.
   */
  async recordInvalidEvent(articleId: string, bucket: string, key: string, reason: string): Promise<void> {
    const now = this.now().toISOString();
    await unlessConditionFails(() =>
      this.table.doc.send(
        new UpdateCommand({
          TableName: this.table.tableName,
          Key: keys.status(articleId),
          UpdateExpression: `SET #state = :failed, #key = :key, #bucket = :bucket, #code = :code, #reason = :reason, #updatedAt = :now, #articleId = :id, ${STATUS_INDEX_SET.join(', ')}`,
          ConditionExpression: 'attribute_not_exists(pk)',
          ExpressionAttributeNames: {
            '#state': 'state',
            '#key': 'key',
            '#bucket': 'bucket',
            '#code': 'code',
            '#reason': 'reason',
            '#updatedAt': 'updatedAt',
            '#articleId': 'articleId',
          },
          ExpressionAttributeValues: {
            ':failed': 'failed',
            ':key': key,
            ':bucket': bucket,
            ':code': 'invalid-event',
            ':reason': reason.slice(0, 1000),
            ':now': now,
            ':id': articleId,
            ...statusIndexValues(now, articleId),
          },
        }),
      ),
    );
  }

  private async sync(claim: Claim, records: ArticleRecords | null, fresh = false): Promise<void> {
    for (let round = 0; ; round += 1) {
      try {
        await this.syncOnce(claim, records, fresh && round === 0);
        return;
      } catch (error) {
        if (!(error instanceof StaleDiff) || round + 1 >= MAX_SYNC_ROUNDS) throw error;
      }
    }
  }

  private async syncOnce(claim: Claim, wanted: ArticleRecords | null, fresh: boolean): Promise<void> {
    const id = claim.articleId;
    const [stored, oldMeta] = fresh ? [NOTHING_STORED, undefined] : await Promise.all([this.readMembers(id), this.readMetaSummary(id)]);
    const records = wanted && keepUndatedSortDate(wanted, oldMeta);
    const diff = diffMemberships(stored.memberships, records?.memberships ?? []);

    // Deleting: take the article out of listings first. Writing: show it only once complete.
    if (!records && oldMeta) await this.deleteMeta(claim);

    const link = records ? linkAttributes(records) : undefined;
    const linkContentChanged =
      !oldMeta || !records || oldMeta.title !== records.meta.title || oldMeta.lang !== records.meta.lang || oldMeta.publishedAt !== records.meta.publishedAt;

    // Links a crashed earlier run committed but may not have written: redone first.
    const wantedById = new Map((records?.memberships ?? []).map((m) => [m.entityId, m]));
    const repairs: LinkWrite[] = [
      ...stored.linksDue.flatMap((entityId) => (wantedById.has(entityId) ? [{ put: wantedById.get(entityId)! }] : [])),
      ...stored.unlinksDue.filter(({ entityId, sortDate }) => wantedById.get(entityId)?.sortDate !== sortDate).map((gone) => ({ delete: gone })),
    ];
    const ops: EntityOp[] = [
      ...diff.added.map((m) => this.addMembership(m)),
      ...diff.removed.map((m) => this.removeMembership(m)),
      ...diff.changed.map(({ before, after }) => this.changeMembership(before, after)),
      ...diff.unchanged.flatMap((m) => (stored.legacy.has(m.entityId) ? [this.moveLegacy(m)] : [])),
    ];
    for (const op of ops) if (stored.legacy.has(op.entityId)) this.fromLegacy(claim, op);
    // Title or language changed but the membership did not: only the links' copies change.
    const refreshes: LinkWrite[] = linkContentChanged && records ? diff.unchanged.map((m) => ({ put: m })) : [];
    await this.writeLinks(claim, [...repairs, ...refreshes], link);
    // Counts a crashed earlier run committed: their ranking buckets may not have followed. Entities
    // whose count this run changes again get the same correction after its own commit (applyGroup).
    const recounted = new Set(ops.filter((op) => op.counts?.articles).map((op) => op.entityId));
    const repaired = [...stored.linksDue, ...stored.unlinksDue.map(({ entityId }) => entityId)].filter((id) => !recounted.has(id));
    if (repaired.length) await syncRankBuckets(this.table, repaired);
    // One group after the other: each commit updates MEMBERS, and its due lists must be written out before the next replaces them.
    for (const group of groupOps(ops, this.entitiesPerTransaction)) await this.applyGroup(claim, group, link);
    if (!ops.some((op) => op.links.length) && (stored.linksDue.length || stored.unlinksDue.length)) await this.clearLinksDue(claim);

    if (records) await this.putMeta(claim, records, oldMeta !== undefined);
    else if (stored.exists || ops.length) await this.dropEmptyMembers(claim);
  }

  /**
   * The stored memberships: MEMBERS, plus any still stored one item each by an earlier
   * version of this code (`legacy`), which the next write moves into MEMBERS.
   */
  private async readMembers(articleId: string): Promise<StoredMembers> {
    const [{ Item }, legacy] = await Promise.all([
      this.table.doc.send(new GetCommand({ TableName: this.table.tableName, Key: keys.members(articleId), ConsistentRead: true })),
      this.readLegacyMemberships(articleId),
    ]);
    const memberships: Membership[] = [];
    for (const [attribute, value] of Object.entries(Item ?? {})) {
      const entityId = entityIdOfMemberAttribute(attribute);
      if (entityId !== undefined) memberships.push(MemberValue.parse({ ...(value as object), entityId }));
    }
    const inMembers = new Set(memberships.map((m) => m.entityId));
    const moved = legacy.filter((m) => !inMembers.has(m.entityId));
    const due = LinksDue.parse(Item ?? {});
    return {
      memberships: [...memberships, ...moved],
      legacy: new Set(moved.map((m) => m.entityId)),
      exists: Item !== undefined,
      linksDue: due.linksDue,
      unlinksDue: due.unlinksDue.map((entry) => ({ sortDate: entry.slice(0, entry.indexOf(' ')), entityId: entry.slice(entry.indexOf(' ') + 1) })),
    };
  }

  private async readLegacyMemberships(articleId: string): Promise<Membership[]> {
    const items: Membership[] = [];
    const { pk, skPrefix } = legacyMembershipQuery(articleId);
    let start: Record<string, unknown> | undefined;
    do {
      const page = await this.table.doc.send(
        new QueryCommand({
          TableName: this.table.tableName,
          KeyConditionExpression: 'pk = :pk AND begins_with(sk, :e)',
          ExpressionAttributeValues: { ':pk': pk, ':e': skPrefix },
          ConsistentRead: true,
          ExclusiveStartKey: start,
        }),
      );
      for (const item of page.Items ?? []) items.push(MembershipItem.parse(item));
      start = page.LastEvaluatedKey;
    } while (start);
    return items;
  }

  private async readMetaSummary(articleId: string): Promise<MetaSummary | undefined> {
    const { Item } = await this.table.doc.send(
      new GetCommand({
        TableName: this.table.tableName,
        Key: keys.article(articleId),
        ConsistentRead: true,
        ProjectionExpression: '#title, lang, publishedAt, sortDate',
        ExpressionAttributeNames: { '#title': 'title' },
      }),
    );
    return Item ? MetaSummary.parse(Item) : undefined;
  }

  private claimCheck(claim: Claim): TransactItem {
    return {
      ConditionCheck: {
        TableName: this.table.tableName,
        Key: keys.status(claim.articleId),
        ConditionExpression: '#seq = :seq',
        ExpressionAttributeNames: { '#seq': 'sequencer' },
        ExpressionAttributeValues: { ':seq': claim.sequencer },
      },
    };
  }

  /**
   * Puts and deletes link items, outside any transaction: a link is the article's entry in an
   * entity's list, not a count, so writing it twice or late changes nothing counted. That
   * halves what each link costs (a transaction bills every item twice). A crash between the
   * commit of the counts and these writes is repaired by the next run on the article, from
   * the due lists the same commit left in MEMBERS.
   */
  private async writeLinks(claim: Claim, writes: LinkWrite[], link: LinkAttributes | undefined): Promise<void> {
    const items = new Map<string, { put?: Record<string, unknown>; delete?: Record<string, string> }>();
    for (const write of writes) {
      if ('put' in write) {
        if (!link) continue;
        const key = keys.link(write.put.entityId, write.put.sortDate, claim.articleId);
        items.set(`${key.pk} ${key.sk}`, { put: { ...key, ...link, mentions: write.put.mentions } });
      } else {
        const key = keys.link(write.delete.entityId, write.delete.sortDate, claim.articleId);
        if (!items.has(`${key.pk} ${key.sk}`)) items.set(`${key.pk} ${key.sk}`, { delete: key });
      }
    }
    if (!items.size) return;
    await batchWrite(this.table, [...items.values()]);
    await this.afterWrite({ kind: 'links', count: items.size });
  }

  /** The due lists of a run that crashed before its link writes, once this run has redone them without committing counts itself. */
  private async clearLinksDue(claim: Claim): Promise<void> {
    await unlessConditionFails(() =>
      this.table.doc.send(
        new UpdateCommand({
          TableName: this.table.tableName,
          Key: keys.members(claim.articleId),
          UpdateExpression: 'REMOVE linksDue, unlinksDue',
          ConditionExpression: 'attribute_exists(pk)',
        }),
      ),
    );
  }

  /**
   * One update of MEMBERS for a group of entity changes: the new memberships, conditioned on
   * the old ones, and the number of members (so an emptied item can be dropped).
   */
  private membersUpdate(claim: Claim, group: EntityOp[]): TransactItem | undefined {
    const set: string[] = [];
    const remove: string[] = [];
    const conditions: string[] = [];
    const names: Record<string, string> = {};
    const values: Record<string, unknown> = {};
    let delta = 0;
    group.forEach((op, k) => {
      if (!op.member) return;
      names[`#e${k}`] = memberAttribute(op.entityId);
      const { expect, next } = op.member;
      if (expect) {
        conditions.push(`#e${k}.mentions = :om${k} AND #e${k}.sortDate = :od${k}`);
        values[`:om${k}`] = expect.mentions;
        values[`:od${k}`] = expect.sortDate;
      } else conditions.push(`attribute_not_exists(#e${k})`);
      if (next) {
        set.push(`#e${k} = :e${k}`);
        values[`:e${k}`] = memberValue(next);
      } else remove.push(`#e${k}`);
      delta += (next ? 1 : 0) - (expect ? 1 : 0);
    });
    if (!conditions.length) return undefined;
    names['#n'] = 'members';
    values[':delta'] = delta;
    // What this commit leaves for the link writes after it, so a crash before them is repaired.
    const puts = group.flatMap((op) => op.links.flatMap((w) => ('put' in w ? [w.put.entityId] : [])));
    const deletes = group.flatMap((op) => op.links.flatMap((w) => ('delete' in w ? [`${w.delete.sortDate} ${w.delete.entityId}`] : [])));
    set.push('linksDue = :linksDue', 'unlinksDue = :unlinksDue');
    values[':linksDue'] = puts;
    values[':unlinksDue'] = deletes;
    return {
      Update: {
        TableName: this.table.tableName,
        Key: keys.members(claim.articleId),
        UpdateExpression: [set.length ? `SET ${set.join(', ')}` : '', remove.length ? `REMOVE ${remove.join(', ')}` : '', 'ADD #n :delta']
          .filter(Boolean)
          .join(' '),
        ConditionExpression: conditions.join(' AND '),
        ExpressionAttributeNames: names,
        ExpressionAttributeValues: values,
      },
    };
  }

  /** A membership still stored as its own item: the change also moves it into MEMBERS. */
  private fromLegacy(claim: Claim, op: EntityOp): void {
    // The legacy item holds the stored state; MEMBERS does not have the entity yet.
    const expect = op.member ? op.member.expect : op.current;
    op.member = { next: op.member ? op.member.next : op.current, expect: undefined };
    op.items.push({
      Delete: {
        TableName: this.table.tableName,
        Key: keys.legacyMembership(claim.articleId, op.entityId),
        ...(expect
          ? {
              ConditionExpression: '#mentions = :m AND linkSk = :l',
              ExpressionAttributeNames: { '#mentions': 'mentions' },
              ExpressionAttributeValues: { ':m': expect.mentions, ':l': linkSortKey(expect.sortDate, claim.articleId) },
            }
          : { ConditionExpression: 'attribute_exists(pk)' }),
      },
    });
  }

  /** An unchanged membership still stored as its own item: only the move. */
  private moveLegacy(membership: Membership): EntityOp {
    return { entityId: membership.entityId, change: 'refresh', items: [], links: [], current: membership };
  }

  /** After a removal, MEMBERS with no member left goes too (unless a newer version has since added some). */
  private async dropEmptyMembers(claim: Claim): Promise<void> {
    await unlessConditionFails(() =>
      this.table.doc.send(
        new DeleteCommand({
          TableName: this.table.tableName,
          Key: keys.members(claim.articleId),
          ConditionExpression: 'attribute_not_exists(#n) OR #n <= :zero',
          ExpressionAttributeNames: { '#n': 'members' },
          ExpressionAttributeValues: { ':zero': 0 },
        }),
      ),
    );
  }

  /**
   * Commits a group of entity changes in one transaction (fewer round trips than one each),
   * guarded by the claim, then drops entities no article counts toward any more.
   */
  private async applyGroup(claim: Claim, group: EntityOp[], link: LinkAttributes | undefined): Promise<void> {
    const members = this.membersUpdate(claim, group);
    const buckets = await this.predictBuckets(group);
    await this.transact(0, [
      this.claimCheck(claim),
      ...(members ? [members] : []),
      ...group.flatMap((op) => [...(op.counts ? [this.countItem(op.entityId, op.counts, buckets.get(op.entityId))] : []), ...op.items]),
    ]);
    await this.afterWrite({ kind: 'entities', changes: group.map(({ entityId, change }) => ({ entityId, change })) });
    await this.writeLinks(
      claim,
      group.flatMap((op) => op.links),
      link,
    );
    const counted = group.filter((op) => op.counts?.articles).map((op) => op.entityId);
    if (!counted.length) return;
    // One consistent read after the commit serves both the clean-up and the ranking buckets.
    const items = await batchGet(
      this.table,
      counted.map((id) => keys.entity(id)),
      { consistent: true },
    );
    const removed = new Map(group.filter((op) => op.change === 'remove').map((op) => [keys.entity(op.entityId).pk, op.entityId]));
    for (const item of items) {
      const removedId = removed.get(String(item.pk));
      if (removedId !== undefined && !(Number(item.articleCount) > 0) && (await this.dropEntity(removedId))) continue;
      await moveToBucket(this.table, item);
    }
    await this.afterWrite({ kind: 'ranks', entityIds: counted });
  }

  /**
   * The ranking bucket each entity whose article count this group changes moves to, from a
   * read before the commit: most moves then ride along in the commit's own update of the
   * entity. The read is eventually consistent and others may count the entity meanwhile, so
   * the consistent read after the commit (applyGroup) corrects what this got wrong.
   */
  private async predictBuckets(group: EntityOp[]): Promise<Map<string, number | null>> {
    const counted = group.filter((op) => op.counts?.articles);
    const out = new Map<string, number | null>();
    if (!counted.length) return out;
    const stored = new Map(
      (
        await batchGet(
          this.table,
          counted.map((op) => keys.entity(op.entityId)),
        )
      ).map((item) => [String(item.pk), item]),
    );
    for (const op of counted) {
      const item = stored.get(keys.entity(op.entityId).pk);
      const current = item?.[TABLE.indexes.byTypeBucket.sortKey];
      const wanted = rankBucketFor(Number(item?.articleCount ?? 0) + op.counts!.articles, typeof current === 'number' ? current : undefined);
      if (wanted !== undefined) out.set(op.entityId, wanted);
    }
    return out;
  }

  /** Deletes an entity no article counts toward any more; false when it stays (another article added it back, or an editor decided on it). */
  private async dropEntity(entityId: string): Promise<boolean> {
    const deleted = await unlessConditionFails(() =>
      this.table.doc.send(
        new DeleteCommand({
          TableName: this.table.tableName,
          Key: keys.entity(entityId),
          // An editor's decision lives on the entity item and must outlast its articles.
          ConditionExpression: `articleCount <= :zero AND ${EDITORIAL_ATTRIBUTES.map((name) => `attribute_not_exists(${name})`).join(' AND ')}`,
          ExpressionAttributeValues: { ':zero': 0 },
        }),
      ),
    );
    if (deleted) await this.afterWrite({ kind: 'entity-cleanup', entityId });
    return deleted;
  }

  private addMembership(membership: Membership): EntityOp {
    const index = entityIndexAttributes(membership.entityId, membership.type);
    const names = aliasUpdate(membership.lang, membership.aliases, 1);
    return {
      entityId: membership.entityId,
      change: 'add',
      current: membership,
      member: { next: membership },
      links: [{ put: membership }],
      items: [],
      counts: {
        articles: 1,
        set: [
          '#id = if_not_exists(#id, :id)',
          '#type = if_not_exists(#type, :type)',
          '#name = if_not_exists(#name, :name)',
          'gsi4pk = if_not_exists(gsi4pk, :gsi4pk)',
        ],
        add: ['articleCount :a', 'mentionCount :m', ...names.add],
        names: { '#id': 'id', '#type': 'type', '#name': 'name', ...names.names },
        values: {
          ':id': membership.entityId,
          ':type': membership.type,
          ':name': membership.name,
          ':gsi4pk': index.gsi4pk,
          ':a': 1,
          ':m': membership.mentions,
          ...names.values,
        },
      },
    };
  }

  private removeMembership(membership: Membership): EntityOp {
    return {
      entityId: membership.entityId,
      change: 'remove',
      current: membership,
      member: { expect: membership },
      links: [{ delete: { entityId: membership.entityId, sortDate: membership.sortDate } }],
      items: [],
      counts: countChanges(-1, -membership.mentions, aliasUpdate(membership.lang, membership.aliases, -1)),
    };
  }

  private changeMembership(before: Membership, after: Membership): EntityOp {
    const links: LinkWrite[] = [{ put: after }];
    if (before.sortDate !== after.sortDate) links.push({ delete: { entityId: before.entityId, sortDate: before.sortDate } });
    const names = aliasDelta(before, after);
    const counts = before.mentions !== after.mentions || names.add.length ? countChanges(0, after.mentions - before.mentions, names) : undefined;
    return { entityId: after.entityId, change: 'change', items: [], counts, links, current: after, member: { expect: before, next: after } };
  }

  /**
   * The entity item's update for its count changes. `bucket`: the ranking bucket its new
   * article count falls in, when that differs from its stored one (null: none, the count is
   * zero); undefined leaves the bucket alone.
   */
  private countItem(entityId: string, counts: CountChanges, bucket: number | null | undefined): TransactItem {
    const names: Record<string, string> = { ...counts.names };
    const values: Record<string, unknown> = { ...counts.values };
    const set = [...counts.set];
    const remove: string[] = [];
    if (bucket !== undefined) {
      names['#bucket'] = TABLE.indexes.byTypeBucket.sortKey;
      if (bucket === null) remove.push('#bucket');
      else {
        set.push('#bucket = :bucket');
        values[':bucket'] = bucket;
      }
    }
    const clauses = [
      set.length ? `SET ${set.join(', ')}` : '',
      remove.length ? `REMOVE ${remove.join(', ')}` : '',
      counts.add.length ? `ADD ${counts.add.join(', ')}` : '',
    ];
    return {
      Update: {
        TableName: this.table.tableName,
        Key: keys.entity(entityId),
        UpdateExpression: clauses.filter(Boolean).join(' '),
        ...(Object.keys(names).length ? { ExpressionAttributeNames: names } : {}),
        ...(Object.keys(values).length ? { ExpressionAttributeValues: values } : {}),
      },
    };
  }

  private async putMeta(claim: Claim, records: ArticleRecords, existed: boolean): Promise<void> {
    const additions = await monthIndexAdditions(this.table, records.month, records.meta.lang);
    await this.transact(0, [
      this.claimCheck(claim),
      {
        Put: {
          TableName: this.table.tableName,
          Item: {
            ...keys.article(claim.articleId),
            ...records.meta,
            ...articleIndexAttributes(records.meta.id, records.month, records.meta.sortDate, records.meta.lang),
          },
          ConditionExpression: existed ? 'attribute_exists(pk)' : 'attribute_not_exists(pk)',
        },
      },
      { Put: { TableName: this.table.tableName, Item: { ...keys.digest(claim.articleId), ...records.digest } } },
      ...(records.text === undefined
        ? []
        : [{ Put: { TableName: this.table.tableName, Item: { ...keys.text(claim.articleId), text: compressText(records.text) } } }]),
      ...statsUpdates(this.table.tableName, statsShardOf(claim.articleId), existed ? 0 : 1, records.month, records.meta.lang, additions),
    ]);
    await this.afterWrite({ kind: 'meta', change: 'put' });
  }

  private async deleteMeta(claim: Claim): Promise<void> {
    await this.transact(0, [
      this.claimCheck(claim),
      { Delete: { TableName: this.table.tableName, Key: keys.article(claim.articleId), ConditionExpression: 'attribute_exists(pk)' } },
      { Delete: { TableName: this.table.tableName, Key: keys.digest(claim.articleId) } },
      { Delete: { TableName: this.table.tableName, Key: keys.text(claim.articleId) } },
      {
        Update: {
          TableName: this.table.tableName,
          Key: keys.stats(statsShardOf(claim.articleId)),
          UpdateExpression: 'ADD articleCount :minus',
          ExpressionAttributeValues: { ':minus': -1 },
        },
      },
    ]);
    await this.afterWrite({ kind: 'meta', change: 'delete' });
  }

  /**
   * Runs one transaction. `claimIndex` is the position of the claim ConditionCheck: if that
   * failed the claim is lost; any other failed condition means our diff is stale. Conflicts
   * with concurrent transactions on the same entity are retried with jittered backoff.
   */
  private async transact(claimIndex: number, items: TransactItem[]): Promise<void> {
    for (let attempt = 0; ; attempt += 1) {
      try {
        await this.table.doc.send(new TransactWriteCommand({ TransactItems: items }));
        return;
      } catch (error) {
        if (!isErrorNamed(error, 'TransactionCanceledException')) throw error;
        const reasons = ((error as { CancellationReasons?: Array<{ Code?: string }> }).CancellationReasons ?? []).map((r) => r.Code ?? 'None');
        if (reasons[claimIndex] === 'ConditionalCheckFailed') throw new LostClaim();
        if (reasons.includes('ConditionalCheckFailed')) throw new StaleDiff();
        const retryable = reasons.some((code) => code === 'TransactionConflict' || code === 'ThrottlingError' || code === 'ProvisionedThroughputExceeded');
        if (!retryable || attempt + 1 >= MAX_CONFLICT_RETRIES) throw error;
        await sleep(Math.random() * Math.min(1000, 20 * 2 ** attempt));
      }
    }
  }
}

/** Entity attributes that record a decision (see storage/entity-store.ts): such an item is never cleaned up. */
export const EDITORIAL_ATTRIBUTES = ['mergedInto', 'suppressed', 'pinned', 'displayName'] as const;

interface AliasUpdate {
  add: string[];
  names: Record<string, string>;
  values: Record<string, number>;
}

/** ADD clauses for per-language name counts, `sign` times the membership's counts. */
function aliasUpdate(lang: string, aliases: Record<string, number>, sign: number): AliasUpdate {
  return aliasChanges(Object.entries(aliases).map(([name, count]) => [aliasAttribute(lang, name), sign * count]));
}

/** ADD clauses that turn the name counts of `before` into those of `after`. */
function aliasDelta(before: Membership, after: Membership): AliasUpdate {
  const delta = new Map<string, number>();
  for (const [name, count] of Object.entries(before.aliases)) delta.set(aliasAttribute(before.lang, name), -count);
  for (const [name, count] of Object.entries(after.aliases)) {
    const attribute = aliasAttribute(after.lang, name);
    delta.set(attribute, (delta.get(attribute) ?? 0) + count);
  }
  return aliasChanges([...delta].filter(([, count]) => count !== 0));
}

function aliasChanges(changes: Array<[string, number]>): AliasUpdate {
  const update: AliasUpdate = { add: [], names: {}, values: {} };
  changes.forEach(([attribute, count], k) => {
    update.add.push(`#n${k} :n${k}`);
    update.names[`#n${k}`] = attribute;
    update.values[`:n${k}`] = count;
  });
  return update;
}

/** The writes of one entity's membership change, without the claim check and MEMBERS. */
interface EntityOp {
  entityId: string;
  change: EntityChange;
  /** Its count changes on the entity item, committed with MEMBERS. */
  counts?: CountChanges;
  /** Other items its commit writes (a membership moved from its own item). */
  items: TransactItem[];
  /** Its link writes, after the commit. */
  links: LinkWrite[];
  /** The membership as this version wants it (or, for a removal, as stored). */
  current: Membership;
  /** Its change in MEMBERS: the stored state it requires (none: absent) and the new one (none: removed). */
  member?: { expect?: Membership; next?: Membership };
}

/** An entity item's count changes as update clauses: articles is the change of its article count. */
interface CountChanges {
  articles: number;
  set: string[];
  add: string[];
  names: Record<string, string>;
  values: Record<string, unknown>;
}

/** Count changes: articles, mentions and per-language name counts. */
function countChanges(articles: number, mentions: number, names: AliasUpdate): CountChanges {
  return {
    articles,
    set: [],
    add: [...(articles ? ['articleCount :a'] : []), ...(mentions ? ['mentionCount :m'] : []), ...names.add],
    names: names.names,
    values: { ...(articles ? { ':a': articles } : {}), ...(mentions ? { ':m': mentions } : {}), ...names.values },
  };
}

/** True when a claim's previous status says the key was never seen: no status item existed. */
export function isFresh(previous: PreviousStatus | undefined): boolean {
  return previous !== undefined && Object.values(previous).every((value) => value === undefined);
}

interface StoredMembers {
  memberships: Membership[];
  legacy: Set<string>;
  exists: boolean;
  /** Link writes the last commit left due (see writeLinks). */
  linksDue: string[];
  unlinksDue: Array<{ entityId: string; sortDate: string }>;
}

const NOTHING_STORED: StoredMembers = { memberships: [], legacy: new Set(), exists: false, linksDue: [], unlinksDue: [] };

type LinkWrite = { put: Membership } | { delete: { entityId: string; sortDate: string } };

function groupOps(ops: EntityOp[], size: number): EntityOp[][] {
  const groups: EntityOp[][] = [];
  for (let i = 0; i < ops.length; i += size) groups.push(ops.slice(i, i + size));
  return groups;
}

interface LinkAttributes {
  articleId: string;
  key: string;
  title: string;
  lang: string;
  publishedAt?: string;
  sortDate: string;
}

function linkAttributes(records: ArticleRecords): LinkAttributes {
  return {
    articleId: records.meta.id,
    key: records.meta.key,
    title: records.meta.title,
    lang: records.meta.lang,
    publishedAt: records.meta.publishedAt,
    sortDate: records.meta.sortDate,
  };
}

/** Every status write also moves the item in the recent-objects listing (GET /objects). */
const STATUS_INDEX_SET = ['gsi1pk = :statusPk', 'gsi1sk = :statusSk'];

function statusIndexValues(updatedAt: string, articleId: string) {
  const index = statusIndexAttributes(updatedAt, articleId);
  return { ':statusPk': index.gsi1pk, ':statusSk': index.gsi1sk };
}

/**
 * Article text as a Brotli-compressed binary attribute of its own item: news text shrinks to
 * about a third, and the item is read only by GET /articles/{id}/text, so listings and the
 * article item (whose size every index write pays for) stay small.
 */
export function compressText(text: string): Uint8Array {
  return brotliCompressSync(Buffer.from(text, 'utf8'), { params: { [zlibConstants.BROTLI_PARAM_QUALITY]: 5 } });
}

export function decompressText(bytes: Uint8Array): string {
  return brotliDecompressSync(bytes).toString('utf8');
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** One MEMBERS attribute: the membership without its entity id, which names the attribute. */
function memberValue({ entityId: _id, ...rest }: Membership) {
  return rest;
}

/** The due lists of MEMBERS: entity ids whose link must be put, and `<sortDate> <entityId>` of links to delete. */
const LinksDue = z.object({
  linksDue: z.array(z.string()).default([]),
  unlinksDue: z.array(z.string().regex(/^\S+ \S+$/)).default([]),
});

/** MEMBERS attributes read back: checked, because the counts are computed from them. */
const MemberValue = z.object({
  entityId: z.string(),
  type: z.enum(ENTITY_TYPES),
  name: z.string(),
  mentions: z.number().int().positive(),
  sortDate: z.string(),
  lang: z.string(),
  aliases: z.record(z.string(), z.number().int().positive()),
});

/** Membership items as once stored one per entity: checked, because the counts are computed from them. */
const MembershipItem = z
  .object({
    entityId: z.string(),
    type: z.enum(ENTITY_TYPES),
    name: z.string(),
    mentions: z.number().int().positive(),
    linkSk: z.string(),
    sortDate: z.string().optional(),
    lang: z.string().default('und'),
    aliases: z.record(z.string(), z.number().int().positive()).optional(),
  })
  .transform(
    ({ linkSk, sortDate, aliases, ...rest }): Membership => ({
      ...rest,
      sortDate: sortDate ?? linkSk.split('#')[1] ?? '',
      // Written before names were counted: the membership's own name stands for all mentions.
      aliases: aliases ?? { [rest.name]: rest.mentions },
    }),
  );

const MetaSummary = z.object({
  title: z.string().optional(),
  lang: z.string().optional(),
  publishedAt: z.string().optional(),
  sortDate: z.string().optional(),
});
type MetaSummary = z.infer<typeof MetaSummary>;
