import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { synthCommand } from "../../tools/synth/command";
import { FixtureStack, fixtureSynthArgs } from "./fixtureStacks";

export const ROOT = path.resolve(__dirname, "../..");

/** Runs `tools/synth.ts` in this process: the same command, without paying a Node start per run. */
export async function synthInProcess(args: string[]): Promise<{ status: number; stdout: string; stderr: string }> {
    let stdout = "";
    let stderr = "";
    const status = await synthCommand(args, ROOT, { out: (t) => (stdout += t), err: (t) => (stderr += t) });
    return { status, stdout, stderr };
}

export interface StackSynth {
    status: number;
    stdout: string;
    stderr: string;
    /** `<out>/<stack>`: resources.json, policy.json, summary.md, dashboards/. */
    dir: string;
}

const stackSynths = new Map<string, Promise<StackSynth>>();
let stackSynthOut: string | undefined;

/**
 * The synth of fixture stack `stack` (test/fixtures/stacks/, with its pack config) in this process,
 * run once per mocha process and shared by the specs that only read what it wrote: four spec files
 * check dev and prod, and each run costs up to a second. The files must not be changed.
 */
export function synthStackOnce(stack: FixtureStack): Promise<StackSynth> {
    if (stackSynthOut === undefined) {
        const out = fs.mkdtempSync(path.join(os.tmpdir(), "synth-stacks-"));
        process.on("exit", () => fs.rmSync(out, { recursive: true, force: true }));
        stackSynthOut = out;
    }
    const out = stackSynthOut;
    let run = stackSynths.get(stack);
    if (run === undefined) {
        run = synthInProcess(fixtureSynthArgs(stack, out)).then((result) => ({ ...result, dir: path.join(out, stack) }));
        stackSynths.set(stack, run);
    }
    return run;
}

/** Runs `tools/synth.ts` as a user would, in a child process: for exit statuses and stream contents. */
export function synth(args: string[]): { status: number | null; stdout: string; stderr: string } {
    const result = spawnSync(process.execPath, ["-r", "ts-node/register/transpile-only", path.join(ROOT, "tools/synth.ts"), ...args], {
        cwd: ROOT,
        encoding: "utf8",
    });
    return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** A stack file with one real-time endpoint whose entry is extended by `endpointYaml` lines. */
export function writeStackFile(file: string, endpointName: string, endpointYaml: string[]): void {
    fs.writeFileSync(
        file,
        [
            "config:",
            "  sagemaker-monitoring:endpoints:",
            `    - name: ${endpointName}`,
            "      model: { image: 683313688378.dkr.ecr.us-east-1.amazonaws.com/sagemaker-xgboost:1.7-1 }",
            "      instanceType: ml.m5.large",
            ...endpointYaml.map((line) => `      ${line}`),
            "",
        ].join("\n"),
    );
}
