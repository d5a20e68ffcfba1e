import { characterFaultReason, characterFaults } from "./characters";

/**
 * InvokeEndpoint's `InferenceId` (header `X-Amzn-SageMaker-Inference-Id`), which Data Capture
 * writes into each record's `eventMetadata.inferenceId`. The API model's rule: 1-64 characters
 * matching `\A\S[\p{Print}]*\z`, i.e. printable US-ASCII (space to `~`), not starting with
 * whitespace. SageMaker refuses anything else with a ValidationError after the call is made; this
 * refuses it before.
 */
export const INFERENCE_ID_LIMITS = { minLength: 1, maxLength: 64 } as const;

const PRINTABLE_ASCII = "printable US-ASCII characters (space to ~)";

/** Why `value` is not a valid InferenceId, one reason per rule broken; [] when it is. */
export function inferenceIdProblems(value: string): string[] {
    const { minLength, maxLength } = INFERENCE_ID_LIMITS;
    const reasons: string[] = [];
    if (value.length < minLength || value.length > maxLength) {
        reasons.push(`must be ${minLength}-${maxLength} characters (got ${value.length})`);
    }
    if (/^\s/.test(value)) {
        reasons.push("must not start with whitespace");
    }
    reasons.push(...characterFaults(value).map((fault) => characterFaultReason(fault, PRINTABLE_ASCII)));
    return reasons;
}
