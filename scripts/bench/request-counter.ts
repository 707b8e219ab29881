import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';

const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);

interface CommandInput {
  RequestItems?: Record<string, unknown>;
  TransactItems?: Array<{ ConditionCheck?: unknown }>;
}

/** Counts requests and items per DynamoDB command through SDK middleware, without touching our code. */
export class Counter {
  requests = 0;
  reads = 0;
  writes = 0;

  attach(client: DynamoDBClient): void {
    client.middlewareStack.add(
      (next, context) => async (args) => {
        const input = (args as { input: CommandInput }).input;
        const command = String(context.commandName);
        this.requests += 1;
        if (command === 'GetItemCommand' || command === 'QueryCommand') this.reads += 1;
        else if (command === 'BatchGetItemCommand')
          this.reads += sum(Object.values(input.RequestItems ?? {}).map((r) => (r as { Keys: unknown[] }).Keys.length));
        else if (command === 'BatchWriteItemCommand') this.writes += sum(Object.values(input.RequestItems ?? {}).map((r) => (r as unknown[]).length));
        else if (command === 'TransactWriteItemsCommand') this.writes += (input.TransactItems ?? []).filter((item) => !item.ConditionCheck).length;
        else if (command === 'PutItemCommand' || command === 'UpdateItemCommand' || command === 'DeleteItemCommand') this.writes += 1;
        return next(args);
      },
      { step: 'initialize', name: 'benchCounter' },
    );
  }

  take(): { requests: number; reads: number; writes: number } {
    const out = { requests: this.requests, reads: this.reads, writes: this.writes };
    this.requests = this.reads = this.writes = 0;
    return out;
  }
}
