/**
 * The feature schemas replay's dataset sink uses: from `--features <file.json>` (the forwarder's
 * dataset-schemas.json format), from the stack file's endpoint entries (`--stack <name>`: each
 * entry's `features`), or none (raw `input`/`output` strings).
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { FeatureSchema } from "../../domain/dataset/featureSchema";
import { datasetSchemasProblems } from "../../lambdas/capture-forwarder/dataset/schemasFile";
import { fileProblem, missingStackFileProblem, stackNameProblem } from "../cli/inputPaths";

export type SchemasResult = { schemas: Record<string, FeatureSchema>; problems: [] } | { schemas: null; problems: string[] };

/** `features` of each endpoint entry of the stack file `Pulumi.<stack>.yaml` under `root`. */
async function stackSchemas(root: string, stack: string): Promise<Record<string, unknown>> {
    const { readProject, readStackFile } = await import("../synth/stackFile");
    const { loadStackConfig } = await import("../../program/loadStackConfig");
    const project = readProject(root);
    const file = readStackFile(path.join(root, `Pulumi.${stack}.yaml`), project);
    const config = loadStackConfig(() => file.config, project.name);
    const schemas: Record<string, unknown> = {};
    // An entry declares `features` only when its endpoint has a schema.
    for (const entry of config.endpoints) {
        if (entry.features !== undefined) schemas[entry.name] = entry.features;
    }
    return schemas;
}

/** What `--features` takes. */
const FEATURES_FIX = 'pass a JSON file { "<endpoint>": { "inputs": [...], "outputs": [...] } }';

/** A `--features` that is no file or a `--stack` without its stack file: the flag, what is wrong and the fix (never a raw ENOENT or EISDIR). */
function pathProblem(options: { stack: string | null; features: string | null }, root: string): string | null {
    if (options.features !== null) return fileProblem("--features", options.features, FEATURES_FIX);
    if (options.stack === null) return null;
    return (
        stackNameProblem(options.stack) ??
        missingStackFileProblem(root, options.stack, "pass one of those stacks, or type the columns with --features <file.json>")
    );
}

/** The schemas, or the problems naming the flag and the fix. */
export async function replayFeatureSchemas(
    options: { stack: string | null; features: string | null },
    root: string,
): Promise<SchemasResult> {
    const badPath = pathProblem(options, root);
    if (badPath !== null) return { schemas: null, problems: [badPath] };
    let content: unknown = {};
    let origin = "";
    try {
        if (options.features !== null) {
            origin = `--features ${options.features}`;
            content = JSON.parse(readFileSync(options.features, "utf8"));
        } else if (options.stack !== null) {
            origin = `--stack ${options.stack}`;
            content = await stackSchemas(root, options.stack);
        }
    } catch (error) {
        const why = (error as Error).message.split("\n").join("; ");
        const fix = options.features !== null ? FEATURES_FIX : "fix the stack file Pulumi.<name>.yaml at the repository root";
        return { schemas: null, problems: [`${origin}: ${why}; ${fix}`] };
    }
    const problems = datasetSchemasProblems(content);
    if (problems.length > 0) return { schemas: null, problems: problems.map((p) => `${origin}: ${p}`) };
    return { schemas: content as Record<string, FeatureSchema>, problems: [] };
}
