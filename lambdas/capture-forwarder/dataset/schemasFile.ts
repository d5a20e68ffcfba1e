/**
 * The feature schemas the component ships beside the handler (DATASET_SCHEMAS_FILE), read once at
 * cold start. A missing file means no endpoint declares features (raw `input`/`output` strings);
 * a file that is not valid is a start-up error naming the file, the endpoint and the property.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { DATASET_SCHEMAS_FILE, FeatureSchema, featureSchemaProblems } from "../../../domain/dataset/featureSchema";
import { isObject } from "../../../domain/values";

class DatasetSchemasError extends Error {
    constructor(file: string, problems: string[]) {
        super(`invalid dataset feature schemas in ${file}:\n${problems.map((p) => `  ${p}`).join("\n")}`);
        this.name = "DatasetSchemasError";
    }
}

/** Every problem of the file's parsed content, each prefixed with the endpoint; empty when valid. */
export function datasetSchemasProblems(content: unknown): string[] {
    if (!isObject(content))
        return [
            `must be a JSON object { "<endpoint>": { "inputs": [...], "outputs": [...] } }, got ${Array.isArray(content) ? "an array" : typeof content}`,
        ];
    const problems: string[] = [];
    for (const [endpoint, schema] of Object.entries(content)) {
        if (!isObject(schema)) {
            problems.push(`${JSON.stringify(endpoint)}: must be an object { "inputs"?: [...], "outputs"?: [...] }`);
            continue;
        }
        const unknown = Object.keys(schema).filter((k) => k !== "inputs" && k !== "outputs");
        for (const key of unknown) problems.push(`${JSON.stringify(endpoint)}.${key}: unknown property (allowed: inputs, outputs)`);
        for (const p of featureSchemaProblems(schema as FeatureSchema)) problems.push(`${JSON.stringify(endpoint)}.${p.path}: ${p.reason}`);
    }
    return problems;
}

/** Reads `<dir>/dataset-schemas.json`; `{}` when the file is absent; throws DatasetSchemasError when it is not valid. */
export function loadDatasetSchemas(dir: string): Record<string, FeatureSchema> {
    const file = path.join(dir, DATASET_SCHEMAS_FILE);
    let text: string;
    try {
        text = readFileSync(file, "utf8");
    } catch (error) {
        if ((error as NodeJS.ErrnoException).code === "ENOENT") return {};
        throw error;
    }
    let content: unknown;
    try {
        content = JSON.parse(text);
    } catch (error) {
        throw new DatasetSchemasError(file, [`is not valid JSON (${(error as Error).message})`]);
    }
    const problems = datasetSchemasProblems(content);
    if (problems.length > 0) throw new DatasetSchemasError(file, problems);
    return content as Record<string, FeatureSchema>;
}
