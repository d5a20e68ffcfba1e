/**
 * The dataset's columns, from one feature schema: the Parquet writer writes exactly these, and the
 * Glue table declares exactly these (a test holds the two equal). `dt` and `hour` are not in the
 * files: they are the hive partitions of the path (datasetLayout.ts).
 */
import { FeatureSchema, FeatureType } from "./featureSchema";

export type ColumnType = FeatureType | "timestamp";

export interface DatasetColumn {
    name: string;
    type: ColumnType;
    /** What the column holds, for the Glue table's comments and the docs. */
    comment: string;
}

/** Glue (Hive) type of each column type; a Parquet INT64 is a Glue `bigint`. */
export const GLUE_COLUMN_TYPES: Record<ColumnType, string> = {
    string: "string",
    integer: "bigint",
    double: "double",
    boolean: "boolean",
    timestamp: "timestamp",
};

const IDENTITY_COLUMNS: DatasetColumn[] = [
    {
        name: "partner_inference_id",
        type: "string",
        comment:
            "Stable ID shared with the push sinks: the InferenceId (else eventId), suffixed _<index> when a record holds several inferences",
    },
    { name: "event_id", type: "string", comment: "SageMaker Data Capture eventId" },
    { name: "inference_id", type: "string", comment: "InferenceId the caller passed, or null" },
    { name: "endpoint", type: "string", comment: "Endpoint name" },
    { name: "variant", type: "string", comment: "Production variant name" },
    { name: "inference_time", type: "timestamp", comment: "eventMetadata.inferenceTime, UTC" },
    { name: "custom_attributes", type: "string", comment: "CustomAttributes the caller passed, or null" },
];

function sideColumns(side: "input" | "output", features: FeatureSchema["inputs"]): DatasetColumn[] {
    if (!features) return [{ name: side, type: "string", comment: `Raw ${side}: the CSV row or the JSON text as captured` }];
    return features.map((f) => ({ name: f.name, type: f.type, comment: `${side} feature` }));
}

/** The columns of an endpoint's dataset, in file order. @param schema `{}` for raw `input` and `output` strings. */
export function datasetColumns(schema: FeatureSchema): DatasetColumn[] {
    return [...IDENTITY_COLUMNS, ...sideColumns("input", schema.inputs), ...sideColumns("output", schema.outputs)];
}

/** The partition keys, outermost first; Glue declares them as strings. */
export const PARTITION_KEYS = ["dt", "hour"] as const;
