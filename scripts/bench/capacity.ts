/**
 * DynamoDB capacity units of every command a client sends, computed with AWS's documented
 * sizing rules rather than taken from DynamoDB Local, whose own figures leave out index
 * writes and undercount transactional updates (they are printed beside ours as a sanity
 * check only).
 *
 * Rules (Amazon DynamoDB Developer Guide: "DynamoDB item sizes and formats", "Read/write
 * capacity mode", "Managing capacity for transactions", "Global secondary indexes: writes"):
 * - Item size: per attribute, the UTF-8 bytes of its name plus its value: strings their UTF-8
 *   bytes, numbers 1 byte per two significant digits plus 1, binary its raw bytes, null and
 *   boolean 1 byte, lists and maps 3 bytes plus each element's size plus 1 byte per element,
 *   sets the sum of their elements.
 * - Writes: 1 unit per started KB of the larger of the item before and after the write (a
 *   delete: the item before; a failed condition: the item as it stands, at least 1 unit).
 * - Reads: 1 unit per started 4 KB, half for an eventually consistent read; a Query sums the
 *   items it evaluates on a page before rounding; a missing item still costs the minimum.
 * - Transactions: every item twice, a ConditionCheck included; a cancelled transaction is
 *   charged as attempted (sized from the items as they stood).
 * - Global secondary indexes: a table write puts, updates or deletes the index entry of each
 *   index whose key attributes the item has before or after; a changed index key is a delete
 *   plus a put. An entry's size is its projected attributes plus 100 bytes. Index writes are
 *   not doubled inside transactions (the index is updated after the table item commits).
 *
 * To know the items before and after a write the meter reads them with a separate client
 * that is not metered, so those reads cost nothing here.
 */
import {
  type AttributeValue,
  BatchGetItemCommand,
  DescribeTableCommand,
  type DynamoDBClient,
  QueryCommand,
  type QueryCommandInput,
} from '@aws-sdk/client-dynamodb';

export type Item = Record<string, AttributeValue>;

const utf8 = (text: string): number => Buffer.byteLength(text, 'utf8');

/** Significant digits of a DynamoDB number: sign, point and exponent dropped, leading and trailing zeros trimmed. */
export function significantDigits(number: string): number {
  const mantissa = number.replace(/^[+-]/, '').split(/e/i)[0] ?? '';
  return mantissa.replace('.', '').replace(/^0+/, '').replace(/0+$/, '').length;
}

function numberSize(number: string): number {
  return Math.ceil(significantDigits(number) / 2) + 1;
}

/** Size of an attribute value without its name. */
export function valueSize(value: AttributeValue): number {
  if (value.S !== undefined) return utf8(value.S);
  if (value.N !== undefined) return numberSize(value.N);
  if (value.B !== undefined) return value.B.byteLength;
  if (value.BOOL !== undefined || value.NULL !== undefined) return 1;
  if (value.SS !== undefined) return value.SS.reduce((sum, s) => sum + utf8(s), 0);
  if (value.NS !== undefined) return value.NS.reduce((sum, n) => sum + numberSize(n), 0);
  if (value.BS !== undefined) return value.BS.reduce((sum, b) => sum + b.byteLength, 0);
  if (value.L !== undefined) return 3 + value.L.reduce((sum, element) => sum + valueSize(element) + 1, 0);
  if (value.M !== undefined) return 3 + Object.entries(value.M).reduce((sum, [name, element]) => sum + utf8(name) + valueSize(element) + 1, 0);
  throw new Error(`unknown attribute value type: ${Object.keys(value).join(', ')}`);
}

/** Size of an item (0 for none). */
export function itemSize(item: Item | undefined): number {
  if (!item) return 0;
  return Object.entries(item).reduce((sum, [name, value]) => sum + utf8(name) + valueSize(value), 0);
}

export const WRITE_UNIT_BYTES = 1024;
export const READ_UNIT_BYTES = 4096;
/** Added to every index entry's projected attributes. */
export const INDEX_ENTRY_OVERHEAD = 100;
/** Added to every item and index entry for storage (not for capacity units). */
export const STORAGE_ITEM_OVERHEAD = 100;

export function writeUnits(bytes: number): number {
  return Math.max(1, Math.ceil(bytes / WRITE_UNIT_BYTES));
}

export function readUnits(bytes: number, consistent: boolean): number {
  const units = Math.max(1, Math.ceil(bytes / READ_UNIT_BYTES));
  return consistent ? units : units / 2;
}

export interface IndexSchema {
  name: string;
  partitionKey: string;
  sortKey?: string;
  projection: 'ALL' | 'KEYS_ONLY' | 'INCLUDE';
  nonKeyAttributes?: string[];
}

export interface TableSchema {
  partitionKey: string;
  sortKey?: string;
  indexes: IndexSchema[];
}

/** The item's entry in an index, or undefined when it lacks one of the index's key attributes. */
export function indexEntry(item: Item | undefined, table: TableSchema, index: IndexSchema): Item | undefined {
  if (!item || item[index.partitionKey] === undefined || (index.sortKey && item[index.sortKey] === undefined)) return undefined;
  if (index.projection === 'ALL') return item;
  const names = [
    table.partitionKey,
    table.sortKey,
    index.partitionKey,
    index.sortKey,
    ...(index.projection === 'INCLUDE' ? (index.nonKeyAttributes ?? []) : []),
  ];
  const entry: Item = {};
  for (const name of names) if (name && item[name] !== undefined) entry[name] = item[name];
  return entry;
}

export function indexEntrySize(entry: Item): number {
  return itemSize(entry) + INDEX_ENTRY_OVERHEAD;
}

/** A value in a canonical text form: equal values, equal text (set order and map key order do not matter). */
export function canonical(value: AttributeValue | Item): string {
  const v = value as AttributeValue;
  if (v.S !== undefined) return `S${JSON.stringify(v.S)}`;
  if (v.N !== undefined) return `N${v.N}`;
  if (v.B !== undefined) return `B${Buffer.from(v.B).toString('base64')}`;
  if (v.BOOL !== undefined) return `BOOL${v.BOOL}`;
  if (v.NULL !== undefined) return 'NULL';
  if (v.SS !== undefined) return `SS${JSON.stringify([...v.SS].sort())}`;
  if (v.NS !== undefined) return `NS${JSON.stringify([...v.NS].sort())}`;
  if (v.BS !== undefined) return `BS${JSON.stringify(v.BS.map((b) => Buffer.from(b).toString('base64')).sort())}`;
  if (v.L !== undefined) return `L[${v.L.map(canonical).join(',')}]`;
  const map = (v.M ?? value) as Item;
  return `M{${Object.keys(map)
    .sort()
    .map((name) => `${JSON.stringify(name)}:${canonical(map[name]!)}`)
    .join(',')}}`;
}

export type IndexOperation = 'put' | 'update' | 'delete';

export interface IndexWrite {
  index: string;
  operation: IndexOperation;
  /** The entry written (put, update) or removed (delete). */
  entry: Item;
  units: number;
}

/** What a table write costs on each index, from the item before and after it. */
export function indexWrites(before: Item | undefined, after: Item | undefined, table: TableSchema): IndexWrite[] {
  const writes: IndexWrite[] = [];
  for (const index of table.indexes) {
    const old = indexEntry(before, table, index);
    const now = indexEntry(after, table, index);
    const put = (entry: Item): IndexWrite => ({ index: index.name, operation: 'put', entry, units: writeUnits(indexEntrySize(entry)) });
    const remove = (entry: Item): IndexWrite => ({ index: index.name, operation: 'delete', entry, units: writeUnits(indexEntrySize(entry)) });
    if (!old && now) writes.push(put(now));
    else if (old && !now) writes.push(remove(old));
    else if (old && now) {
      const keys = [index.partitionKey, index.sortKey].filter((name): name is string => name !== undefined);
      const sameKey = keys.every((name) => canonical(old[name]!) === canonical(now[name]!));
      if (!sameKey) writes.push(remove(old), put(now));
      else if (canonical(old) !== canonical(now)) {
        writes.push({ index: index.name, operation: 'update', entry: now, units: writeUnits(Math.max(indexEntrySize(old), indexEntrySize(now))) });
      }
    }
  }
  return writes;
}

export type TableOperation = 'put' | 'update' | 'delete' | 'check';

/** Units of one table write (an item of a transaction counts twice). */
export function tableWriteUnits(
  operation: TableOperation,
  before: Item | undefined,
  after: Item | undefined,
  options: { failed: boolean; transactional: boolean },
): number {
  const bytes = options.failed || operation === 'check' || operation === 'delete' ? itemSize(before) : Math.max(itemSize(before), itemSize(after));
  return writeUnits(bytes) * (options.transactional ? 2 : 1);
}

/** One charge: a table item written or read, an index entry written, or a Query page read. */
export interface CapacityRecord {
  command: string;
  /** 'table', or the index name for index writes and index queries. */
  target: string;
  access: 'read' | 'write';
  operation: TableOperation | IndexOperation | 'get' | 'query';
  /** Partition key of the item (of the index entry for index writes; the partition queried for a Query). */
  pk: string;
  /** Sort key likewise; absent for a Query page. */
  sk?: string;
  /** For index writes: the table item's keys. */
  itemPk?: string;
  itemSk?: string;
  units: number;
  transactional: boolean;
  failed: boolean;
}

/** DynamoDB Local's own ConsumedCapacity, summed. */
export interface LocalFigures {
  read: number;
  write: number;
}

const keyText = (value: AttributeValue | undefined): string => value?.S ?? value?.N ?? (value?.B ? Buffer.from(value.B).toString('base64') : '');

const RETURNS_CONSUMED_CAPACITY = new Set([
  'GetItemCommand',
  'PutItemCommand',
  'UpdateItemCommand',
  'DeleteItemCommand',
  'QueryCommand',
  'ScanCommand',
  'BatchGetItemCommand',
  'BatchWriteItemCommand',
  'TransactGetItemsCommand',
  'TransactWriteItemsCommand',
]);

const READ_COMMANDS = new Set(['GetItemCommand', 'QueryCommand', 'ScanCommand', 'BatchGetItemCommand', 'TransactGetItemsCommand']);

interface PlannedWrite {
  table: string;
  key: Item;
  operation: TableOperation;
  transactional: boolean;
}

interface Output {
  ConsumedCapacity?: { CapacityUnits?: number } | Array<{ CapacityUnits?: number }>;
  UnprocessedItems?: Record<string, Array<{ PutRequest?: { Item: Record<string, unknown> }; DeleteRequest?: { Key: Record<string, unknown> } }>>;
  UnprocessedKeys?: Record<string, { Keys?: Array<Record<string, unknown>> }>;
}

/** A key attribute as text, from either the low-level form ({ S: 'x' }) or the document client's (output of a DocumentClient command). */
function looseKeyText(value: unknown): string {
  if (value === undefined) return '';
  if (value && typeof value === 'object') return keyText(value as AttributeValue);
  return String(value);
}

/**
 * Meters every command of the clients it is attached to. `take()` hands over what was
 * charged since the last call; `enabled = false` passes commands through untouched (timing).
 */
export class CapacityMeter {
  enabled = true;
  /** Commands the meter cannot price; anything here makes the figures incomplete. */
  readonly unsupported = new Map<string, number>();
  private records: CapacityRecord[] = [];
  private local: LocalFigures = { read: 0, write: 0 };
  private readonly schemas = new Map<string, Promise<TableSchema>>();

  /** `shadow`: a client to the same endpoint that is not metered, for the reads the meter makes itself. */
  constructor(private readonly shadow: DynamoDBClient) {}

  attach(client: DynamoDBClient): void {
    client.middlewareStack.add(
      (next, context) => async (args) => {
        const input = (args as unknown as { input: Record<string, unknown> }).input;
        if (this.enabled && RETURNS_CONSUMED_CAPACITY.has(String(context.commandName)) && input.ReturnConsumedCapacity === undefined) {
          input.ReturnConsumedCapacity = 'TOTAL';
        }
        return next(args);
      },
      { step: 'initialize', name: 'capacityMeterAsksLocal' },
    );
    // After serialisation: the input is in its marshalled form whichever client sent it.
    client.middlewareStack.add(
      (next, context) => async (args) => {
        if (!this.enabled) return next(args);
        const command = String(context.commandName);
        const input = (args as unknown as { input: Record<string, unknown> }).input;
        const planned = await this.plan(command, input);
        const before = await this.readItems(planned.map((write) => ({ table: write.table, key: write.key })));
        let result: Awaited<ReturnType<typeof next>> | undefined;
        let failure: unknown;
        try {
          result = await next(args);
        } catch (error) {
          failure = error;
        }
        const output = (result?.output ?? {}) as Output;
        if (READ_COMMANDS.has(command)) await this.chargeReads(command, input, output, failure);
        else if (planned.length) await this.chargeWrites(command, planned, before, output, failure);
        else if (RETURNS_CONSUMED_CAPACITY.has(command)) this.unsupported.set(command, (this.unsupported.get(command) ?? 0) + 1);
        this.noteLocal(command, output);
        if (failure !== undefined) throw failure;
        return result!;
      },
      { step: 'build', name: 'capacityMeter' },
    );
  }

  take(): { records: CapacityRecord[]; local: LocalFigures } {
    const out = { records: this.records, local: this.local };
    this.records = [];
    this.local = { read: 0, write: 0 };
    return out;
  }

  /** The key schema and indexes of a table, asked once. */
  schema(table: string): Promise<TableSchema> {
    let known = this.schemas.get(table);
    if (!known) {
      known = this.shadow.send(new DescribeTableCommand({ TableName: table })).then(({ Table }) => {
        const keyOf = (schema: Array<{ AttributeName?: string; KeyType?: string }> | undefined, type: string) =>
          schema?.find((element) => element.KeyType === type)?.AttributeName;
        return {
          partitionKey: keyOf(Table?.KeySchema, 'HASH')!,
          sortKey: keyOf(Table?.KeySchema, 'RANGE'),
          indexes: (Table?.GlobalSecondaryIndexes ?? []).map((index) => ({
            name: index.IndexName!,
            partitionKey: keyOf(index.KeySchema, 'HASH')!,
            sortKey: keyOf(index.KeySchema, 'RANGE'),
            projection: (index.Projection?.ProjectionType ?? 'ALL') as IndexSchema['projection'],
            nonKeyAttributes: index.Projection?.NonKeyAttributes,
          })),
        };
      });
      this.schemas.set(table, known);
    }
    return known;
  }

  private async keyOf(table: string, item: Item): Promise<Item> {
    const schema = await this.schema(table);
    const key: Item = { [schema.partitionKey]: item[schema.partitionKey]! };
    if (schema.sortKey) key[schema.sortKey] = item[schema.sortKey]!;
    return key;
  }

  /** The items a write command touches. */
  private async plan(command: string, input: Record<string, unknown>): Promise<PlannedWrite[]> {
    const table = input.TableName as string;
    switch (command) {
      case 'PutItemCommand':
        return [{ table, key: await this.keyOf(table, input.Item as Item), operation: 'put', transactional: false }];
      case 'UpdateItemCommand':
        return [{ table, key: input.Key as Item, operation: 'update', transactional: false }];
      case 'DeleteItemCommand':
        return [{ table, key: input.Key as Item, operation: 'delete', transactional: false }];
      case 'BatchWriteItemCommand': {
        const writes: PlannedWrite[] = [];
        for (const [name, requests] of Object.entries(
          input.RequestItems as Record<string, Array<{ PutRequest?: { Item: Item }; DeleteRequest?: { Key: Item } }>>,
        )) {
          for (const request of requests) {
            if (request.PutRequest) writes.push({ table: name, key: await this.keyOf(name, request.PutRequest.Item), operation: 'put', transactional: false });
            else if (request.DeleteRequest) writes.push({ table: name, key: request.DeleteRequest.Key, operation: 'delete', transactional: false });
          }
        }
        return writes;
      }
      case 'TransactWriteItemsCommand': {
        const writes: PlannedWrite[] = [];
        type Action = { TableName: string; Key?: Item; Item?: Item };
        for (const action of input.TransactItems as Array<{ Put?: Action; Update?: Action; Delete?: Action; ConditionCheck?: Action }>) {
          const [operation, body] = action.Put
            ? (['put', action.Put] as const)
            : action.Update
              ? (['update', action.Update] as const)
              : action.Delete
                ? (['delete', action.Delete] as const)
                : (['check', action.ConditionCheck!] as const);
          const key = body.Key ?? (await this.keyOf(body.TableName, body.Item!));
          writes.push({ table: body.TableName, key, operation, transactional: true });
        }
        return writes;
      }
      default:
        return [];
    }
  }

  /** Current items by key, strongly consistent, through the unmetered client. */
  private async readItems(keys: Array<{ table: string; key: Item }>): Promise<Map<string, Item>> {
    const found = new Map<string, Item>();
    const byTable = new Map<string, Item[]>();
    for (const { table, key } of keys) byTable.set(table, [...(byTable.get(table) ?? []), key]);
    for (const [table, tableKeys] of byTable) {
      const schema = await this.schema(table);
      for (let i = 0; i < tableKeys.length; i += 100) {
        let request: Record<string, { Keys: Item[]; ConsistentRead: boolean }> | undefined = {
          [table]: { Keys: tableKeys.slice(i, i + 100), ConsistentRead: true },
        };
        while (request && Object.keys(request).length) {
          const response = await this.shadow.send(new BatchGetItemCommand({ RequestItems: request }));
          for (const item of response.Responses?.[table] ?? []) found.set(itemId(table, item, schema), item);
          request = response.UnprocessedKeys as typeof request;
        }
      }
    }
    return found;
  }

  private async chargeWrites(command: string, planned: PlannedWrite[], before: Map<string, Item>, output: Output, failure: unknown): Promise<void> {
    const name = (failure as { name?: string } | undefined)?.name;
    const failedCondition = name === 'ConditionalCheckFailedException' || name === 'TransactionCanceledException';
    // Anything else (validation, throttling, network) did not reach the items.
    if (failure !== undefined && !failedCondition) return;
    const unprocessed = new Set<string>();
    for (const [table, requests] of Object.entries(output.UnprocessedItems ?? {})) {
      const schema = await this.schema(table);
      for (const request of requests) {
        unprocessed.add(itemId(table, request.PutRequest?.Item ?? request.DeleteRequest?.Key ?? {}, schema));
      }
    }
    const after = failedCondition ? before : await this.readItems(planned.map((write) => ({ table: write.table, key: write.key })));
    for (const write of planned) {
      const schema = await this.schema(write.table);
      const id = itemId(write.table, write.key, schema);
      if (unprocessed.has(id)) continue;
      const old = before.get(id);
      const now = after.get(id);
      const pk = keyText(write.key[schema.partitionKey]);
      const sk = schema.sortKey ? keyText(write.key[schema.sortKey]) : undefined;
      const base = { command, access: 'write' as const, transactional: write.transactional, failed: failedCondition };
      this.records.push({ ...base, target: 'table', operation: write.operation, pk, sk, units: tableWriteUnits(write.operation, old, now, base) });
      if (failedCondition || write.operation === 'check') continue;
      for (const change of indexWrites(old, now, schema)) {
        const index = schema.indexes.find((candidate) => candidate.name === change.index)!;
        this.records.push({
          ...base,
          transactional: false,
          target: change.index,
          operation: change.operation,
          pk: keyText(change.entry[index.partitionKey]),
          sk: index.sortKey ? keyText(change.entry[index.sortKey]) : undefined,
          itemPk: pk,
          itemSk: sk,
          units: change.units,
        });
      }
    }
  }

  private async chargeReads(command: string, input: Record<string, unknown>, output: Output, failure: unknown): Promise<void> {
    if (failure !== undefined) return;
    const base = { command, access: 'read' as const, failed: false };
    if (command === 'GetItemCommand' || command === 'TransactGetItemsCommand') {
      const gets =
        command === 'GetItemCommand'
          ? [{ TableName: input.TableName as string, Key: input.Key as Item }]
          : (input.TransactItems as Array<{ Get: { TableName: string; Key: Item } }>).map((item) => item.Get);
      const items = await this.readItems(gets.map((get) => ({ table: get.TableName, key: get.Key })));
      for (const get of gets) {
        const schema = await this.schema(get.TableName);
        const transactional = command === 'TransactGetItemsCommand';
        const consistent = transactional || input.ConsistentRead === true;
        const units = readUnits(itemSize(items.get(itemId(get.TableName, get.Key, schema))), consistent) * (transactional ? 2 : 1);
        this.records.push({ ...base, target: 'table', operation: 'get', transactional, ...this.keyTexts(get.Key, schema), units });
      }
      return;
    }
    if (command === 'BatchGetItemCommand') {
      for (const [table, request] of Object.entries(input.RequestItems as Record<string, { Keys: Item[]; ConsistentRead?: boolean }>)) {
        const schema = await this.schema(table);
        const unprocessed = new Set((output.UnprocessedKeys?.[table]?.Keys ?? []).map((key) => itemId(table, key, schema)));
        const keys = request.Keys.filter((key) => !unprocessed.has(itemId(table, key, schema)));
        const items = await this.readItems(keys.map((key) => ({ table, key })));
        for (const key of keys) {
          const units = readUnits(itemSize(items.get(itemId(table, key, schema))), request.ConsistentRead === true);
          this.records.push({ ...base, target: 'table', operation: 'get', transactional: false, ...this.keyTexts(key, schema), units });
        }
      }
      return;
    }
    if (command === 'QueryCommand') {
      const query = input as unknown as QueryCommandInput;
      const schema = await this.schema(query.TableName!);
      const index = schema.indexes.find((candidate) => candidate.name === query.IndexName);
      const bytes = await this.evaluatedBytes(query, index !== undefined && index.projection !== 'ALL');
      const partition = partitionOfQuery(query, index?.partitionKey ?? schema.partitionKey);
      this.records.push({
        ...base,
        target: query.IndexName ?? 'table',
        operation: 'query',
        transactional: false,
        pk: partition,
        units: readUnits(bytes, query.ConsistentRead === true),
      });
      return;
    }
    this.unsupported.set(command, (this.unsupported.get(command) ?? 0) + 1);
  }

  private keyTexts(key: Item, schema: TableSchema): { pk: string; sk?: string } {
    return { pk: keyText(key[schema.partitionKey]), sk: schema.sortKey ? keyText(key[schema.sortKey]) : undefined };
  }

  /** Bytes of the items a Query page evaluates: the same page again, without filter or projection. */
  private async evaluatedBytes(query: QueryCommandInput, projectedIndex: boolean): Promise<number> {
    const expression = query.KeyConditionExpression ?? '';
    const used = (placeholders: Record<string, unknown> | undefined, sign: string) =>
      placeholders
        ? Object.fromEntries(Object.entries(placeholders).filter(([name]) => new RegExp(`${sign}${name.slice(1)}(?![\\w])`).test(expression)))
        : undefined;
    const names = used(query.ExpressionAttributeNames, '#');
    const response = await this.shadow.send(
      new QueryCommand({
        TableName: query.TableName,
        IndexName: query.IndexName,
        KeyConditionExpression: query.KeyConditionExpression,
        ExpressionAttributeNames: names && Object.keys(names).length ? (names as Record<string, string>) : undefined,
        ExpressionAttributeValues: used(query.ExpressionAttributeValues, ':') as Record<string, AttributeValue> | undefined,
        ExclusiveStartKey: query.ExclusiveStartKey,
        Limit: query.Limit,
        ScanIndexForward: query.ScanIndexForward,
        ConsistentRead: query.ConsistentRead,
        Select: projectedIndex ? 'ALL_PROJECTED_ATTRIBUTES' : 'ALL_ATTRIBUTES',
      }),
    );
    return (response.Items ?? []).reduce((sum, item) => sum + itemSize(item), 0);
  }

  private noteLocal(command: string, output: Output): void {
    const consumed = output.ConsumedCapacity;
    const units = (Array.isArray(consumed) ? consumed : consumed ? [consumed] : []).reduce((sum, entry) => sum + (entry.CapacityUnits ?? 0), 0);
    if (READ_COMMANDS.has(command)) this.local.read += units;
    else this.local.write += units;
  }
}

/** An item's identity from its keys, in whichever form the keys come. */
function itemId(table: string, item: Record<string, unknown>, schema: TableSchema): string {
  return `${table}\u0000${looseKeyText(item[schema.partitionKey])}\u0000${schema.sortKey ? looseKeyText(item[schema.sortKey]) : ''}`;
}

/** The partition a Query reads: the value its key condition gives the partition key. */
export function partitionOfQuery(
  query: Pick<QueryCommandInput, 'KeyConditionExpression' | 'ExpressionAttributeNames' | 'ExpressionAttributeValues'>,
  partitionKey: string,
): string {
  for (const match of (query.KeyConditionExpression ?? '').matchAll(/([#\w]+)\s*=\s*(:\w+)/g)) {
    const name = match[1]!.startsWith('#') ? query.ExpressionAttributeNames?.[match[1]!] : match[1];
    if (name === partitionKey) return keyText(query.ExpressionAttributeValues?.[match[2]!]);
  }
  return '';
}

export function sumUnits(records: CapacityRecord[], access: 'read' | 'write'): number {
  return records.filter((record) => record.access === access).reduce((sum, record) => sum + record.units, 0);
}
