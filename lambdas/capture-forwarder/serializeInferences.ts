/**
 * JSON lines of one record's normalized inferences, byte-identical to
 * `inferences.map((i) => JSON.stringify(i) + "\n").join("")`, but the fields every inference of a
 * record shares are serialized once per record instead of once per inference (the http sink's hot
 * path: see tools/bench-forwarder.ts).
 */
import { NormalizedInference } from "./normalize";

export function serializeInferences(inferences: NormalizedInference[]): string {
    if (inferences.length === 0) return "";
    const first = inferences[0];
    const shared =
        `,"eventId":${JSON.stringify(first.eventId)},"inferenceId":${JSON.stringify(first.inferenceId)}` +
        `,"inferenceTime":${JSON.stringify(first.inferenceTime)},"endpoint":${JSON.stringify(first.endpoint)}` +
        `,"variant":${JSON.stringify(first.variant)},"input":`;
    const end = `,"customAttributes":${JSON.stringify(first.customAttributes)}}\n`;
    let text = "";
    for (const inference of inferences) {
        text += `{"partnerInferenceId":${JSON.stringify(inference.partnerInferenceId)}${shared}${JSON.stringify(inference.input)},"output":${JSON.stringify(inference.output)}${end}`;
    }
    return text;
}
