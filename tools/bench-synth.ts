/**
 * `npm run bench:synth -- [--endpoints N] [--runs N]`: synthesizes a stack of N real-time endpoints
 * through the components, then declares the very same resources (same types, names, inputs)
 * directly, with the typed resource classes a plain program would use, each in a fresh process
 * (tools/bench/synthChild.ts) under the runtime of `npm run synth`. Module loading is excluded from
 * both times: a first, untimed components run lists the modules that Pulumi's packages load on first
 * use, for the timed runs to load beforehand. The two alternate `--runs` times; prints one JSON line
 * of medians (`ratio` is the median of the per-run ratios) and the runs themselves. `--help` for
 * the flags.
 */
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import * as YAML from "yaml";
import { CommandSpec, integerValue, readFlags } from "./cli/flags";
import { median, round } from "./bench/stats";
import type { ChildResult } from "./bench/synthChild";

const ROOT = path.resolve(__dirname, "..");

export const COMMAND: CommandSpec = {
    name: "bench:synth",
    invocation: "npm run bench:synth --",
    summary:
        "Times the offline synth of N endpoints through the components against the same resources declared directly (raw Pulumi)," +
        " each in a fresh process, module loading excluded. Prints one JSON line: {endpoints, resources, runs, seconds, rawSeconds," +
        " ratio, cpuSeconds, rawCpuSeconds, cpuRatio, peakRssMb, rawPeakRssMb, perRun} (seconds are medians over the runs).",
    flags: [
        {
            name: "--endpoints",
            value: "<n>",
            default: "50",
            integer: { min: 1, max: 5000 },
            description: "real-time endpoints in the stack (about 6 resources each), 1 to 5000",
        },
        {
            name: "--runs",
            value: "<n>",
            default: "1",
            integer: { min: 1, max: 50 },
            description: "components/raw pairs to run, alternating, 1 to 50",
        },
    ],
    notes: ["exit status: 0 measured, 1 a run failed, 2 bad flags"],
    examples: ["npm run bench:synth -- --endpoints 200 --runs 3"],
};

function benchStackConfig(endpoints: number): string {
    const entries = Array.from({ length: endpoints }, (_, i) => ({
        name: `bench-${i}`,
        model: {
            image: "683313688378.dkr.ecr.us-east-1.amazonaws.com/sagemaker-xgboost:1.7-1",
            modelDataUrl: `s3://bench-models/m${i}/model.tar.gz`,
            environment: { SAGEMAKER_PROGRAM: "inference.py" },
        },
        instanceType: "ml.m5.large",
        instanceCount: 2,
        metrics: { publishFrequencySeconds: 10 },
        tags: { model: `m${i}` },
    }));
    return YAML.stringify({
        config: {
            "aws:region": "us-east-1",
            "sagemaker-monitoring:tags": { environment: "bench" },
            "sagemaker-monitoring:endpoints": entries,
        },
    });
}

function runChild(mode: string, configFile: string, recordsFile: string): ChildResult {
    const result = spawnSync(
        process.execPath,
        ["-r", "ts-node/register/transpile-only", path.join(__dirname, "bench", "synthChild.ts"), mode, configFile, recordsFile],
        { cwd: ROOT, encoding: "utf8", maxBuffer: 1 << 26 },
    );
    if (result.status !== 0) {
        throw new Error(`bench child ${mode} failed: ${result.stderr}`);
    }
    return JSON.parse(result.stdout.trim().split("\n").pop()!);
}

function bench(endpoints: number, runs: number, dir: string): Record<string, unknown> {
    const configFile = path.join(dir, "Pulumi.bench.yaml");
    const recordsFile = path.join(dir, "records.json");
    fs.writeFileSync(configFile, benchStackConfig(endpoints));
    // Not timed: it lists the modules the timed runs load before the clock (tools/bench/synthChild.ts).
    runChild("components", configFile, recordsFile);
    const pairs = Array.from({ length: runs }, () => {
        const components = runChild("components", configFile, recordsFile);
        return { components, raw: runChild("raw", configFile, recordsFile) };
    });
    const of = (pick: (pair: (typeof pairs)[number]) => number) => median(pairs.map(pick));
    return {
        endpoints,
        resources: pairs[0].components.resources,
        runs,
        seconds: round(of((p) => p.components.seconds)),
        rawSeconds: round(of((p) => p.raw.seconds)),
        ratio: round(
            of((p) => p.components.seconds / p.raw.seconds),
            2,
        ),
        cpuSeconds: round(of((p) => p.components.cpuSeconds)),
        rawCpuSeconds: round(of((p) => p.raw.cpuSeconds)),
        cpuRatio: round(
            of((p) => p.components.cpuSeconds / p.raw.cpuSeconds),
            2,
        ),
        peakRssMb: Math.max(...pairs.map((p) => p.components.peakRssMb)),
        rawPeakRssMb: Math.max(...pairs.map((p) => p.raw.peakRssMb)),
        perRun: pairs.map((p) => ({ seconds: round(p.components.seconds), rawSeconds: round(p.raw.seconds) })),
    };
}

function main(): void {
    const flags = readFlags(process.argv.slice(2), COMMAND);
    if (flags.kind === "exit") {
        (flags.status === 0 ? process.stdout : process.stderr).write(flags.text);
        process.exit(flags.status);
    }
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "bench-synth-"));
    try {
        const figures = bench(integerValue(COMMAND, flags.values, "--endpoints")!, integerValue(COMMAND, flags.values, "--runs")!, dir);
        process.stdout.write(`${JSON.stringify(figures)}\n`);
    } finally {
        fs.rmSync(dir, { recursive: true, force: true });
    }
}

if (require.main === module) {
    main();
}
