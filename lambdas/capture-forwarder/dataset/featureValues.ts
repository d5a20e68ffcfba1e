/**
 * One feature value as its declared type (lambdas/capture-forwarder/README.md, "Dataset"):
 * - every type: JSON null, a missing name, or an empty CSV field is null;
 * - string: a string as is; a JSON number or boolean as its JSON text; a JSON object or array as its JSON text;
 * - integer: a JSON integer up to 2^53 - 1 in size (a larger JSON number has already lost precision), or decimal
 *   digits with an optional sign within the signed 64-bit range;
 * - double: a JSON number, or a decimal number (`1`, `-2.5`, `.5`, `1e-3`), or nan, inf, -inf (any case, as numpy writes them);
 * - boolean: JSON true/false, the numbers 1/0, or the text true/false (any case) or 1/0.
 * Text is trimmed of surrounding spaces before a number or boolean is read. Anything else does
 * not match, and the record is dead-lettered (datasetRow.ts).
 */
import { FeatureType } from "../../../domain/dataset/featureSchema";

/** A value the Parquet writer takes for the type: string, bigint, number, boolean, or null. */
export type FeatureValue = string | bigint | number | boolean | null;

/** Returned when a value does not match its type. */
export const MISMATCH = Symbol("mismatch");

const INTEGER_TEXT = /^[+-]?\d+$/;
const DOUBLE_TEXT = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;
const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;
const SPECIAL_DOUBLES: Record<string, number> = {
    nan: NaN,
    inf: Infinity,
    "+inf": Infinity,
    "-inf": -Infinity,
    infinity: Infinity,
    "+infinity": Infinity,
    "-infinity": -Infinity,
};

function integerOf(value: unknown): bigint | typeof MISMATCH {
    if (typeof value === "number") return Number.isSafeInteger(value) ? BigInt(value) : MISMATCH;
    if (typeof value !== "string") return MISMATCH;
    const text = value.trim();
    if (!INTEGER_TEXT.test(text)) return MISMATCH;
    const n = BigInt(text);
    return n < INT64_MIN || n > INT64_MAX ? MISMATCH : n;
}

function doubleOf(value: unknown): number | typeof MISMATCH {
    if (typeof value === "number") return value;
    if (typeof value !== "string") return MISMATCH;
    const text = value.trim();
    if (DOUBLE_TEXT.test(text)) return Number(text);
    const special = SPECIAL_DOUBLES[text.toLowerCase()];
    return special === undefined ? MISMATCH : special;
}

function booleanOf(value: unknown): boolean | typeof MISMATCH {
    if (typeof value === "boolean") return value;
    if (value === 1 || value === 0) return value === 1;
    if (typeof value !== "string") return MISMATCH;
    const text = value.trim().toLowerCase();
    if (text === "true" || text === "1") return true;
    if (text === "false" || text === "0") return false;
    return MISMATCH;
}

/** The value as `type`, null for an absent value, or MISMATCH. */
export function featureValue(value: unknown, type: FeatureType): FeatureValue | typeof MISMATCH {
    if (value === null || value === undefined || value === "") return null;
    switch (type) {
        case "string":
            return typeof value === "string" ? value : JSON.stringify(value);
        case "integer":
            return integerOf(value);
        case "double":
            return doubleOf(value);
        case "boolean":
            return booleanOf(value);
    }
}

/** A raw side (no schema declared): the CSV row or JSON text as captured, null when absent. */
export function rawValue(value: unknown): string | null {
    if (value === null || value === undefined) return null;
    return typeof value === "string" ? value : JSON.stringify(value);
}
