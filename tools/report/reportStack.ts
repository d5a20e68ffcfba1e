/** The stack file the report reads: `--config`, else `Pulumi.<stack>.yaml` at the root; every way it can be wrong names the flag and the fix. */
import * as path from "path";
import * as pulumi from "@pulumi/pulumi";
import { loadStackConfig } from "../../program/loadStackConfig";
import { StackConfig } from "../../program/schema";
import { fileProblem, missingStackFileProblem } from "../cli/inputPaths";
import { readProject, readStackFile, StackFileError } from "../synth/stackFile";

/** Why the stack file `--config` or `--stack` names is missing or a folder; null when there is one to read. */
export function reportStackFileProblem(root: string, stack: string, configFile: string | undefined): string | null {
    return configFile === undefined
        ? missingStackFileProblem(root, stack, "pass one of those stacks, or --config <file>")
        : fileProblem("--config", configFile, "pass a stack file (the format of Pulumi.<stack>.yaml), or leave --config out");
}

/** The stack's config and region, or why the stack file cannot be used (exit 2). */
export function readReportStack(
    root: string,
    stack: string,
    configFile: string | undefined,
): { config: StackConfig; region: string } | { problem: string } {
    const problem = reportStackFileProblem(root, stack, configFile);
    if (problem !== null) return { problem };
    const file = configFile ?? path.join(root, `Pulumi.${stack}.yaml`);
    const project = readProject(root);
    try {
        const stackFile = readStackFile(file, project);
        return { config: loadStackConfig(() => stackFile.config, project.name), region: stackFile.region };
    } catch (error) {
        // The stack file's own errors name the file; the program's name the property paths.
        if (error instanceof StackFileError) return { problem: error.message };
        if (pulumi.InputPropertiesError.isInstance(error)) return { problem: `${file}: ${error.message}` };
        throw error;
    }
}
