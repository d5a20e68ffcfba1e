/**
 * `npm run bench:checks -- [--runs N]`: times each check of `npm test` alone (ESLint, Prettier,
 * knip, tsc, mocha: the commands of tools/checks/projectChecks.ts), then `npm test` itself (all of
 * them at once), each under GNU time for wall time, CPU time and peak RSS. Every one of those starts
 * cold, as on a fresh clone: the checks' caches and the packed tarball removed first. Then
 * `npm test` once more, warm, as a second run with no file changed. Prints one JSON line with the
 * machine, the load average before and after, and per figure the median and the minimum over the
 * runs. Exits 1 if a check fails. `--help` for the flags.
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { CommandSpec, integerValue, readFlags } from "./cli/flags";
import { median, round } from "./bench/stats";
import { Check } from "./checks/runChecks";
import { CHECKS_CACHE, projectChecks, useChecksTsNode } from "./checks/projectChecks";
import { PACK_CACHE } from "../test/support/packedTarball";

const ROOT = path.resolve(__dirname, "..");
const GNU_TIME = "/usr/bin/time";

export const COMMAND: CommandSpec = {
    name: "bench:checks",
    invocation: "npm run bench:checks --",
    summary:
        "Times each check of npm test alone (the commands of tools/checks/projectChecks.ts), then npm test (all at once)," +
        " under /usr/bin/time, each cold (caches removed), then npm test again warm." +
        " Prints one JSON line: {date, machine, loadBefore, loadAfter, runs, checks, serialSeconds, npmTest, npmTestWarm};" +
        " each timing has seconds (median), secondsMin, cpuSeconds and peakRssMb.",
    flags: [
        {
            name: "--runs",
            value: "<n>",
            default: "1",
            integer: { min: 1, max: 20 },
            description: "times to run every check alone and npm test, 1 to 20",
        },
    ],
    notes: ["exit status: 0 measured, 1 a check failed, 2 bad flags"],
    examples: ["npm run bench:checks -- --runs 3"],
};

interface Timing {
    seconds: number;
    cpuSeconds: number;
    peakRssMb: number;
}

/** Runs a command under GNU time; throws with its output if it fails. */
function timed(name: string, command: string, args: string[]): Timing {
    const report = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "bench-checks-")), "time");
    try {
        const result = spawnSync(GNU_TIME, ["-f", "%e %U %S %M", "-o", report, command, ...args], {
            cwd: ROOT,
            encoding: "utf8",
            maxBuffer: 1 << 28,
        });
        if (result.error !== undefined) {
            throw new Error(`bench:checks needs GNU time at ${GNU_TIME}: ${result.error.message}`);
        }
        if (result.status !== 0) {
            throw new Error(`${name} failed (exit ${result.status}):\n${result.stdout}${result.stderr}`);
        }
        // The last line: GNU time puts "Command exited with non-zero status" lines before it.
        const [wall, user, system, maxRssKb] = fs.readFileSync(report, "utf8").trim().split("\n").pop()!.split(" ").map(Number);
        return { seconds: wall, cpuSeconds: user + system, peakRssMb: Math.round(maxRssKb / 1024) };
    } finally {
        fs.rmSync(path.dirname(report), { recursive: true, force: true });
    }
}

function summarize(timings: Timing[]): Record<string, number> {
    return {
        seconds: round(median(timings.map((t) => t.seconds)), 2),
        secondsMin: round(Math.min(...timings.map((t) => t.seconds)), 2),
        cpuSeconds: round(median(timings.map((t) => t.cpuSeconds)), 2),
        peakRssMb: Math.max(...timings.map((t) => t.peakRssMb)),
    };
}

function machine(): Record<string, unknown> {
    return {
        nproc: os.availableParallelism(),
        cpu: os.cpus()[0]?.model ?? "unknown",
        memGb: round(os.totalmem() / 1024 ** 3, 1),
        node: process.version,
    };
}

/** As a fresh clone starts: without the checks' caches and without the packaging spec's tarball. */
function removeCaches(): void {
    fs.rmSync(path.join(ROOT, CHECKS_CACHE), { recursive: true, force: true });
    fs.rmSync(PACK_CACHE, { recursive: true, force: true });
}

function bench(runs: number): Record<string, unknown> {
    const checks: Check[] = projectChecks(ROOT);
    // Each check alone as npm test runs it: mocha under the same ts-node settings.
    useChecksTsNode(ROOT);
    const loadBefore = os.loadavg().map((l) => round(l, 2));
    const alone = new Map<string, Timing[]>(checks.map((c) => [c.name, []]));
    const together: Timing[] = [];
    const warm: Timing[] = [];
    const npmTest = () => timed("npm test", process.execPath, ["-r", "ts-node/register/transpile-only", path.join(__dirname, "checks.ts")]);
    for (let run = 0; run < runs; run++) {
        for (const check of checks) {
            removeCaches();
            alone.get(check.name)!.push(timed(check.name, check.command, check.args));
        }
        removeCaches();
        together.push(npmTest());
        warm.push(npmTest());
    }
    const perCheck = Object.fromEntries([...alone].map(([name, timings]) => [name, summarize(timings)]));
    return {
        date: new Date().toISOString(),
        machine: machine(),
        loadBefore,
        loadAfter: os.loadavg().map((l) => round(l, 2)),
        runs,
        checks: perCheck,
        serialSeconds: round(
            Object.values(perCheck).reduce((sum, t) => sum + t.seconds, 0),
            2,
        ),
        npmTest: summarize(together),
        npmTestWarm: summarize(warm),
    };
}

function main(): void {
    const flags = readFlags(process.argv.slice(2), COMMAND);
    if (flags.kind === "exit") {
        (flags.status === 0 ? process.stdout : process.stderr).write(flags.text);
        process.exit(flags.status);
    }
    try {
        process.stdout.write(`${JSON.stringify(bench(integerValue(COMMAND, flags.values, "--runs")!))}\n`);
    } catch (error) {
        process.stderr.write(`bench:checks: ${(error as Error).message}\n`);
        process.exit(1);
    }
}

if (require.main === module) {
    main();
}
