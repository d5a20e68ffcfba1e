/**
 * Small readers of untyped values (resource props, parsed JSON, pack config), shared by every
 * module of the pack so each is written once.
 */

/** A (non-array, non-null) object. */
export function isObject(value: unknown): value is Record<string, any> {
    return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** The value if it is a (non-array) object, otherwise undefined. */
export function objectOf(value: unknown): Record<string, any> | undefined {
    return isObject(value) ? value : undefined;
}

/** A non-empty string, or undefined. */
export function nonEmptyString(value: unknown): string | undefined {
    return typeof value === "string" && value.length > 0 ? value : undefined;
}

/** The value if it is an array, otherwise an empty array. */
export function arrayOf(value: unknown): any[] {
    return Array.isArray(value) ? value : [];
}

/** The non-empty strings of an array-valued field. */
export function stringsOf(value: unknown): string[] {
    return arrayOf(value).filter((item): item is string => typeof item === "string" && item.length > 0);
}

/** Distinct values in sorted order, for deterministic messages and documents. */
export function uniqueSorted(values: readonly string[]): string[] {
    return [...new Set(values)].sort();
}
