/**
 * `npm run bench:synth -- --endpoints N`: synthesizes a stack of N real-time endpoints through the
 * components, then declares the very same resources (same types, names, inputs) directly, with the
 * typed resource classes a plain program would use, each in a fresh process, and prints one JSON line:
 * `{endpoints, resources, seconds, peakRssMb, rawSeconds}`. Module loading is excluded from both times.
 */
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import * as YAML from "yaml";

const ROOT = path.resolve(__dirname, "..");

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

type ResourceClass = new (name: string, args: Record<string, unknown>) => unknown;

/** `aws:s3/bucket:Bucket` -> `aws.s3.Bucket`, `aws-native:sagemaker:Model` -> `native.sagemaker.Model`. */
function resourceClass(type: string): ResourceClass | undefined {
    const [pkg, module, name] = type.split(":");
    const packages: Record<string, string> = { aws: "@pulumi/aws", "aws-native": "@pulumi/aws-native", awsx: "@pulumi/awsx" };
    if (packages[pkg] === undefined) {
        return undefined;
    }
    const namespace = require(packages[pkg])[module.split("/")[0]];
    const found = namespace?.[name];
    if (found === undefined || (found.__pulumiType !== undefined && found.__pulumiType !== type)) {
        throw new Error(`no resource class for ${type}`);
    }
    return found;
}

interface ChildResult {
    resources: number;
    seconds: number;
    peakRssMb: number;
}

async function child(mode: string, configFile: string, recordsFile: string): Promise<void> {
    await import("@pulumi/aws");
    await import("@pulumi/aws-native");
    await import("@pulumi/awsx");
    const { runProgram } = await import("./synth/runProgram");
    const { readProject, readStackFile } = await import("./synth/stackFile");
    const stackFile = readStackFile(configFile, readProject(ROOT));
    let program: () => Record<string, unknown> | void;
    if (mode === "components") {
        // Load the component modules before the clock starts; requiring index.ts then only runs the program.
        await import("../program/declareStack");
        await import("../program/loadStackConfig");
        program = () => require(path.join(ROOT, "index.ts"));
    } else {
        const records: { type: string; name: string; inputs: Record<string, unknown> }[] = JSON.parse(fs.readFileSync(recordsFile, "utf8"));
        // The plain program a user would write: the same typed resource classes, same names and
        // inputs, no components. Classes are found from their type tokens before the clock starts.
        const classes = new Map(records.map((r) => [r.type, resourceClass(r.type)]));
        const plain = records.filter((r) => !r.type.startsWith("sagemaker-monitoring:"));
        program = () => {
            for (const r of plain) {
                const ResourceClass = classes.get(r.type)!;
                new ResourceClass(r.name, r.inputs);
            }
        };
    }
    const start = process.hrtime.bigint();
    const run = await runProgram({
        program,
        project: "sagemaker-monitoring",
        stack: "bench",
        config: stackFile.config,
        context: { region: stackFile.region },
    });
    const seconds = Number(process.hrtime.bigint() - start) / 1e9;
    if (mode === "components") {
        fs.writeFileSync(recordsFile, JSON.stringify(run.resources.map((r) => ({ type: r.type, name: r.name, inputs: r.inputs }))));
    }
    const result: ChildResult = { resources: run.resources.length, seconds, peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024) };
    process.stdout.write(`${JSON.stringify(result)}\n`);
}

function runChild(mode: string, configFile: string, recordsFile: string): ChildResult {
    const result = spawnSync(
        process.execPath,
        ["-r", "ts-node/register/transpile-only", __filename, "--child", mode, configFile, recordsFile],
        { cwd: ROOT, encoding: "utf8", maxBuffer: 1 << 26 },
    );
    if (result.status !== 0) {
        throw new Error(`bench child ${mode} failed: ${result.stderr}`);
    }
    return JSON.parse(result.stdout.trim().split("\n").pop()!);
}

function main(): void {
    const argv = process.argv.slice(2);
    if (argv[0] === "--child") {
        child(argv[1], argv[2], argv[3]).then(
            () => process.exit(0),
            (error) => {
                process.stderr.write(`${error.stack ?? error}\n`);
                process.exit(1);
            },
        );
        return;
    }
    const index = argv.indexOf("--endpoints");
    const endpoints = Number(argv[index + 1]);
    if (index < 0 || !Number.isInteger(endpoints) || endpoints < 1) {
        process.stderr.write("usage: npm run bench:synth -- --endpoints N (N an integer >= 1)\n");
        process.exit(2);
    }
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "bench-synth-"));
    try {
        const configFile = path.join(dir, "Pulumi.bench.yaml");
        const recordsFile = path.join(dir, "records.json");
        fs.writeFileSync(configFile, benchStackConfig(endpoints));
        const components = runChild("components", configFile, recordsFile);
        const raw = runChild("raw", configFile, recordsFile);
        process.stdout.write(
            `${JSON.stringify({ endpoints, resources: components.resources, seconds: round(components.seconds), peakRssMb: components.peakRssMb, rawSeconds: round(raw.seconds) })}\n`,
        );
    } finally {
        fs.rmSync(dir, { recursive: true, force: true });
    }
}

function round(value: number): number {
    return Math.round(value * 1000) / 1000;
}

main();
