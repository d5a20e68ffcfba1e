/**
 * Runs checks as concurrent child processes and prints each one's output whole, in the order the
 * checks are listed (not the order they finish), each under a header with its command, exit status
 * and time. On the two-core machines this runs on, mocha (the longest check) keeps about one core
 * busy, so lint and the type check run beside it instead of before it (docs/benchmarks.md).
 */
import { spawn } from "node:child_process";

export interface Check {
    /** Short name, for the summary. */
    name: string;
    /** What a person would type to run it alone, for the header. */
    display: string;
    command: string;
    args: string[];
}

export interface CheckResult {
    name: string;
    /** Exit status; a check killed by a signal counts as 1. */
    status: number;
    seconds: number;
}

export interface Output {
    write(text: string): void;
}

/** Runs every check at once; resolves to the results in the checks' order once all have finished. */
export async function runChecks(checks: Check[], cwd: string, out: Output): Promise<CheckResult[]> {
    const started = checks.map((check) => runOne(check, cwd));
    const results: CheckResult[] = [];
    for (const [i, check] of checks.entries()) {
        const { result, output } = await started[i];
        out.write(`\n> ${check.display}  (exit ${result.status}, ${result.seconds.toFixed(1)} s)\n${output}`);
        results.push(result);
    }
    out.write(`\n${summary(results)}\n`);
    return results;
}

/** One line per check, then one naming the checks that failed. */
export function summary(results: CheckResult[]): string {
    const lines = results.map((r) => `${r.status === 0 ? "ok  " : "FAIL"}  ${r.name} (${r.seconds.toFixed(1)} s)`);
    const failed = results.filter((r) => r.status !== 0).map((r) => r.name);
    lines.push(failed.length === 0 ? `checks: all ${results.length} passed` : `checks: ${failed.join(", ")} failed`);
    return lines.join("\n");
}

/** 0 only when every check passed. */
export function exitStatus(results: CheckResult[]): number {
    return results.every((r) => r.status === 0) ? 0 : 1;
}

function runOne(check: Check, cwd: string): Promise<{ result: CheckResult; output: string }> {
    const start = process.hrtime.bigint();
    return new Promise((resolve) => {
        const chunks: Buffer[] = [];
        const child = spawn(check.command, check.args, { cwd, stdio: ["ignore", "pipe", "pipe"] });
        // stdout and stderr into one buffer, in the order they arrive, as a terminal would show them.
        child.stdout.on("data", (chunk: Buffer) => chunks.push(chunk));
        child.stderr.on("data", (chunk: Buffer) => chunks.push(chunk));
        const finish = (status: number, extra = "") => {
            const seconds = Number(process.hrtime.bigint() - start) / 1e9;
            resolve({ result: { name: check.name, status, seconds }, output: Buffer.concat(chunks).toString("utf8") + extra });
        };
        child.on("error", (error) => finish(1, `${check.name}: could not start: ${error.message}\n`));
        child.on("close", (code, signal) => finish(code ?? 1, signal === null ? "" : `${check.name}: killed by ${signal}\n`));
    });
}
