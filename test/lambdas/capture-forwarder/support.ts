/** Shared test helpers: capture-line builder, fake clock, collecting logger and dead-letter queue. */
import { Clock } from "../../../lambdas/capture-forwarder/clock";
import { DeadLetterMessage, DeadLetterQueue } from "../../../lambdas/capture-forwarder/deadLetter";
import { createJsonLogger, Logger } from "../../../lambdas/capture-forwarder/logger";
import { InMemoryIdempotencyStore } from "../../../lambdas/capture-forwarder/idempotency";
import { PipelineDependencies } from "../../../lambdas/capture-forwarder/pipeline";
import { Redactor } from "../../../lambdas/capture-forwarder/redactor";
import { Sink } from "../../../lambdas/capture-forwarder/sinks/sink";

export interface PayloadSpec {
    data: string;
    encoding: "CSV" | "JSON" | "BASE64";
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

function payload(spec: PayloadSpec, mode: "INPUT" | "OUTPUT"): Record<string, string> {
    const fallback = spec.encoding === "CSV" ? "text/csv" : spec.encoding === "JSON" ? "application/json" : "application/octet-stream";
    return { observedContentType: spec.contentType ?? fallback, mode, data: spec.data, encoding: spec.encoding };
}

/** One Data Capture line as SageMaker writes it. */
export function captureLine(spec: CaptureSpec): string {
    const captureData: Record<string, unknown> = {};
    if (spec.input) captureData.endpointInput = payload(spec.input, "INPUT");
    if (spec.output) captureData.endpointOutput = payload(spec.output, "OUTPUT");
    const eventMetadata: Record<string, string> = { eventId: spec.eventId, inferenceTime: spec.inferenceTime ?? "2024-01-02T03:04:05Z" };
    if (spec.inferenceId !== undefined) eventMetadata.inferenceId = spec.inferenceId;
    if (spec.customAttributes !== undefined) eventMetadata.customAttributes = spec.customAttributes;
    return JSON.stringify({ captureData, eventMetadata, eventVersion: "0" });
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
    for (const part of parts) yield typeof part === "string" ? Buffer.from(part) : part;
}

export interface ReceivedRequest {
    method: string;
    url: string;
    headers: Record<string, string | string[] | undefined>;
    body: Buffer;
}

export type Reply =
    | { kind: "status"; status: number; headers?: Record<string, string>; body?: string | ((request: ReceivedRequest) => string) }
    | { kind: "slow"; afterMs: number }
    | { kind: "reset" };

export interface LoopbackSink {
    url: string;
    /** Every request in arrival order. */
    requests: ReceivedRequest[];
    /** Requests answered 2xx while the client was still listening. */
    accepted: ReceivedRequest[];
    close(): Promise<void>;
}

/**
 * A real HTTP server on 127.0.0.1 (random port) answering request n with script[n-1] (then
 * 200). A slow reply answers only after the client has given up, so it is never accepted.
 */
export async function startLoopbackSink(script: Reply[]): Promise<LoopbackSink> {
    const http = await import("node:http");
    const requests: ReceivedRequest[] = [];
    const accepted: ReceivedRequest[] = [];
    const timers = new Set<NodeJS.Timeout>();
    const server = http.createServer((req, res) => {
        const parts: Buffer[] = [];
        req.on("data", (part: Buffer) => parts.push(part));
        req.on("end", () => {
            const received: ReceivedRequest = {
                method: req.method ?? "",
                url: req.url ?? "",
                headers: req.headers,
                body: Buffer.concat(parts),
            };
            requests.push(received);
            const reply: Reply = script[requests.length - 1] ?? { kind: "status", status: 200 };
            if (reply.kind === "reset") {
                req.socket.destroy();
            } else if (reply.kind === "slow") {
                const timer = setTimeout(() => {
                    timers.delete(timer);
                    if (!res.destroyed) res.end("late");
                }, reply.afterMs);
                timers.add(timer);
            } else {
                const body = typeof reply.body === "function" ? reply.body(received) : (reply.body ?? "");
                res.writeHead(reply.status, reply.headers ?? {});
                res.end(body);
                if (reply.status >= 200 && reply.status < 300) accepted.push(received);
            }
        });
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const address = server.address() as { port: number };
    return {
        url: `http://127.0.0.1:${address.port}/ingest`,
        requests,
        accepted,
        close: async () => {
            for (const timer of timers) clearTimeout(timer);
            server.closeAllConnections();
            await new Promise<void>((resolve) => server.close(() => resolve()));
        },
    };
}

/**
 * The pipeline's dependencies for a spec: an in-memory store, collected logs and dead letters, a
 * fake clock, one attempt, no deadline; `overrides` replaces any of them.
 */
export function pipelineDependencies(sink: Sink | null, overrides: Partial<PipelineDependencies> = {}) {
    const logs = collectingLogger();
    const deadLetters = new CollectingDeadLetterQueue();
    const value: PipelineDependencies = {
        sink,
        store: new InMemoryIdempotencyStore(),
        deadLetters,
        logger: logs.logger,
        redactor: logs.redactor,
        clock: new FakeClock(),
        random: () => 0.5,
        chunkLimits: { maxBytes: 1 << 20, maxRecords: 100 },
        retry: { maxAttempts: 1, baseDelayMs: 1, maxDelayMs: 1, safetyMarginMs: 0 },
        attemptTimeoutMs: 5000,
        deadlineMs: Number.POSITIVE_INFINITY,
        ...overrides,
    };
    return { value, logs, deadLetters };
}
