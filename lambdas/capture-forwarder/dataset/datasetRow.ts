/**
 * One normalized inference as one dataset row, in the order of datasetColumns(schema), or the
 * reason it does not fit the schema (the record is then dead-lettered). Reasons name the side,
 * the feature and the rule, never the value: dead letters carry no payload data.
 */
import { datasetColumns, DatasetColumn } from "../../../domain/dataset/datasetColumns";
import { Feature, FeatureSchema } from "../../../domain/dataset/featureSchema";
import { NormalizedInference } from "../normalize";
import { featureValue, FeatureValue, MISMATCH, rawValue } from "./featureValues";
import { sideFields } from "./sideFields";

/** A row's cells: inference_time is epoch milliseconds (UTC), a number (hyparquet-writer takes it as such; no Date per row). */
export type RowValue = FeatureValue;
export type RowResult = { ok: true; row: RowValue[] } | { ok: false; reason: string };

/** Turns inferences into rows for one schema; built once per object. */
export class RowBuilder {
    readonly columns: DatasetColumn[];

    constructor(private readonly schema: FeatureSchema) {
        this.columns = datasetColumns(schema);
    }

    row(inference: NormalizedInference): RowResult {
        const time = Date.parse(inference.inferenceTime);
        if (Number.isNaN(time)) return { ok: false, reason: "eventMetadata.inferenceTime is not an ISO 8601 time" };
        const row: RowValue[] = [
            inference.partnerInferenceId,
            inference.eventId,
            inference.inferenceId,
            inference.endpoint,
            inference.variant,
            time,
            inference.customAttributes,
        ];
        const input = this.side(inference.input, this.schema.inputs, "input", row);
        if (input !== null) return { ok: false, reason: input };
        const output = this.side(inference.output, this.schema.outputs, "output", row);
        if (output !== null) return { ok: false, reason: output };
        return { ok: true, row };
    }

    /** Appends the side's cells to `row`; returns why it does not fit, else null. */
    private side(value: unknown, features: Feature[] | undefined, side: "input" | "output", row: RowValue[]): string | null {
        if (features === undefined) {
            row.push(rawValue(value));
            return null;
        }
        const fields = sideFields(value, features, side);
        if (!fields.ok) return fields.reason;
        for (let i = 0; i < features.length; i++) {
            const cell = featureValue(fields.values[i], features[i].type);
            if (cell === MISMATCH)
                return `${side} feature ${i + 1} (${features[i].name}) is not a${features[i].type === "integer" ? "n" : ""} ${features[i].type}`;
            row.push(cell);
        }
        return null;
    }
}
