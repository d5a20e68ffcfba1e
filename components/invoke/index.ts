/**
 * sagemaker-monitoring/invoke: call a deployed endpoint with request metadata that survives to the
 * container and the capture record. A separate entry point from the components' barrel, so a Pulumi
 * program importing the components never loads the SageMaker Runtime client.
 *
 * @packageDocumentation
 */

/** Invokes a real-time endpoint with a checked trace ID (in CustomAttributes) and InferenceId; reports latency and the echo. */
export { invokeRealtime } from "./invokeRealtime";
/** A real-time call and its result. */
export type { RealtimeInvokeRequest, RealtimeInvokeResult } from "./invokeRealtime";
/** Uploads the input, invokes an asynchronous endpoint, and waits (bounded) for the output or failure object. */
export { invokeAsync } from "./invokeAsync";
/** An asynchronous call, its clients and its result. */
export type { AsyncInvokeClients, AsyncInvokeRequest, AsyncInvokeResult } from "./invokeAsync";
/** Resolves and checks the trace ID, InferenceId and custom attributes of a call without making it. */
export { InvokeInputError, prepareInvocation, TRACE_ID_ATTRIBUTE } from "./prepareInvocation";
/** The request metadata of a call, and what is sent. */
export type { InvocationMetadata, PreparedInvocation } from "./prepareInvocation";
/** Builds, checks and parses the `key=value;key=value` CustomAttributes header. */
export { customAttributesProblems, formatCustomAttributes, parseCustomAttributes } from "../../domain/invoke/customAttributes";
/** One problem with an invoke input, at its path (`customAttributes.traceId`). */
export type { InvokeInputProblem } from "../../domain/invoke/customAttributes";
/** The InferenceId rule: 1-64 printable US-ASCII characters, not starting with whitespace. */
export { INFERENCE_ID_LIMITS, inferenceIdProblems } from "../../domain/invoke/inferenceId";
/** The CustomAttributes limits: 1024 characters, `;` between pairs, `=` between key and value. */
export { CUSTOM_ATTRIBUTES_LIMITS } from "../../domain/invoke/customAttributes";
