import { S3Client } from "@aws-sdk/client-s3";
import { SageMakerRuntimeClient } from "@aws-sdk/client-sagemaker-runtime";
import { SQSClient } from "@aws-sdk/client-sqs";
import { invokeAsync } from "../../components/invoke/invokeAsync";
import { invokeRealtime } from "../../components/invoke/invokeRealtime";
import { captureRecordProblems, findCaptureRecord } from "./captureRecord";
import { SmokeArgs } from "./command";
import { queueCounts } from "./deadLetters";
import { EndpointReport } from "./report";
import { SmokeTarget } from "./targets";

export interface SmokeClients {
    runtime: SageMakerRuntimeClient;
    s3: S3Client;
    sqs: SQSClient;
}

/** What the call returned that the later checks need. */
interface Called {
    inferenceId: string;
    sentAt: Date;
    /** The variant that served the call, when SageMaker says (real-time only). */
    invokedVariant?: string;
}

type Timing = Pick<SmokeArgs, "timeoutSeconds" | "pollIntervalMs">;

const ms = (value: number) => `${Math.round(value)} ms`;

function errorText(e: unknown): string {
    const error = e as { name?: string; message?: string; $metadata?: { httpStatusCode?: number } };
    const status = error.$metadata?.httpStatusCode;
    return `${error.name ?? "Error"}${status === undefined ? "" : ` ${status}`}`;
}

async function call(target: SmokeTarget, timing: Timing, clients: SmokeClients, report: EndpointReport): Promise<Called | undefined> {
    const sentAt = new Date();
    const request = { endpointName: target.endpointName, body: target.sample.payload, contentType: target.sample.contentType };
    try {
        if (target.kind !== "async") {
            const result = await invokeRealtime({ ...request, inferenceComponentName: target.inferenceComponentName }, clients.runtime);
            Object.assign(report, {
                status: String(result.statusCode),
                latency: ms(result.latencyMs),
                echo: result.traceIdEchoed ? "yes" : "no",
            });
            return { inferenceId: result.inferenceId, sentAt, invokedVariant: result.invokedVariant };
        }
        if (target.inputLocationPrefix === undefined) {
            report.problems.push("invoke: an async endpoint needs its inputLocationPrefix from the stack outputs (--outputs)");
            return undefined;
        }
        const result = await invokeAsync(
            {
                ...request,
                inputLocationPrefix: target.inputLocationPrefix,
                timeoutMs: timing.timeoutSeconds * 1000,
                pollIntervalMs: timing.pollIntervalMs,
            },
            { runtime: clients.runtime, s3: clients.s3 },
        );
        Object.assign(report, { status: `${result.statusCode} ${result.outcome}`, latency: ms(result.latencyMs), echo: "n/a (async)" });
        if (result.outcome === "failure")
            report.problems.push(`invoke: SageMaker wrote a failure object ${result.failureLocation}: ${result.body}`);
        if (result.outcome === "timeout")
            report.problems.push(`invoke: no output or failure object within ${timing.timeoutSeconds} s (${result.outputLocation})`);
        return { inferenceId: result.inferenceId, sentAt };
    } catch (e) {
        report.status = errorText(e);
        report.problems.push(`invoke: ${(e as Error).message}`);
        return undefined;
    }
}

async function checkCapture(target: SmokeTarget, called: Called, timing: Timing, s3: S3Client, report: EndpointReport): Promise<void> {
    const variants = called.invokedVariant !== undefined ? [called.invokedVariant] : target.variants;
    if (target.capturePrefix === undefined || variants.length === 0) {
        report.capture = "skipped (no stack outputs)";
        return;
    }
    const found = await findCaptureRecord(s3, {
        capturePrefix: target.capturePrefix,
        variants,
        inferenceId: called.inferenceId,
        sentAt: called.sentAt,
        timeoutMs: timing.timeoutSeconds * 1000,
        pollIntervalMs: timing.pollIntervalMs,
    });
    if (found === undefined) {
        report.capture = "missing";
        report.problems.push(
            `capture: no record with InferenceId ${called.inferenceId} under ${target.capturePrefix}{${variants.join(",")}}/ within ${timing.timeoutSeconds} s`,
        );
        return;
    }
    const problems = captureRecordProblems(found.record);
    report.capture = problems.length === 0 ? "found" : "BASE64/incomplete";
    report.problems.push(...problems.map((p) => `capture: ${p} (record in ${found.key})`));
}

async function checkDeadLetters(target: SmokeTarget, sqs: SQSClient, report: EndpointReport): Promise<void> {
    if (target.forwarderQueues.length === 0) {
        report.deadLetters = "no forwarder";
        return;
    }
    const counts = await queueCounts(sqs, target.forwarderQueues);
    const forwarders = [...new Set(counts.map((c) => c.forwarder))];
    report.deadLetters = forwarders
        .map(
            (forwarder) =>
                `${forwarder}: ${counts
                    .filter((c) => c.forwarder === forwarder)
                    .map((c) => `${c.count} ${c.queue}`)
                    .join(", ")}`,
        )
        .join("; ");
    for (const { forwarder, queue, count } of counts) {
        if (count > 0) report.problems.push(`forwarder ${forwarder}: its ${queue} queue holds ${count} message(s); see docs/replay.md`);
    }
}

/** Every check of one endpoint: the call, then (when it answered) its capture record and its forwarders' dead-letter queues. */
export async function checkEndpoint(target: SmokeTarget, timing: Timing, clients: SmokeClients): Promise<EndpointReport> {
    const report: EndpointReport = {
        endpoint: target.name,
        kind: target.kind,
        status: "-",
        latency: "-",
        echo: "-",
        capture: "-",
        deadLetters: "-",
        problems: [],
    };
    const called = await call(target, timing, clients, report);
    if (called === undefined) return report;
    try {
        await checkCapture(target, called, timing, clients.s3, report);
        await checkDeadLetters(target, clients.sqs, report);
    } catch (e) {
        report.problems.push(`${errorText(e)}: ${(e as Error).message}`);
    }
    return report;
}
