import { randomUUID } from "node:crypto";
import { formatCustomAttributes, InvokeInputProblem } from "../../domain/invoke/customAttributes";
import { InvokeMetadata, invokeMetadataProblems } from "../../domain/invoke/invokeInput";

/** The custom attribute that carries the trace ID; the reference container echoes it. */
export const TRACE_ID_ATTRIBUTE = "traceId";

/** Request metadata of one call. */
export interface InvocationMetadata extends InvokeMetadata {
    /** Sent as `traceId=<id>` in CustomAttributes. @default `customAttributes.traceId`, else a new random UUID */
    traceId?: string;
}

/** What is sent: the resolved IDs and the CustomAttributes header. */
export interface PreparedInvocation {
    traceId: string;
    inferenceId: string;
    /** The CustomAttributes header value; undefined when there is none to send. */
    customAttributes: string | undefined;
}

/** Bad request metadata, found before any call: `problems` lists each at its path. */
export class InvokeInputError extends Error {
    constructor(
        subject: string,
        public readonly problems: readonly InvokeInputProblem[],
    ) {
        const lines = problems.map((p) => `  - ${p.path}: ${p.reason}`);
        super(`${subject}: ${problems.length} invalid input${problems.length === 1 ? "" : "s"}:\n${lines.join("\n")}`);
        this.name = "InvokeInputError";
    }
}

/**
 * Resolves the trace ID and InferenceId (each a random UUID unless given) and checks every piece
 * of metadata; throws one InvokeInputError listing all problems, so nothing is sent.
 */
export function prepareInvocation(endpointName: string, metadata: InvocationMetadata): PreparedInvocation {
    const traceId = metadata.traceId ?? metadata.customAttributes?.[TRACE_ID_ATTRIBUTE] ?? randomUUID();
    const inferenceId = metadata.inferenceId ?? randomUUID();
    const customAttributes = { ...metadata.customAttributes, [TRACE_ID_ATTRIBUTE]: traceId };
    const problems = invokeMetadataProblems({ customAttributes, inferenceId, inferenceComponentName: metadata.inferenceComponentName });
    if (problems.length > 0) {
        throw new InvokeInputError(`invoke ${endpointName}`, problems);
    }
    return { traceId, inferenceId, customAttributes: formatCustomAttributes(customAttributes) };
}
