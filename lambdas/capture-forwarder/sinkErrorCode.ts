/**
 * What a sink's error answer may add to logs and dead-letter reasons besides its status: a short
 * machine-readable code from a JSON body (`{"code": "InvalidSchema"}`, `{"error": "invalid_token"}`,
 * `{"error": {"code": "..."}}`). Never the body's text: sinks echo rejected records, and sometimes
 * request headers, back in their error bodies, and dead letters must never carry payload data.
 * A code must look like an identifier (a letter, then at most 63 of letters, digits, `_ . : -`;
 * no spaces), so free text in a code field is dropped too.
 */
import { isObject } from "../../domain/values";

/** Bytes of an error body kept to look for a code. */
export const ERROR_BODY_KEPT_BYTES = 2048;

const CODE = /^[A-Za-z][A-Za-z0-9_.:-]{0,63}$/;
const CODE_FIELDS = ["code", "errorCode", "error_code", "error"] as const;

function asCode(value: unknown): string | null {
    return typeof value === "string" && CODE.test(value) ? value : null;
}

/** The error code in a JSON error body, or null (not JSON, no code field, or not code-like). */
export function sinkErrorCode(body: string): string | null {
    let parsed: unknown;
    try {
        parsed = JSON.parse(body);
    } catch {
        return null;
    }
    if (!isObject(parsed)) return null;
    const fields = parsed;
    for (const field of CODE_FIELDS) {
        const code = asCode(fields[field]);
        if (code !== null) return code;
    }
    const nested = fields.error;
    if (typeof nested === "object" && nested !== null) return asCode((nested as Record<string, unknown>).code);
    return null;
}
