/** Levenshtein edit distance between two strings. */
export function editDistance(a: string, b: string): number {
    let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
    for (let i = 1; i <= a.length; i++) {
        const current = [i];
        for (let j = 1; j <= b.length; j++) {
            const substitution = previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1);
            current.push(Math.min(previous[j] + 1, current[j - 1] + 1, substitution));
        }
        previous = current;
    }
    return previous[b.length];
}

/**
 * The candidate closest to `input`, if it is a plausible misspelling: at most a third of the
 * input's length (and at least 2) edits away, or a truncation of it ("minimumSampling" for
 * "minimumSamplingPercentage"). Ties go to the earliest candidate, so the answer is
 * deterministic.
 */
export function closestName(input: string, candidates: readonly string[]): string | undefined {
    const limit = Math.max(2, Math.floor(input.length / 3));
    const typed = input.toLowerCase();
    let best: { name: string; distance: number } | undefined;
    for (const candidate of candidates) {
        const name = candidate.toLowerCase();
        const distance = editDistance(typed, name);
        const truncated = typed.length >= 4 && name.startsWith(typed);
        if ((distance <= limit || truncated) && (best === undefined || distance < best.distance)) {
            best = { name: candidate, distance };
        }
    }
    return best?.name;
}
