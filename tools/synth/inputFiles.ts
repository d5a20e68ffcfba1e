import * as fs from "fs";
import * as path from "path";

/** The stack file synth reads: `--config`, else `Pulumi.<stack>.yaml` in the project folder. */
export function stackFileOf(projectDir: string, stack: string, configFile: string | undefined): string {
    return configFile ?? path.join(projectDir, `Pulumi.${stack}.yaml`);
}

/** `--flag file` names no readable file: what is wrong and `fix`. */
export function fileProblem(flag: string, file: string, fix: string): string | null {
    if (!fs.existsSync(file)) {
        return `${flag} ${file}: no such file; ${fix}`;
    }
    return fs.statSync(file).isDirectory() ? `${flag} ${file} is a folder, not a file; ${fix}` : null;
}

function stackFilesIn(projectDir: string): string[] {
    return fs
        .readdirSync(projectDir)
        .filter((file) => /^Pulumi\..+\.yaml$/.test(file))
        .sort();
}

function stackFileProblem(projectDir: string, stack: string, configFile: string | undefined): string | null {
    if (configFile !== undefined) {
        return fileProblem("--config", configFile, "pass a stack file (the format of Pulumi.<stack>.yaml), or leave --config out");
    }
    if (fs.existsSync(stackFileOf(projectDir, stack, undefined))) {
        return null;
    }
    const existing = stackFilesIn(projectDir);
    return (
        `--stack ${stack}: there is no Pulumi.${stack}.yaml in ${projectDir}` +
        ` (stack files there: ${existing.length === 0 ? "none" : existing.join(", ")}); add one, or pass --config <file>`
    );
}

/** `--out` must be a folder or a path one can create: no file where a folder has to go. */
function outDirProblem(outDir: string): string | null {
    let existing = path.resolve(outDir);
    while (!fs.existsSync(existing)) {
        existing = path.dirname(existing);
    }
    if (fs.statSync(existing).isDirectory()) {
        return null;
    }
    const where = existing === path.resolve(outDir) ? "is a file" : `is under ${existing}, which is a file`;
    return `--out ${outDir} ${where}, not a folder; pass a folder (created when missing), or leave --out out to write to out/`;
}

/** Every problem with the files and folders the flags name, before anything runs. */
export function inputFileProblems(
    projectDir: string,
    options: { stack: string; configFile?: string; policyConfigFile?: string; outDir: string },
): string[] {
    const policyConfigFix =
        "pass a policy pack config (JSON), or leave --policy-config out to use policy/stacks/<stack>.json or the pack's defaults";
    return [
        stackFileProblem(projectDir, options.stack, options.configFile),
        options.policyConfigFile === undefined ? null : fileProblem("--policy-config", options.policyConfigFile, policyConfigFix),
        outDirProblem(options.outDir),
    ].filter((problem): problem is string => problem !== null);
}
