import { GetObjectCommand, PutObjectCommand, S3Client } from "@aws-sdk/client-s3";
import { InvokeEndpointAsyncCommand, SageMakerRuntimeClient } from "@aws-sdk/client-sagemaker-runtime";
import { parseS3Uri } from "../../domain/validationRules";
import { InvocationMetadata, InvokeInputError, prepareInvocation } from "./prepareInvocation";

/** One call to an asynchronous endpoint (InvokeEndpointAsync takes no inference component). */
export interface AsyncInvokeRequest extends Omit<InvocationMetadata, "inferenceComponentName"> {
    endpointName: string;
    body: string | Uint8Array;
    /** Where callers upload requests (the endpoint's `inputLocationPrefix` output); the input goes to `<prefix><inferenceId>`. */
    inputLocationPrefix: string;
    /** The request's MIME type. @default "text/csv" */
    contentType?: string;
    /** The response MIME type asked for. @default none (the container chooses) */
    accept?: string;
    /** How long to wait for the output or failure object, in milliseconds. @default 300000 */
    timeoutMs?: number;
    /** Pause between looks at the output and failure locations, in milliseconds. @default 2000 */
    pollIntervalMs?: number;
}

/** How an asynchronous call ended: its output, its failure, or neither within the bound. */
export interface AsyncInvokeResult {
    traceId: string;
    inferenceId: string;
    /** HTTP status of InvokeEndpointAsync (202 when queued). */
    statusCode: number | undefined;
    inputLocation: string;
    outputLocation: string | undefined;
    failureLocation: string | undefined;
    outcome: "output" | "failure" | "timeout";
    /** The output or failure object as UTF-8 text; undefined on timeout. */
    body: string | undefined;
    /** Milliseconds from queueing the request to finding the output or failure object (or giving up). */
    latencyMs: number;
}

export interface AsyncInvokeClients {
    /** @default a SageMakerRuntimeClient with the default configuration (AWS_ENDPOINT_URL_SAGEMAKER_RUNTIME honoured) */
    runtime?: SageMakerRuntimeClient;
    /** @default an S3Client with the default configuration (AWS_ENDPOINT_URL_S3 honoured) */
    s3?: S3Client;
}

const ASYNC_DEFAULTS = { contentType: "text/csv", timeoutMs: 300_000, pollIntervalMs: 2_000 } as const;

/** GetObject/PutObject's location of an `s3://bucket/key` URI. */
function objectAt(uri: string): { Bucket: string; Key: string } {
    const { bucket, key } = parseS3Uri(uri);
    return { Bucket: bucket, Key: key };
}

/** The object's text, or undefined while it does not exist. */
async function readIfPresent(s3: S3Client, uri: string | undefined): Promise<string | undefined> {
    if (uri === undefined) return undefined;
    try {
        const { Body } = await s3.send(new GetObjectCommand(objectAt(uri)));
        return Body === undefined ? "" : await Body.transformToString();
    } catch (e) {
        if ((e as { name?: string }).name === "NoSuchKey") return undefined;
        throw e;
    }
}

/**
 * Uploads the input under the endpoint's input prefix, invokes the endpoint asynchronously with a
 * trace ID and InferenceId (checked first, like invokeRealtime), then waits at most `timeoutMs`
 * for SageMaker's output or failure object.
 */
export async function invokeAsync(request: AsyncInvokeRequest, clients: AsyncInvokeClients = {}): Promise<AsyncInvokeResult> {
    const prepared = prepareInvocation(request.endpointName, request);
    if (!/^s3:\/\//.test(request.inputLocationPrefix)) {
        throw new InvokeInputError(`invoke ${request.endpointName}`, [
            { path: "inputLocationPrefix", reason: `must be an s3:// URI (got ${JSON.stringify(request.inputLocationPrefix)})` },
        ]);
    }
    const s3 = clients.s3 ?? new S3Client({});
    const runtime = clients.runtime ?? new SageMakerRuntimeClient({});
    const inputLocation = `${request.inputLocationPrefix.replace(/\/?$/, "/")}${prepared.inferenceId}`;
    const contentType = request.contentType ?? ASYNC_DEFAULTS.contentType;
    await s3.send(new PutObjectCommand({ ...objectAt(inputLocation), Body: request.body, ContentType: contentType }));
    const started = performance.now();
    const response = await runtime.send(
        new InvokeEndpointAsyncCommand({
            EndpointName: request.endpointName,
            InputLocation: inputLocation,
            ContentType: contentType,
            Accept: request.accept,
            CustomAttributes: prepared.customAttributes,
            InferenceId: prepared.inferenceId,
        }),
    );
    const ended = await waitForResult(s3, response.OutputLocation, response.FailureLocation, request);
    return {
        traceId: prepared.traceId,
        inferenceId: prepared.inferenceId,
        statusCode: response.$metadata.httpStatusCode,
        inputLocation,
        outputLocation: response.OutputLocation,
        failureLocation: response.FailureLocation,
        ...ended,
        latencyMs: performance.now() - started,
    };
}

async function waitForResult(
    s3: S3Client,
    outputLocation: string | undefined,
    failureLocation: string | undefined,
    request: Pick<AsyncInvokeRequest, "timeoutMs" | "pollIntervalMs">,
): Promise<Pick<AsyncInvokeResult, "outcome" | "body">> {
    const deadline = Date.now() + (request.timeoutMs ?? ASYNC_DEFAULTS.timeoutMs);
    for (;;) {
        const output = await readIfPresent(s3, outputLocation);
        if (output !== undefined) return { outcome: "output", body: output };
        const failure = await readIfPresent(s3, failureLocation);
        if (failure !== undefined) return { outcome: "failure", body: failure };
        if (Date.now() >= deadline) return { outcome: "timeout", body: undefined };
        await new Promise((resolve) => setTimeout(resolve, request.pollIntervalMs ?? ASYNC_DEFAULTS.pollIntervalMs));
    }
}
