/**
 * One Data Capture line (one InvokeEndpoint call), validated into a typed record.
 * Shape (docs/ARCHITECTURE.md, "AWS limits"): captureData.endpointInput|endpointOutput {observedContentType, mode, data,
 * encoding: CSV|JSON|BASE64}, eventMetadata {eventId, inferenceId?, inferenceTime,
 * customAttributes?}, eventVersion.
 */
import { isObject } from "../../domain/values";
import { describeJsonSyntax } from "./jsonError";
import { describeValue } from "./reasons";

const CAPTURE_ENCODINGS = ["CSV", "JSON", "BASE64"] as const;
type CaptureEncoding = (typeof CAPTURE_ENCODINGS)[number];

export interface CapturePayload {
    observedContentType: string | null;
    mode: string | null;
    /** The payload as captured; JSON payloads are JSON text to parse again. */
    data: string;
    encoding: CaptureEncoding;
}

export interface CaptureRecord {
    input: CapturePayload | null;
    output: CapturePayload | null;
    eventId: string;
    inferenceId: string | null;
    inferenceTime: string;
    customAttributes: string | null;
    eventVersion: string | null;
}

export type CaptureRecordResult = { ok: true; record: CaptureRecord } | { ok: false; reason: string };

type Json = Record<string, unknown>;

function optionalString(parent: Json, field: string, path: string, problems: string[]): string | null {
    const value = parent[field];
    if (value === undefined || value === null) return null;
    if (typeof value !== "string") {
        problems.push(`${path}.${field}: must be a string, got ${typeof value}`);
        return null;
    }
    return value;
}

function requiredString(parent: Json, field: string, path: string, problems: string[]): string {
    const value = parent[field];
    if (typeof value === "string" && value.length > 0) return value;
    problems.push(`${path}.${field}: a non-empty string is required`);
    return "";
}

function payloadAt(captureData: Json, field: string, problems: string[]): CapturePayload | null {
    const path = `captureData.${field}`;
    const raw = captureData[field];
    if (raw === undefined || raw === null) return null;
    if (!isObject(raw)) {
        problems.push(`${path}: must be an object`);
        return null;
    }
    const data = raw.data;
    if (typeof data !== "string") problems.push(`${path}.data: must be a string`);
    const encoding = raw.encoding;
    if (typeof encoding !== "string" || !(CAPTURE_ENCODINGS as readonly string[]).includes(encoding)) {
        problems.push(`${path}.encoding: must be one of ${CAPTURE_ENCODINGS.join(", ")}, got ${describeValue(encoding)}`);
    }
    return {
        observedContentType: optionalString(raw, "observedContentType", path, problems),
        mode: optionalString(raw, "mode", path, problems),
        data: typeof data === "string" ? data : "",
        encoding: encoding as CaptureEncoding,
    };
}

/** Validates a parsed capture line; every problem is reported, joined by "; ". */
function toCaptureRecord(value: unknown): CaptureRecordResult {
    if (!isObject(value)) return { ok: false, reason: "capture line is not a JSON object" };
    const problems: string[] = [];
    const captureData = value.captureData;
    let input: CapturePayload | null = null;
    let output: CapturePayload | null = null;
    if (!isObject(captureData)) {
        problems.push("captureData: an object is required");
    } else {
        input = payloadAt(captureData, "endpointInput", problems);
        output = payloadAt(captureData, "endpointOutput", problems);
        if (!input && !output && problems.length === 0) {
            problems.push("captureData: neither endpointInput nor endpointOutput is present");
        }
    }
    const metadata = value.eventMetadata;
    let eventId = "";
    let inferenceTime = "";
    let inferenceId: string | null = null;
    let customAttributes: string | null = null;
    if (!isObject(metadata)) {
        problems.push("eventMetadata: an object is required");
    } else {
        eventId = requiredString(metadata, "eventId", "eventMetadata", problems);
        inferenceTime = requiredString(metadata, "inferenceTime", "eventMetadata", problems);
        // An empty InferenceId names nothing: the EventId stands in for it, as for a missing one.
        inferenceId = optionalString(metadata, "inferenceId", "eventMetadata", problems) || null;
        customAttributes = optionalString(metadata, "customAttributes", "eventMetadata", problems);
    }
    const eventVersion = optionalString(value, "eventVersion", "", problems);
    if (problems.length > 0) return { ok: false, reason: problems.map((p) => p.replace(/^\./, "")).join("; ") };
    return { ok: true, record: { input, output, eventId, inferenceId, inferenceTime, customAttributes, eventVersion } };
}

/** Parses one capture line. */
export function parseCaptureRecord(line: string): CaptureRecordResult {
    let value: unknown;
    try {
        value = JSON.parse(line);
    } catch {
        // Never V8's message: it quotes the line.
        return { ok: false, reason: `capture line is not valid JSON (${describeJsonSyntax(line)})` };
    }
    return toCaptureRecord(value);
}
