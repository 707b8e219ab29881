import { appendFileSync, existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { createHash, randomUUID } from 'node:crypto';
import { dirname } from 'node:path';
import type { SQSEvent, SQSMessageAttributes, SQSRecord } from 'aws-lambda';
import { INGEST_TIMEOUT_SECONDS, QUEUE } from '../../functions/shared/resources';
import { z } from 'zod';

/**
 * An in-process stand-in for SQS plus the Lambda event source mapping in front of the ingest
 * handler, with the AWS semantics the handler relies on: batches of up to batchSize gathered
 * over a batching window, a message is invisible while a batch holds it, only the messages
 * named in batchItemFailures are retried (all of them if the handler throws or times out),
 * ApproximateReceiveCount counts receives, and after maxReceiveCount receives a message moves
 * to the dead-letter file. Every change is appended to a journal, so messages queued or in
 * flight when the process dies are delivered again by the next process.
 */

export type MessageAttributes = Record<string, string>;

export interface QueuedMessage {
  messageId: string;
  body: string;
  attributes: MessageAttributes;
  sentTimestamp: number;
  receiveCount: number;
  firstReceiveTimestamp?: number;
  visibleAt: number;
  lastError?: string;
}

export interface DeadLetter {
  messageId: string;
  body: string;
  attributes: MessageAttributes;
  receiveCount: number;
  sentTimestamp: number;
  deadLetteredAt: string;
  lastError?: string;
}

/** What Lambda hands an SQS batch to; the result is read as a partial batch response when it is one. */
export type BatchHandler = (event: SQSEvent) => Promise<unknown>;

/** Lambda reads `batchItemFailures` from whatever the handler returns; anything else means the whole batch succeeded. */
const BatchResponse = z.object({ batchItemFailures: z.array(z.object({ itemIdentifier: z.unknown() })) });

export interface LocalQueueOptions {
  handler: BatchHandler;
  /** Append-only journal; without it the queue lives in memory. */
  journalPath?: string;
  /** One JSON line per dead-lettered message; without it dead letters are kept in memory only. */
  deadLetterPath?: string;
  batchSize?: number;
  batchingWindowMs?: number;
  /** How long a received batch may run before it counts as failed (the Lambda timeout). */
  invocationTimeoutMs?: number;
  /**
   * When a failed message becomes visible again. SQS waits for the whole visibility timeout
   * (QUEUE.visibilityTimeoutSeconds, minutes); locally that would hide retries from the user
   * for minutes, so the default is a few seconds.
   */
  retryDelayMs?: number;
  maxReceiveCount?: number;
  /** Batches handled at the same time (Lambda runs several pollers). */
  concurrency?: number;
  queueArn?: string;
  onDeadLetter?: (letter: DeadLetter) => void;
  log?: (line: string) => void;
}

type JournalEntry = { op: 'put'; m: QueuedMessage } | { op: 'del'; id: string };

export class LocalQueue {
  private readonly messages = new Map<string, QueuedMessage>();
  private readonly inFlight = new Set<string>();
  private readonly deadLetters: DeadLetter[] = [];
  private readonly options: Required<Omit<LocalQueueOptions, 'journalPath' | 'deadLetterPath' | 'onDeadLetter' | 'log'>> &
    Pick<LocalQueueOptions, 'journalPath' | 'deadLetterPath' | 'onDeadLetter' | 'log'>;
  private running = false;
  private timer: NodeJS.Timeout | undefined;
  private timerAt = Infinity;
  private windowStart: number | undefined;
  private readonly batches = new Set<Promise<void>>();
  private journalLines = 0;
  private waiters: Array<() => void> = [];

  constructor(options: LocalQueueOptions) {
    this.options = {
      batchSize: QUEUE.batchSize,
      batchingWindowMs: QUEUE.maxBatchingWindowSeconds * 1000,
      invocationTimeoutMs: INGEST_TIMEOUT_SECONDS * 1000,
      retryDelayMs: 2_000,
      maxReceiveCount: QUEUE.maxReceiveCount,
      concurrency: 2,
      queueArn: 'arn:aws:sqs:us-east-1:000000000000:news-ingest-local',
      ...options,
    };
    if (this.options.journalPath) this.load(this.options.journalPath);
  }

  /** Messages waiting or in flight. */
  get size(): number {
    return this.messages.size;
  }

  get deadLetterCount(): number {
    return this.deadLetters.length;
  }

  /** Bodies of the messages waiting or in flight. */
  bodies(): string[] {
    return [...this.messages.values()].map((message) => message.body);
  }

  send(body: string, attributes: MessageAttributes = {}): QueuedMessage {
    const message: QueuedMessage = { messageId: randomUUID(), body, attributes, sentTimestamp: Date.now(), receiveCount: 0, visibleAt: 0 };
    this.messages.set(message.messageId, message);
    this.journal({ op: 'put', m: message });
    this.pump();
    return message;
  }

  start(): void {
    this.running = true;
    this.pump();
  }

  /** Stops receiving, lets running batches finish (up to `graceMs`), then compacts the journal. */
  async stop(graceMs = 10_000): Promise<void> {
    this.running = false;
    this.clearTimer();
    let timeout: NodeJS.Timeout | undefined;
    await Promise.race([Promise.all(this.batches), new Promise((resolve) => (timeout = setTimeout(resolve, graceMs)))]);
    clearTimeout(timeout);
    this.compact();
  }

  /** Resolves once nothing is queued, waiting for a retry or in flight. */
  drained(): Promise<void> {
    if (this.messages.size === 0) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  private load(path: string): void {
    mkdirSync(dirname(path), { recursive: true });
    if (existsSync(path)) {
      for (const line of readFileSync(path, 'utf8').split('\n')) {
        if (!line.trim()) continue;
        let entry: JournalEntry;
        try {
          entry = JSON.parse(line) as JournalEntry;
        } catch {
          // A line cut short by a crash mid-append: everything before it is intact.
          continue;
        }
        if (entry.op === 'put') this.messages.set(entry.m.messageId, entry.m);
        else this.messages.delete(entry.id);
      }
    }
    // Whoever held these messages is gone: they are visible again now, as after a visibility timeout.
    for (const message of this.messages.values()) message.visibleAt = 0;
    if (this.messages.size) this.options.log?.(`queue: ${this.messages.size} message(s) left by the previous run will be delivered again`);
    this.compact();
  }

  private journal(entry: JournalEntry): void {
    if (!this.options.journalPath) return;
    appendFileSync(this.options.journalPath, `${JSON.stringify(entry)}\n`);
    this.journalLines += 1;
    if (this.journalLines > 5_000 && this.journalLines > 4 * this.messages.size) this.compact();
  }

  /** Rewrites the journal as one line per live message (write then rename, so a crash leaves the old or the new file). */
  private compact(): void {
    const path = this.options.journalPath;
    if (!path) return;
    const lines = [...this.messages.values()].map((m) => `${JSON.stringify({ op: 'put', m } satisfies JournalEntry)}\n`).join('');
    writeFileSync(`${path}.tmp`, lines);
    renameSync(`${path}.tmp`, path);
    this.journalLines = this.messages.size;
  }

  private clearTimer(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    this.timerAt = Infinity;
  }

  private wakeAt(at: number): void {
    if (!this.running || at >= this.timerAt) return;
    this.clearTimer();
    this.timerAt = at;
    this.timer = setTimeout(
      () => {
        this.timer = undefined;
        this.timerAt = Infinity;
        this.pump();
      },
      Math.max(0, at - Date.now()),
    );
  }

  /** Starts as many batches as concurrency allows, or sleeps until the next message becomes visible or the window closes. */
  private pump(): void {
    if (!this.running) return;
    while (this.batches.size < this.options.concurrency) {
      const now = Date.now();
      const visible: QueuedMessage[] = [];
      let nextVisible = Infinity;
      for (const message of this.messages.values()) {
        if (this.inFlight.has(message.messageId)) continue;
        if (message.visibleAt <= now) {
          visible.push(message);
          if (visible.length >= this.options.batchSize) break;
        } else nextVisible = Math.min(nextVisible, message.visibleAt);
      }
      if (visible.length === 0) {
        this.windowStart = undefined;
        if (nextVisible < Infinity) this.wakeAt(nextVisible);
        return;
      }
      if (visible.length < this.options.batchSize) {
        this.windowStart ??= now;
        const closes = this.windowStart + this.options.batchingWindowMs;
        if (now < closes) {
          this.wakeAt(closes);
          return;
        }
      }
      this.windowStart = undefined;
      this.dispatch(visible);
    }
  }

  private dispatch(batch: QueuedMessage[]): void {
    const now = Date.now();
    for (const message of batch) {
      message.receiveCount += 1;
      message.firstReceiveTimestamp ??= now;
      this.inFlight.add(message.messageId);
      this.journal({ op: 'put', m: message });
    }
    const running = this.runBatch(batch).finally(() => {
      this.batches.delete(running);
      this.pump();
    });
    this.batches.add(running);
  }

  private async runBatch(batch: QueuedMessage[]): Promise<void> {
    const event: SQSEvent = { Records: batch.map((message) => this.record(message)) };
    const ids = new Set(batch.map((message) => message.messageId));
    let failed: Set<string>;
    let error: string | undefined;
    let timeout: NodeJS.Timeout | undefined;
    try {
      const result = await Promise.race([
        this.options.handler(event),
        new Promise<never>((_, reject) => {
          timeout = setTimeout(
            () => reject(new Error(`Task timed out after ${this.options.invocationTimeoutMs / 1000} seconds`)),
            this.options.invocationTimeoutMs,
          );
        }),
      ]);
      const named = (BatchResponse.safeParse(result).data?.batchItemFailures ?? []).map((failure) =>
        typeof failure.itemIdentifier === 'string' ? failure.itemIdentifier : '',
      );
      // Lambda treats an empty or unknown identifier as a failure of the whole batch.
      if (named.some((id) => !id || !ids.has(id))) {
        failed = ids;
        error = 'batchItemFailures named a message that is not in the batch';
      } else failed = new Set(named);
    } catch (caught) {
      failed = ids;
      error = caught instanceof Error ? caught.message : String(caught);
      this.options.log?.(`queue: handler failed for a batch of ${batch.length}: ${error}`);
    } finally {
      clearTimeout(timeout);
    }
    const now = Date.now();
    for (const message of batch) {
      this.inFlight.delete(message.messageId);
      if (!this.messages.has(message.messageId)) continue;
      if (!failed.has(message.messageId)) {
        this.remove(message.messageId);
      } else if (message.receiveCount >= this.options.maxReceiveCount) {
        this.deadLetter({ ...message, lastError: error ?? 'reported in batchItemFailures' });
      } else {
        message.visibleAt = now + this.options.retryDelayMs;
        message.lastError = error ?? 'reported in batchItemFailures';
        this.journal({ op: 'put', m: message });
      }
    }
  }

  private remove(id: string): void {
    this.messages.delete(id);
    this.journal({ op: 'del', id });
    if (this.messages.size === 0) {
      const waiters = this.waiters;
      this.waiters = [];
      for (const resolve of waiters) resolve();
    }
  }

  private deadLetter(message: QueuedMessage): void {
    const letter: DeadLetter = {
      messageId: message.messageId,
      body: message.body,
      attributes: message.attributes,
      receiveCount: message.receiveCount,
      sentTimestamp: message.sentTimestamp,
      deadLetteredAt: new Date().toISOString(),
      lastError: message.lastError,
    };
    this.deadLetters.push(letter);
    if (this.options.deadLetterPath) {
      mkdirSync(dirname(this.options.deadLetterPath), { recursive: true });
      appendFileSync(this.options.deadLetterPath, `${JSON.stringify(letter)}\n`);
    }
    this.remove(message.messageId);
    this.options.onDeadLetter?.(letter);
  }

  private record(message: QueuedMessage): SQSRecord {
    const messageAttributes: SQSMessageAttributes = {};
    for (const [name, value] of Object.entries(message.attributes)) {
      messageAttributes[name] = { dataType: 'String', stringValue: value, stringListValues: [], binaryListValues: [] };
    }
    return {
      messageId: message.messageId,
      receiptHandle: randomUUID(),
      body: message.body,
      attributes: {
        ApproximateReceiveCount: String(message.receiveCount),
        SentTimestamp: String(message.sentTimestamp),
        SenderId: 'local',
        ApproximateFirstReceiveTimestamp: String(message.firstReceiveTimestamp ?? Date.now()),
      },
      messageAttributes,
      md5OfBody: createHash('md5').update(message.body).digest('hex'),
      eventSource: 'aws:sqs',
      eventSourceARN: this.options.queueArn,
      awsRegion: 'us-east-1',
    };
  }
}

/** The dead letters a (possibly earlier) run wrote, oldest first. */
export function readDeadLetters(path: string): DeadLetter[] {
  if (!existsSync(path)) return [];
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((line) => line.trim())
    .flatMap((line) => {
      try {
        return [JSON.parse(line) as DeadLetter];
      } catch {
        return [];
      }
    });
}
