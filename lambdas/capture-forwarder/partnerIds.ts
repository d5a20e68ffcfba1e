/**
 * Partner inference IDs, the key a monitoring platform later joins ground truth on.
 * One inference in a call: the caller's InferenceId, else the EventId.
 * Several: `<InferenceId or EventId>_<index>`, counting from 0.
 */
export function partnerInferenceIds(eventId: string, inferenceId: string | null, count: number): string[] {
    const base = inferenceId ?? eventId;
    if (count === 1) return [base];
    const ids = new Array<string>(count);
    for (let i = 0; i < count; i++) ids[i] = `${base}_${i}`;
    return ids;
}
