/**
 * A loopback stand-in for SageMaker Runtime (and the one SQS call the smoke check makes), backed by
 * a real S3-compatible server: InvokeEndpoint answers like a container and, like Data Capture, files
 * a capture record in SageMaker's format under `<prefix>/<endpoint>/<variant>/yyyy/mm/dd/hh/`;
 * InvokeEndpointAsync reads the uploaded input and writes the output object first. An endpoint
 * hosting inference components answers only calls naming one of them (InferenceComponentName), as SageMaker does.
 */
import { randomUUID } from "node:crypto";
import * as http from "node:http";
import { AddressInfo } from "node:net";
import { GetObjectCommand, PutObjectCommand, S3Client } from "@aws-sdk/client-s3";
import { parseS3Uri } from "../../domain/validationRules";

export interface StandInBehaviour {
    /** How Data Capture records the request: as CSV text, as BASE64 (content type not listed), or not at all. */
    capture: "csv" | "base64" | "none";
    /** The container returns the request's CustomAttributes. */
    echo: boolean;
    /** The variant that serves the calls. */
    variant: string;
    /** ApproximateNumberOfMessages of every dead-letter queue. */
    deadLetters: number;
}

export interface StandInOptions {
    s3: S3Client;
    bucket: string;
    /** The capture key prefix, e.g. "datacapture". */
    capturePrefix: string;
    behaviour: StandInBehaviour;
    /** Endpoints hosting inference components, and the components' names. @default none */
    inferenceComponents?: Record<string, string[]>;
}

export interface SeenRequest {
    method: string;
    path: string;
    headers: http.IncomingHttpHeaders;
    /** The InferenceComponentName the call named, if any. */
    inferenceComponent?: string;
}

export interface StandIn {
    url: string;
    requests: SeenRequest[];
    close(): Promise<void>;
}

export const MODEL_OUTPUT = "0.87\n";

function objectAt(uri: string): { Bucket: string; Key: string } {
    const { bucket, key } = parseS3Uri(uri);
    return { Bucket: bucket, Key: key };
}

const pad = (n: number, width = 2) => String(n).padStart(width, "0");

function captureRecord(kind: "csv" | "base64", input: string, contentType: string, inferenceId: string, at: Date): string {
    const side = (mode: "INPUT" | "OUTPUT", data: string, observed: string) =>
        kind === "csv"
            ? { observedContentType: observed, mode, data, encoding: "CSV" }
            : { observedContentType: observed, mode, data: Buffer.from(data).toString("base64"), encoding: "BASE64" };
    return JSON.stringify({
        captureData: {
            endpointInput: side("INPUT", input, contentType),
            endpointOutput: side("OUTPUT", MODEL_OUTPUT, "text/csv; charset=utf-8"),
        },
        eventMetadata: { eventId: randomUUID(), inferenceId, inferenceTime: at.toISOString().replace(/\.\d{3}Z$/, "Z") },
        eventVersion: "0",
    });
}

async function fileCapture(
    options: StandInOptions,
    endpoint: string,
    input: string,
    contentType: string,
    inferenceId: string,
): Promise<void> {
    const { capture, variant } = options.behaviour;
    if (capture === "none") return;
    const at = new Date();
    const folder = `${at.getUTCFullYear()}/${pad(at.getUTCMonth() + 1)}/${pad(at.getUTCDate())}/${pad(at.getUTCHours())}`;
    const file = `${pad(at.getUTCMinutes())}-${pad(at.getUTCSeconds())}-${pad(at.getUTCMilliseconds(), 3)}-${randomUUID()}.jsonl`;
    const key = `${options.capturePrefix}/${endpoint}/${variant}/${folder}/${file}`;
    const body = `${captureRecord(capture, input, contentType, inferenceId, at)}\n`;
    await options.s3.send(new PutObjectCommand({ Bucket: options.bucket, Key: key, Body: body }));
}

async function readBody(request: http.IncomingMessage): Promise<string> {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks).toString("utf8");
}

const header = (request: http.IncomingMessage, name: string) => request.headers[name.toLowerCase()] as string | undefined;

/** SageMaker's 400 for a call to a component endpoint without (or with an unknown) InferenceComponentName; undefined when the call may go on. */
function componentProblem(options: StandInOptions, endpoint: string, request: http.IncomingMessage): string | undefined {
    const hosted = options.inferenceComponents?.[endpoint];
    const named = header(request, "X-Amzn-SageMaker-Inference-Component");
    if (hosted === undefined) return named === undefined ? undefined : `Endpoint ${endpoint} hosts no inference component ${named}`;
    if (named === undefined)
        return `Inference Component Name header is required for endpoints to which you plan to deploy inference components.`;
    return hosted.includes(named) ? undefined : `Inference Component ${named} not found on endpoint ${endpoint}`;
}

async function invocations(options: StandInOptions, endpoint: string, request: http.IncomingMessage, response: http.ServerResponse) {
    const problem = componentProblem(options, endpoint, request);
    if (problem !== undefined) {
        response.writeHead(400, { "Content-Type": "application/json", "x-amzn-ErrorType": "ValidationError" });
        response.end(JSON.stringify({ message: problem }));
        return;
    }
    const body = await readBody(request);
    const contentType = header(request, "Content-Type") ?? "application/octet-stream";
    await fileCapture(options, endpoint, body, contentType, header(request, "X-Amzn-SageMaker-Inference-Id") ?? randomUUID());
    const attributes = header(request, "X-Amzn-SageMaker-Custom-Attributes");
    response.writeHead(200, {
        "Content-Type": "text/csv; charset=utf-8",
        "x-Amzn-Invoked-Production-Variant": options.behaviour.variant,
        ...(options.behaviour.echo && attributes !== undefined ? { "X-Amzn-SageMaker-Custom-Attributes": attributes } : {}),
    });
    response.end(MODEL_OUTPUT);
}

async function asyncInvocations(options: StandInOptions, endpoint: string, request: http.IncomingMessage, response: http.ServerResponse) {
    const inferenceId = header(request, "X-Amzn-SageMaker-Inference-Id") ?? randomUUID();
    const input = await options.s3.send(new GetObjectCommand(objectAt(header(request, "X-Amzn-SageMaker-InputLocation") ?? "")));
    const body = (await input.Body?.transformToString()) ?? "";
    const outputLocation = `s3://${options.bucket}/async/output/${inferenceId}.out`;
    await options.s3.send(new PutObjectCommand({ ...objectAt(outputLocation), Body: MODEL_OUTPUT }));
    await fileCapture(options, endpoint, body, header(request, "X-Amzn-SageMaker-Content-Type") ?? "application/octet-stream", inferenceId);
    response.writeHead(202, {
        "Content-Type": "application/json",
        "X-Amzn-SageMaker-OutputLocation": outputLocation,
        "X-Amzn-SageMaker-FailureLocation": `s3://${options.bucket}/async/failure/${inferenceId}-error.out`,
    });
    response.end(JSON.stringify({ InferenceId: inferenceId }));
}

function getQueueAttributes(options: StandInOptions, response: http.ServerResponse) {
    response.writeHead(200, { "Content-Type": "application/x-amz-json-1.0" });
    response.end(JSON.stringify({ Attributes: { ApproximateNumberOfMessages: String(options.behaviour.deadLetters) } }));
}

export async function startSageMakerStandIn(options: StandInOptions): Promise<StandIn> {
    const requests: SeenRequest[] = [];
    const server = http.createServer((request, response) => {
        requests.push({
            method: request.method ?? "",
            path: request.url ?? "",
            headers: request.headers,
            inferenceComponent: header(request, "X-Amzn-SageMaker-Inference-Component"),
        });
        const match = /^\/endpoints\/([^/]+)\/(invocations|async-invocations)$/.exec(request.url ?? "");
        const handled =
            match?.[2] === "invocations"
                ? invocations(options, decodeURIComponent(match[1]), request, response)
                : match?.[2] === "async-invocations"
                  ? asyncInvocations(options, decodeURIComponent(match[1]), request, response)
                  : header(request, "X-Amz-Target") === "AmazonSQS.GetQueueAttributes"
                    ? Promise.resolve(getQueueAttributes(options, response))
                    : Promise.reject(new Error(`unexpected ${request.method} ${request.url}`));
        handled.catch((e: Error) => {
            response.writeHead(500, { "Content-Type": "application/json" });
            response.end(JSON.stringify({ message: e.message }));
        });
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const { port } = server.address() as AddressInfo;
    return {
        url: `http://127.0.0.1:${port}`,
        requests,
        close: () => new Promise<void>((resolve) => server.close(() => resolve())),
    };
}
