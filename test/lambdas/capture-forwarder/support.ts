/** Shared test helpers: capture-line builder, fake clock, collecting logger and dead-letter queue. */
import { Clock } from '../../../lambdas/capture-forwarder/clock';
import { DeadLetterMessage, DeadLetterQueue } from '../../../lambdas/capture-forwarder/deadLetter';
import { createJsonLogger, Logger } from '../../../lambdas/capture-forwarder/logger';
import { Redactor } from '../../../lambdas/capture-forwarder/redactor';

export interface PayloadSpec {
  data: string;
  encoding: 'CSV' | 'JSON' | 'BASE64';
  contentType?: string;
}

export interface CaptureSpec {
  input?: PayloadSpec;
  output?: PayloadSpec;
  eventId: string;
  inferenceId?: string;
  customAttributes?: string;
  /** @default "2024-01-02T03:04:05Z" */
  inferenceTime?: string;
}

function payload(spec: PayloadSpec, mode: 'INPUT' | 'OUTPUT'): Record<string, string> {
  const fallback = spec.encoding === 'CSV' ? 'text/csv' : spec.encoding === 'JSON' ? 'application/json' : 'application/octet-stream';
  return { observedContentType: spec.contentType ?? fallback, mode, data: spec.data, encoding: spec.encoding };
}

/** One Data Capture line as SageMaker writes it. */
export function captureLine(spec: CaptureSpec): string {
  const captureData: Record<string, unknown> = {};
  if (spec.input) captureData.endpointInput = payload(spec.input, 'INPUT');
  if (spec.output) captureData.endpointOutput = payload(spec.output, 'OUTPUT');
  const eventMetadata: Record<string, string> = { eventId: spec.eventId, inferenceTime: spec.inferenceTime ?? '2024-01-02T03:04:05Z' };
  if (spec.inferenceId !== undefined) eventMetadata.inferenceId = spec.inferenceId;
  if (spec.customAttributes !== undefined) eventMetadata.customAttributes = spec.customAttributes;
  return JSON.stringify({ captureData, eventMetadata, eventVersion: '0' });
}

/** A clock whose sleeps return at once and advance time; every sleep is recorded. */
export class FakeClock implements Clock {
  readonly sleeps: number[] = [];
  constructor(public current = 1_700_000_000_000) {}
  now(): number {
    return this.current;
  }
  async sleep(ms: number): Promise<void> {
    this.sleeps.push(ms);
    this.current += ms;
  }
}

export interface CollectedLogs {
  logger: Logger;
  redactor: Redactor;
  lines: string[];
}

export function collectingLogger(redactor = new Redactor()): CollectedLogs {
  const lines: string[] = [];
  return { logger: createJsonLogger((line) => lines.push(line), redactor), redactor, lines };
}

export class CollectingDeadLetterQueue implements DeadLetterQueue {
  readonly messages: DeadLetterMessage[] = [];
  failWith: Error | null = null;
  async send(message: DeadLetterMessage): Promise<void> {
    if (this.failWith) throw this.failWith;
    this.messages.push(message);
  }
}

/** Async iterable over fixed pieces, as a network stream would deliver them. */
export async function* pieces(...parts: Array<string | Buffer>): AsyncGenerator<Uint8Array> {
  for (const part of parts) yield typeof part === 'string' ? Buffer.from(part) : part;
}
