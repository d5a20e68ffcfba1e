import * as fs from "fs";
import * as path from "path";
import { fileProblem, folderProblem, missingStackFileProblem } from "../cli/inputPaths";

/** What synth runs and with which stack file; `programFile` is `--program`, absent for this repository's index.ts. */
export interface ProgramTarget {
    stack: string;
    configFile?: string;
    programFile?: string;
}

/** The program synth runs: `--program`, else the repository's `index.ts`. */
export function programFileOf(projectDir: string, target: ProgramTarget): string {
    return path.resolve(target.programFile ?? path.join(projectDir, "index.ts"));
}

/**
 * The stack file synth reads: `--config`, else `Pulumi.<stack>.yaml` next to the program. A
 * `--program` may have none (undefined: no config); this repository's stacks must.
 */
export function stackFileOf(projectDir: string, target: ProgramTarget): string | undefined {
    if (target.configFile !== undefined) {
        return target.configFile;
    }
    const file = path.join(path.dirname(programFileOf(projectDir, target)), `Pulumi.${target.stack}.yaml`);
    return target.programFile !== undefined && !fs.existsSync(file) ? undefined : file;
}

function stackFileProblem(projectDir: string, target: ProgramTarget): string | null {
    if (target.configFile !== undefined) {
        return fileProblem("--config", target.configFile, "pass a stack file (the format of Pulumi.<stack>.yaml), or leave --config out");
    }
    if (target.programFile !== undefined) {
        return null;
    }
    return missingStackFileProblem(projectDir, target.stack, "add one, or pass --config <file>");
}

/** Every problem with the files and folders the flags name, before anything runs. */
export function inputFileProblems(projectDir: string, options: ProgramTarget & { policyConfigFile?: string; outDir: string }): string[] {
    const policyConfigFix =
        "pass a policy pack config (JSON), or leave --policy-config out to use policy/stacks/<stack>.json or the pack's defaults";
    return [
        options.programFile === undefined
            ? null
            : fileProblem("--program", options.programFile, "pass a Pulumi TypeScript program (its index.ts), or leave --program out"),
        stackFileProblem(projectDir, options),
        options.policyConfigFile === undefined ? null : fileProblem("--policy-config", options.policyConfigFile, policyConfigFix),
        folderProblem("--out", options.outDir, "pass a folder (created when missing), or leave --out out to write to out/"),
    ].filter((problem): problem is string => problem !== null);
}
