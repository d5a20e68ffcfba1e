/**
 * Splits one captured payload (the request or the response of one InvokeEndpoint call) into the
 * inferences it holds:
 * - CSV: one inference per row; rows are separated by '\n' ("\r\n" tolerated) and one trailing
 *   newline is ignored.
 * - JSON with a top-level `instances` or `predictions` array: one inference per item; an item is a
 *   `features`/`probabilities` array (`{"features": [...]}`), a bare array or scalar, or a
 *   feature-name map, which may not use the reserved names.
 * - JSON Lines (content type jsonlines/jsonl/ndjson, or several JSON values on separate lines):
 *   one inference per non-blank line.
 * - Any other single JSON value: one inference.
 * BASE64 payloads cannot be read and are refused (see base64Capture.ts).
 */
import { CapturePayload } from "./captureRecord";
import { isObject } from "../../domain/values";
import { describeJsonSyntax } from "./jsonError";

const RESERVED_FEATURE_NAMES = ["instances", "predictions", "features", "probabilities"] as const;

/**
 * `undocumented` names the payload's form when Arthur does not document it (JSON Lines, a bare
 * array or scalar, `instances`/`predictions` items that are bare arrays or scalars), else null.
 * Arthur documents CSV, `instances`/`predictions` of `features`/`probabilities` objects, and
 * feature-name maps.
 */
export type SplitResult = { ok: true; items: unknown[]; undocumented: string | null } | { ok: false; reason: string };

const JSON_LINES_TYPE = /jsonlines|jsonl|ndjson/i;

/** Endpoints see few distinct content types; remember the last answer (hot path). */
let lastContentType = "";
let lastIsJsonLines = false;
function isJsonLinesType(contentType: string): boolean {
    if (contentType !== lastContentType) {
        lastContentType = contentType;
        lastIsJsonLines = JSON_LINES_TYPE.test(contentType);
    }
    return lastIsJsonLines;
}

function splitCsv(data: string): string[] {
    const body = data.endsWith("\n") ? data.slice(0, data.endsWith("\r\n") ? -2 : -1) : data;
    // Fast paths: most calls carry one row, and most captures have no '\r'.
    if (!body.includes("\n")) return [body];
    const rows = body.split("\n");
    if (!body.includes("\r")) return rows;
    for (let i = 0; i < rows.length; i++) {
        const row = rows[i];
        if (row.endsWith("\r")) rows[i] = row.slice(0, -1);
    }
    return rows;
}

/** Checks one `instances`/`predictions` item; returns a problem or null. */
function itemProblem(item: unknown, path: string): string | null {
    if (!isObject(item)) return null;
    const keys = Object.keys(item);
    if (keys.length === 1 && (keys[0] === "features" || keys[0] === "probabilities")) {
        return Array.isArray(item[keys[0]]) ? null : `${path}.${keys[0]}: must be an array`;
    }
    const reserved = keys.filter((k) => (RESERVED_FEATURE_NAMES as readonly string[]).includes(k));
    if (reserved.length === 0) return null;
    return (
        `${path}: feature-name map uses reserved name${reserved.length > 1 ? "s" : ""} ${reserved.map((k) => JSON.stringify(k)).join(", ")}` +
        ` (not allowed in feature-name maps: ${RESERVED_FEATURE_NAMES.join(", ")})`
    );
}

/** Inferences in one parsed JSON value. */
function splitJsonValue(value: unknown, path: string): SplitResult {
    if (!isObject(value))
        return { ok: true, items: [value], undocumented: Array.isArray(value) ? "is a bare JSON array" : "is a bare JSON scalar" };
    const hasInstances = Object.prototype.hasOwnProperty.call(value, "instances");
    const hasPredictions = Object.prototype.hasOwnProperty.call(value, "predictions");
    if (hasInstances && hasPredictions) {
        return { ok: false, reason: `${path}: has both "instances" and "predictions"; a payload holds one of them` };
    }
    if (!hasInstances && !hasPredictions) return { ok: true, items: [value], undocumented: null };
    const field = hasInstances ? "instances" : "predictions";
    const items = value[field];
    if (!Array.isArray(items)) return { ok: false, reason: `${path}.${field}: must be an array` };
    let undocumented: string | null = null;
    for (let i = 0; i < items.length; i++) {
        const item: unknown = items[i];
        const problem = itemProblem(item, `${path}.${field}[${i}]`);
        if (problem) return { ok: false, reason: problem };
        if (undocumented === null && !isObject(item))
            undocumented = `has "${field}" items that are bare ${Array.isArray(item) ? "arrays" : "scalars"}`;
    }
    return { ok: true, items, undocumented };
}

function splitJsonLines(data: string, path: string): SplitResult {
    const items: unknown[] = [];
    const lines = data.split("\n");
    for (let i = 0; i < lines.length; i++) {
        if (lines[i].trim() === "") continue;
        try {
            items.push(JSON.parse(lines[i]));
        } catch {
            return { ok: false, reason: `${path}: JSON Lines line ${i + 1} is not valid JSON (${describeJsonSyntax(lines[i])})` };
        }
    }
    return { ok: true, items, undocumented: "is JSON Lines" };
}

/**
 * Splits a payload; `path` names it in reasons (e.g. "captureData.endpointInput.data").
 */
export function splitPayload(payload: CapturePayload, path: string): SplitResult {
    if (payload.encoding === "CSV") return { ok: true, items: splitCsv(payload.data), undocumented: null };
    if (payload.encoding !== "JSON") return { ok: false, reason: `${path}: encoding ${payload.encoding} cannot be split` };
    if (payload.observedContentType !== null && isJsonLinesType(payload.observedContentType)) {
        return splitJsonLines(payload.data, path);
    }
    let value: unknown;
    try {
        value = JSON.parse(payload.data);
    } catch {
        // Several JSON values on separate lines without a JSON Lines content type.
        if (payload.data.includes("\n")) {
            const lines = splitJsonLines(payload.data, path);
            if (lines.ok) return lines;
        }
        return { ok: false, reason: `${path}: is not valid JSON (${describeJsonSyntax(payload.data)})` };
    }
    return splitJsonValue(value, path);
}
