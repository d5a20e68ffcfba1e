import { InvokeEndpointCommand, SageMakerRuntimeClient } from "@aws-sdk/client-sagemaker-runtime";
import { parseCustomAttributes } from "../../domain/invoke/customAttributes";
import { InvocationMetadata, prepareInvocation, TRACE_ID_ATTRIBUTE } from "./prepareInvocation";

/** One call to a real-time endpoint. */
export interface RealtimeInvokeRequest extends InvocationMetadata {
    endpointName: string;
    body: string | Uint8Array;
    /** The request's MIME type. @default "text/csv" */
    contentType?: string;
    /** The response MIME type asked for. @default none (the container chooses) */
    accept?: string;
}

/** What a real-time call returned. */
export interface RealtimeInvokeResult {
    traceId: string;
    inferenceId: string;
    /** HTTP status of the call. */
    statusCode: number | undefined;
    /** Milliseconds from sending the request to reading the whole response. */
    latencyMs: number;
    /** The response body as UTF-8 text. */
    body: string;
    contentType: string | undefined;
    invokedVariant: string | undefined;
    /** The CustomAttributes the container returned, parsed from `key=value;key=value`. */
    echoedAttributes: Record<string, string>;
    /** The container returned `traceId=<the trace ID sent>`. */
    traceIdEchoed: boolean;
}

/**
 * Invokes a real-time endpoint with a trace ID in CustomAttributes and an InferenceId (both
 * generated unless given), after checking them; the client honours `AWS_ENDPOINT_URL_SAGEMAKER_RUNTIME`.
 */
export async function invokeRealtime(
    request: RealtimeInvokeRequest,
    client = new SageMakerRuntimeClient({}),
): Promise<RealtimeInvokeResult> {
    const prepared = prepareInvocation(request.endpointName, request);
    const started = performance.now();
    const response = await client.send(
        new InvokeEndpointCommand({
            EndpointName: request.endpointName,
            Body: typeof request.body === "string" ? new TextEncoder().encode(request.body) : request.body,
            ContentType: request.contentType ?? "text/csv",
            Accept: request.accept,
            CustomAttributes: prepared.customAttributes,
            InferenceId: prepared.inferenceId,
            InferenceComponentName: request.inferenceComponentName,
        }),
    );
    const body = new TextDecoder().decode(response.Body);
    const latencyMs = performance.now() - started;
    const echoedAttributes = parseCustomAttributes(response.CustomAttributes);
    return {
        traceId: prepared.traceId,
        inferenceId: prepared.inferenceId,
        statusCode: response.$metadata.httpStatusCode,
        latencyMs,
        body,
        contentType: response.ContentType,
        invokedVariant: response.InvokedProductionVariant,
        echoedAttributes,
        traceIdEchoed: echoedAttributes[TRACE_ID_ATTRIBUTE] === prepared.traceId,
    };
}
