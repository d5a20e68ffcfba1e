import { spawnSync } from "node:child_process";

/**
 * Loads the bundle `index.js` in `dir` with plain node and only `env` (plus PATH and a region), as
 * Lambda's init phase does, and prints the type of its `handler` export.
 */
export function loadBundledHandler(dir: string, env: Record<string, string>): { status: number | null; stdout: string; stderr: string } {
    const result = spawnSync(process.execPath, ["--no-warnings", "-e", 'const m = require("./index.js"); console.log(typeof m.handler)'], {
        cwd: dir,
        env: { PATH: process.env.PATH ?? "", AWS_REGION: "us-east-1", ...env },
        encoding: "utf8",
    });
    return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}
