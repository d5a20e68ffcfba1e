/**
 * One timed run of bench:synth, in a process of its own (spawned by tools/bench-synth.ts):
 *
 *   node -r ts-node/register/transpile-only tools/bench/synthChild.ts <components|raw> <stack file> <records file>
 *
 * `components` runs the stack program (index.ts) and writes every registered resource to the
 * records file; `raw` declares the same resources from that file with the typed resource classes.
 * Module loading happens before the clock starts, for both: the modules Pulumi's packages load on
 * first use (resource classes, functions) that the parent's first, untimed components run loaded
 * while it ran are listed next to the records file, and later components runs load them first. Prints one JSON line for the parent:
 * `{resources, seconds, cpuSeconds, peakRssMb}`.
 */
import * as fs from "fs";
import * as path from "path";
import { runProgram } from "../synth/runProgram";
import { lightenPulumiStacks } from "../synth/pulumiStacks";
import { readProject, readStackFile } from "../synth/stackFile";

const ROOT = path.resolve(__dirname, "../..");
const PROGRAM = path.join(ROOT, "index.ts");

export interface ChildResult {
    resources: number;
    seconds: number;
    /** User plus system CPU time of the timed run: less sensitive than `seconds` to other load. */
    cpuSeconds: number;
    peakRssMb: number;
}

type ResourceClass = new (name: string, args: Record<string, unknown>) => unknown;
type ResourceRecord = { type: string; name: string; inputs: Record<string, unknown> };

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

const readRecords = (recordsFile: string): ResourceRecord[] => JSON.parse(fs.readFileSync(recordsFile, "utf8"));
/** The modules a components run loaded while the clock ran (the program itself aside), next to the records. */
const modulesFile = (recordsFile: string) => path.join(path.dirname(recordsFile), "components-modules.json");

/** The program to time, with everything it needs loaded already. */
async function loadProgram(mode: string, recordsFile: string): Promise<() => Record<string, unknown> | void> {
    // require, not import(): an import makes tsc load every declaration of the whole package
    // (@pulumi/aws-native alone is 3,500 files), which the components do not otherwise need.
    require("@pulumi/aws");
    require("@pulumi/aws-native");
    require("@pulumi/awsx");
    if (mode === "components") {
        // Load the component modules now; requiring index.ts then only runs the program.
        await import("../../program/declareStack");
        await import("../../program/loadStackConfig");
        // Pulumi's packages load a resource class's or function's module on its first use: load
        // the modules the parent's first run loaded while it ran the program, as raw does below.
        const modules = modulesFile(recordsFile);
        if (fs.existsSync(modules)) {
            (JSON.parse(fs.readFileSync(modules, "utf8")) as string[]).forEach((file) => require(file));
        }
        return () => require(PROGRAM);
    }
    if (mode !== "raw") {
        throw new Error(`mode must be components or raw, got ${JSON.stringify(mode)}`);
    }
    const records = readRecords(recordsFile);
    // The plain program a user would write: the same typed resource classes, same names and
    // inputs, no components. Classes are found from their type tokens before the clock starts.
    const classes = new Map(records.map((r) => [r.type, resourceClass(r.type)]));
    const plain = records.filter((r) => !r.type.startsWith("sagemaker-monitoring:"));
    return () => {
        for (const r of plain) {
            const ResourceClass = classes.get(r.type)!;
            new ResourceClass(r.name, r.inputs);
        }
    };
}

async function main(mode: string, configFile: string, recordsFile: string): Promise<void> {
    // The same runtime as `npm run synth` (tools/synth.ts).
    lightenPulumiStacks();
    const stackFile = readStackFile(configFile, readProject(ROOT));
    const program = await loadProgram(mode, recordsFile);
    const loadedBefore = new Set(Object.keys(require.cache));
    const cpuStart = process.cpuUsage();
    const start = process.hrtime.bigint();
    const run = await runProgram({
        program,
        project: "sagemaker-monitoring",
        stack: "bench",
        config: stackFile.config,
        context: { region: stackFile.region },
    });
    const seconds = Number(process.hrtime.bigint() - start) / 1e9;
    const cpu = process.cpuUsage(cpuStart);
    if (mode === "components") {
        const records: ResourceRecord[] = run.resources.map((r) => ({ type: r.type, name: r.name, inputs: r.inputs }));
        fs.writeFileSync(recordsFile, JSON.stringify(records));
        if (!fs.existsSync(modulesFile(recordsFile))) {
            const loadedDuring = Object.keys(require.cache).filter((file) => !loadedBefore.has(file) && file !== PROGRAM);
            fs.writeFileSync(modulesFile(recordsFile), JSON.stringify(loadedDuring));
        }
    }
    const result: ChildResult = {
        resources: run.resources.length,
        seconds,
        cpuSeconds: (cpu.user + cpu.system) / 1e6,
        peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
    };
    process.stdout.write(`${JSON.stringify(result)}\n`);
}

if (require.main === module) {
    const [mode, configFile, recordsFile] = process.argv.slice(2);
    main(mode, configFile, recordsFile).then(
        () => process.exit(0),
        (error) => {
            process.stderr.write(`${error.stack ?? error}\n`);
            process.exit(1);
        },
    );
}
