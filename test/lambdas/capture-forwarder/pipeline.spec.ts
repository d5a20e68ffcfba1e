import assert from 'node:assert/strict';
import { Chunk, ChunkPayload } from '../../../lambdas/capture-forwarder/chunking';
import { IdempotencyStore, InMemoryIdempotencyStore } from '../../../lambdas/capture-forwarder/idempotency';
import { normalizeCaptureLine } from '../../../lambdas/capture-forwarder/normalize';
import { forwardCaptureObject, PipelineDependencies } from '../../../lambdas/capture-forwarder/pipeline';
import { serializeInferences } from '../../../lambdas/capture-forwarder/serializeInferences';
import { Sink } from '../../../lambdas/capture-forwarder/sinks/sink';
import { captureLine, CollectingDeadLetterQueue, collectingLogger, FakeClock, pieces } from './support';

class RecordingSink implements Sink {
  readonly name = 'recording';
  readonly chunks: Chunk[] = [];
  constructor(readonly payload: ChunkPayload) {}
  async deliver(chunk: Chunk): Promise<void> {
    this.chunks.push(chunk);
  }
}

const good = [
  captureLine({ eventId: 'e1', inferenceId: 'i1', input: { data: '1,2\n3,4\n', encoding: 'CSV' }, output: { data: '0\n1\n', encoding: 'CSV' } }),
  captureLine({ eventId: 'e2', input: { data: '{"instances":[{"features":[1]}]}', encoding: 'JSON' }, output: { data: '{"predictions":[{"probabilities":[1]}]}', encoding: 'JSON' } }),
  captureLine({ eventId: 'e3', customAttributes: 'c=1', input: { data: '5,6', encoding: 'CSV' } }),
];
const base64 = captureLine({ eventId: 'b', input: { data: 'AAAA', encoding: 'BASE64' } });

function deps(sink: Sink, store: IdempotencyStore = new InMemoryIdempotencyStore()) {
  const logs = collectingLogger();
  const deadLetters = new CollectingDeadLetterQueue();
  const value: PipelineDependencies = {
    sink, store, deadLetters, logger: logs.logger, redactor: logs.redactor, clock: new FakeClock(), random: () => 0.5,
    chunkLimits: { maxBytes: 1 << 20, maxRecords: 2 },
    retry: { maxAttempts: 3, baseDelayMs: 10, maxDelayMs: 100, safetyMarginMs: 0 },
    attemptTimeoutMs: 1000,
    deadlineMs: Number.POSITIVE_INFINITY,
  };
  return { value, logs, deadLetters };
}

const object = { bucket: 'b', key: 'dc/ep/v/2024/01/02/03/x.jsonl', versionId: 'v9', etag: null, endpoint: 'ep', variant: 'v', name: 'x' };

describe('capture-forwarder pipeline', () => {
  it('capture-lines: chunks carry the exact raw lines of good records, refused lines left out', async () => {
    const sink = new RecordingSink('capture-lines');
    const { value } = deps(sink);
    const text = `${good[0]}\n${base64}\n${good[1]}\n\n${good[2]}`;
    const result = await forwardCaptureObject({ ...object, body: pieces(text.slice(0, 100), text.slice(100)) }, value);
    assert.deepStrictEqual(sink.chunks.map((c) => ({ ...c, parts: c.parts.map(String) })), [
      { index: 0, payload: 'capture-lines', parts: [good[0], good[1]], bytes: good[0].length + good[1].length + 2, records: 2, inferences: 3, firstLine: 1, lastLine: 3 },
      { index: 1, payload: 'capture-lines', parts: [good[2]], bytes: good[2].length + 1, records: 1, inferences: 1, firstLine: 5, lastLine: 5 },
    ]);
    assert.deepStrictEqual(result, {
      counts: {
        recordsRead: 4, inferencesRead: 5, inferencesSent: 4, deadLettered: 1, skipped: 0, unaccounted: 0,
        base64Records: 1, chunksSent: 2, chunksAlreadyDelivered: 0, chunksDeadLettered: 0,
      },
      incomplete: null,
      lost: [],
    });
  });

  it('normalized-inferences: chunks carry the JSON lines of the normalized inferences', async () => {
    const sink = new RecordingSink('normalized-inferences');
    const { value } = deps(sink);
    await forwardCaptureObject({ ...object, body: pieces(good.join('\n')) }, value);
    const lines = sink.chunks.flatMap((c) => c.parts.join('').trimEnd().split('\n')).map((l) => JSON.parse(l) as { partnerInferenceId: string });
    assert.deepStrictEqual(lines.map((l) => l.partnerInferenceId), ['i1_0', 'i1_1', 'e2', 'e3']);
  });

  it('serializes exactly like JSON.stringify of each normalized inference', () => {
    for (const line of [...good, captureLine({ eventId: 'q"\\', inferenceId: 'ü', input: { data: '{"instances":[{"a":"x\\n"},{"b":null}]}', encoding: 'JSON' } })]) {
      const result = normalizeCaptureLine(line, { endpoint: 'ep', variant: 'v' });
      assert.ok(result.ok);
      assert.equal(serializeInferences(result.inferences), result.inferences.map((i) => `${JSON.stringify(i)}\n`).join(''));
    }
    assert.equal(serializeInferences([]), '');
  });

  it('sends anyway when the idempotency lookup fails (at-least-once) and logs a failed record', async () => {
    const sink = new RecordingSink('capture-lines');
    const store: IdempotencyStore = {
      isDelivered: async () => { throw new Error('ThrottlingException: Rate exceeded'); },
      markDelivered: async () => { throw new Error('ThrottlingException: Rate exceeded'); },
    };
    const { value, logs } = deps(sink, store);
    const result = await forwardCaptureObject({ ...object, body: pieces(good[2]) }, value);
    assert.equal(result.counts.chunksSent, 1);
    assert.deepStrictEqual(logs.lines.map((l) => JSON.parse(l) as Record<string, unknown>), [
      { level: 'warn', message: 'idempotency lookup failed; sending the chunk anyway', bucket: 'b', key: object.key, chunk: 0, error: 'ThrottlingException: Rate exceeded' },
      { level: 'error', message: 'chunk delivered but not recorded; a redelivered event would send it again', bucket: 'b', key: object.key, chunk: 0, error: 'ThrottlingException: Rate exceeded' },
    ]);
  });
});
