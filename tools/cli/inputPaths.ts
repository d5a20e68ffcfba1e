/**
 * The files and folders the tools' flags name (synth, replay, smoke, report), checked before
 * anything runs: each problem names the flag, what is wrong and what to pass instead, never a raw
 * ENOENT, ENOTDIR or EISDIR from deep inside a run.
 */
import * as fs from "fs";
import * as path from "path";

/** `--flag file` names no readable file: what is wrong and `fix`. */
export function fileProblem(flag: string, file: string, fix: string): string | null {
    if (!fs.existsSync(file)) {
        return `${flag} ${file}: no such file; ${fix}`;
    }
    return fs.statSync(file).isDirectory() ? `${flag} ${file} is a folder, not a file; ${fix}` : null;
}

/** `--flag dir` must be a folder or a path one can create: no file where a folder has to go. */
export function folderProblem(flag: string, dir: string, fix: string): string | null {
    let existing = path.resolve(dir);
    while (!fs.existsSync(existing)) {
        existing = path.dirname(existing);
    }
    if (fs.statSync(existing).isDirectory()) {
        return null;
    }
    const where = existing === path.resolve(dir) ? "is a file" : `is under ${existing}, which is a file`;
    return `${flag} ${dir} ${where}, not a folder; ${fix}`;
}

/** What a stack name (and each part of `org/project/stack`) may hold. */
const STACK_NAME = /^[A-Za-z0-9_.-]+$/;

/** `--stack` names the file Pulumi.<stack>.yaml: letters, digits, _ . and - only, so it cannot point elsewhere. */
export function stackNameProblem(stack: string): string | null {
    return STACK_NAME.test(stack) ? null : `--stack ${JSON.stringify(stack)} is not a stack name; use letters, digits, _ . and -`;
}

/**
 * `--stack` as the Pulumi CLI takes it: `stack`, `project/stack` or `org/project/stack` (a stack
 * outside the default organization). Each part is a name; none is only dots.
 */
export function qualifiedStackNameProblem(stack: string): string | null {
    const parts = stack.split("/");
    return parts.length <= 3 && parts.every((part) => STACK_NAME.test(part) && !/^\.+$/.test(part))
        ? null
        : `--stack ${JSON.stringify(stack)} is not a stack name; use letters, digits, _ . and -, as <stack>, <project>/<stack> or <org>/<project>/<stack>`;
}

/** The stack's own name in `org/project/stack`: its stack file is `Pulumi.<stack>.yaml`. */
export function unqualifiedStackName(stack: string): string {
    return stack.slice(stack.lastIndexOf("/") + 1);
}

/** The stack files `Pulumi.<stack>.yaml` in `dir`, sorted. */
function stackFilesIn(dir: string): string[] {
    return fs
        .readdirSync(dir)
        .filter((file) => /^Pulumi\..+\.yaml$/.test(file))
        .sort();
}

/** `--stack <name>` whose stack file Pulumi.<name>.yaml is not in `dir`: which stack files are, and `fix`. */
export function missingStackFileProblem(dir: string, stack: string, fix: string): string | null {
    if (fs.existsSync(path.join(dir, `Pulumi.${stack}.yaml`))) {
        return null;
    }
    const existing = stackFilesIn(dir);
    return (
        `--stack ${stack}: there is no Pulumi.${stack}.yaml in ${dir}` +
        ` (stack files there: ${existing.length === 0 ? "none" : existing.join(", ")}); ${fix}`
    );
}
