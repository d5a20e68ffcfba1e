/**
 * Turns one capture line into normalized inferences, or into a reason to dead-letter it.
 * Inputs and outputs pair by index; a record without an output gets `output: null` (and one
 * without an input `input: null`); differing counts are refused rather than guessed.
 */
import { base64Reason } from "./base64Capture";
import { CaptureRecord, parseCaptureRecord } from "./captureRecord";
import { splitPayload } from "./inferenceSplit";
import { partnerInferenceIds } from "./partnerIds";

export interface NormalizedInference {
    partnerInferenceId: string;
    eventId: string;
    inferenceId: string | null;
    inferenceTime: string;
    endpoint: string;
    variant: string;
    /** A CSV row (string) or a JSON value; null when only the output was captured. */
    input: unknown;
    /** A CSV row (string) or a JSON value; null when only the input was captured. */
    output: unknown;
    customAttributes: string | null;
}

export interface EndpointIdentity {
    endpoint: string;
    variant: string;
}

export type Refusal = {
    ok: false;
    reason: string;
    base64: boolean;
    /** Inferences the record holds as far as known (the input's count, else 1); used for accounting. */
    inferences: number;
};

export type NormalizeResult = { ok: true; inferences: NormalizedInference[] } | Refusal;

/** A record's payloads split and paired by index, before any object is built. */
export type PairResult =
    | {
          ok: true;
          record: CaptureRecord;
          inputs: unknown[] | null;
          outputs: unknown[] | null;
          count: number;
          /** The first payload form Arthur does not document, with its path (inferenceSplit.ts), else null. */
          undocumented: string | null;
      }
    | Refusal;

/**
 * Validates a record and counts its inferences. The Arthur path needs only this (Arthur reads the
 * raw line itself); building the normalized objects is left to toNormalizedInferences.
 */
function pairRecord(record: CaptureRecord): PairResult {
    const base64 = base64Reason(record);
    if (base64) return { ok: false, reason: base64, base64: true, inferences: 1 };

    const inputs = record.input ? splitPayload(record.input, "captureData.endpointInput.data") : null;
    if (inputs && !inputs.ok) return { ok: false, reason: inputs.reason, base64: false, inferences: 1 };
    const outputs = record.output ? splitPayload(record.output, "captureData.endpointOutput.data") : null;
    const known = inputs ? inputs.items.length : 1;
    if (outputs && !outputs.ok) return { ok: false, reason: outputs.reason, base64: false, inferences: known };

    const inputItems = inputs ? inputs.items : null;
    const outputItems = outputs ? outputs.items : null;
    if (inputItems && outputItems && inputItems.length !== outputItems.length) {
        return {
            ok: false,
            reason: `input holds ${inputItems.length} inference(s) but output holds ${outputItems.length}; inputs and outputs pair by index`,
            base64: false,
            inferences: inputItems.length,
        };
    }
    const undocumented =
        inputs?.undocumented != null
            ? `captureData.endpointInput.data ${inputs.undocumented}`
            : outputs?.ok && outputs.undocumented !== null
              ? `captureData.endpointOutput.data ${outputs.undocumented}`
              : null;
    return { ok: true, record, inputs: inputItems, outputs: outputItems, count: (inputItems ?? outputItems ?? []).length, undocumented };
}

export function toNormalizedInferences(paired: Extract<PairResult, { ok: true }>, identity: EndpointIdentity): NormalizedInference[] {
    const { record, inputs, outputs, count } = paired;
    const ids = partnerInferenceIds(record.eventId, record.inferenceId, count);
    const inferences = new Array<NormalizedInference>(count);
    for (let i = 0; i < count; i++) {
        inferences[i] = {
            partnerInferenceId: ids[i],
            eventId: record.eventId,
            inferenceId: record.inferenceId,
            inferenceTime: record.inferenceTime,
            endpoint: identity.endpoint,
            variant: identity.variant,
            input: inputs ? inputs[i] : null,
            output: outputs ? outputs[i] : null,
            customAttributes: record.customAttributes,
        };
    }
    return inferences;
}

/** Parses and pairs one capture line. */
export function pairCaptureLine(line: string): PairResult {
    const parsed = parseCaptureRecord(line);
    if (!parsed.ok) return { ok: false, reason: parsed.reason, base64: false, inferences: 1 };
    return pairRecord(parsed.record);
}

/** Parses and normalizes one capture line. */
export function normalizeCaptureLine(line: string, identity: EndpointIdentity): NormalizeResult {
    const paired = pairCaptureLine(line);
    return paired.ok ? { ok: true, inferences: toNormalizedInferences(paired, identity) } : paired;
}
