/**
 * How a provider reads scalar inputs given with the wrong JSON type. Pulumi passes a stack
 * program's values through as they are; the providers convert a string to the boolean or number
 * the schema asks for ("false" -> false, "50" -> 50) and reject what does not convert. Rules judge
 * the converted value, so `enableCapture: "false"` is capture switched off, not "set".
 */

/** true/false, or "true"/"false" in any case; undefined for anything else (absent, or not a boolean). */
export function providerBoolean(value: unknown): boolean | undefined {
    if (typeof value === "boolean") {
        return value;
    }
    if (typeof value === "string" && /^(true|false)$/i.test(value)) {
        return value.toLowerCase() === "true";
    }
    return undefined;
}

/** A finite number, or a string holding a decimal number ("50", "99.5"); undefined otherwise. */
export function providerNumber(value: unknown): number | undefined {
    if (typeof value === "number") {
        return Number.isFinite(value) ? value : undefined;
    }
    if (typeof value === "string" && /^\s*-?\d+(\.\d+)?\s*$/.test(value)) {
        return Number(value);
    }
    return undefined;
}
