import { spawnSync } from "child_process";
import * as fs from "fs";
import * as path from "path";

export const ROOT = path.resolve(__dirname, "../..");

/** Runs `tools/synth.ts` as a user would, in a child process. */
export function synth(args: string[]): { status: number | null; stdout: string; stderr: string } {
    const result = spawnSync(process.execPath, ["-r", "ts-node/register/transpile-only", path.join(ROOT, "tools/synth.ts"), ...args], { cwd: ROOT, encoding: "utf8" });
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
