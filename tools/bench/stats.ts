/** Small statistics for bench figures. */

/** The middle value (the mean of the two middle ones for an even count). */
export function median(values: number[]): number {
    if (values.length === 0) {
        throw new Error("median of no values");
    }
    const sorted = [...values].sort((a, b) => a - b);
    const mid = Math.floor(sorted.length / 2);
    return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** Rounds to `digits` decimals (3 by default: milliseconds for seconds). */
export function round(value: number, digits = 3): number {
    const scale = 10 ** digits;
    return Math.round(value * scale) / scale;
}
