/**
 * The feature schema of an endpoint's dataset (docs/components/dataset.md): the names and types of
 * its input and output features. One schema serves the writer (lambdas/capture-forwarder), the
 * Glue table (components/) and the stack file (program/), so their columns cannot drift apart.
 */

/** Feature types, and the Parquet and Glue types they become (datasetColumns.ts). */
export const FEATURE_TYPES = ["string", "integer", "double", "boolean"] as const;
export type FeatureType = (typeof FEATURE_TYPES)[number];

export interface Feature {
    /** Column name: 1-255 characters of a-z 0-9 _, starting with a letter or underscore (Athena folds names to lower case). */
    name: string;
    type: FeatureType;
}

/**
 * Declared features per side. A side left out is kept as one raw string column (`input` or
 * `output`): the CSV row or the JSON text as captured.
 */
export interface FeatureSchema {
    /** Input features, in CSV column order (JSON objects are read by name, JSON arrays by position). @default none: raw `input` string */
    inputs?: Feature[];
    /** Output features, in the same way. @default none: raw `output` string */
    outputs?: Feature[];
}

/** Glue's and Athena's column names: lower case, so a name reads the same in every engine. */
export const FEATURE_NAME_PATTERN = /^[a-z_][a-z0-9_]{0,254}$/;

/** Column names every row has (datasetColumns.ts); a feature may not take one of them. */
export const RESERVED_COLUMN_NAMES = [
    "partner_inference_id",
    "event_id",
    "inference_id",
    "endpoint",
    "variant",
    "inference_time",
    "custom_attributes",
    "input",
    "output",
    "dt",
    "hour",
] as const;

export interface FeatureSchemaProblem {
    /** Path below the schema, e.g. `inputs[2].name`. */
    path: string;
    reason: string;
}

function featureProblems(side: "inputs" | "outputs", features: unknown, seen: Map<string, string>): FeatureSchemaProblem[] {
    if (features === undefined) return [];
    if (!Array.isArray(features) || features.length === 0) {
        return [{ path: side, reason: `must be a non-empty list of { name, type } (got ${JSON.stringify(features)})` }];
    }
    const problems: FeatureSchemaProblem[] = [];
    features.forEach((feature: unknown, i) => {
        const at = `${side}[${i}]`;
        const { name, type } = (feature ?? {}) as { name?: unknown; type?: unknown };
        if (typeof name !== "string" || !FEATURE_NAME_PATTERN.test(name)) {
            problems.push({
                path: `${at}.name`,
                reason: `must be 1-255 characters of a-z 0-9 _, starting with a letter or _ (got ${JSON.stringify(name)})`,
            });
        } else if ((RESERVED_COLUMN_NAMES as readonly string[]).includes(name)) {
            problems.push({
                path: `${at}.name`,
                reason: `"${name}" is a column every row has; reserved: ${RESERVED_COLUMN_NAMES.join(", ")}`,
            });
        } else if (seen.has(name)) {
            problems.push({
                path: `${at}.name`,
                reason: `duplicate feature name "${name}" (also ${seen.get(name)}); names are unique across inputs and outputs`,
            });
        } else {
            seen.set(name, `${at}.name`);
        }
        if (!(FEATURE_TYPES as readonly unknown[]).includes(type)) {
            problems.push({ path: `${at}.type`, reason: `must be one of ${FEATURE_TYPES.join(", ")} (got ${JSON.stringify(type)})` });
        }
    });
    return problems;
}

/** Every problem of a feature schema, with its path; empty when valid. */
export function featureSchemaProblems(schema: FeatureSchema): FeatureSchemaProblem[] {
    const seen = new Map<string, string>();
    return [...featureProblems("inputs", schema.inputs, seen), ...featureProblems("outputs", schema.outputs, seen)];
}

/** File beside the forwarder's `index.js` holding `{ [endpoint]: FeatureSchema }`: schemas outgrow Lambda's 4 KB of environment. */
export const DATASET_SCHEMAS_FILE = "dataset-schemas.json";
