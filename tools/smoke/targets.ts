import { spawnSync } from "node:child_process";
import { inferenceComponentPhysicalName } from "../../domain/inferenceComponentName";
import * as fs from "node:fs";
import * as path from "node:path";
import { SMOKE_SAMPLE_DEFAULTS } from "../../domain/invoke/smokeSample";
import { parseS3Uri, s3Uri } from "../../domain/validationRules";
import { loadStackConfig } from "../../program/loadStackConfig";
import { EndpointEntry, InferenceComponentEntry } from "../../program/schema";
import { fileProblem, unqualifiedStackName } from "../cli/inputPaths";
import { readProject, readStackFile } from "../synth/stackFile";
import { SmokeArgs } from "./command";
import { ForwarderQueue } from "./deadLetters";

/** One endpoint to check and everything the checks need to know about it. */
export interface SmokeTarget {
    /** The stack entry's name (the outputs' key); `<entry>/<component>` for an inference component. */
    name: string;
    /** The deployed endpoint's name. */
    endpointName: string;
    kind: "realtime" | "async" | "inference-component";
    /** The inference component to call (its physical name); set for kind "inference-component" only. */
    inferenceComponentName?: string;
    variants: string[];
    /** `s3://bucket/prefix/<endpoint>/`; undefined without stack outputs. */
    capturePrefix?: string;
    /** Async only: where requests are uploaded. */
    inputLocationPrefix?: string;
    /** The dead-letter and failed-invocation queues of each forwarder whose notification rules cover this endpoint's capture prefix. */
    forwarderQueues: ForwarderQueue[];
    sample: { payload: string; contentType: string };
}

/** Problems with the flags' files, the outputs or the stack file: the run stops before any call (exit 2). */
export class SmokeInputError extends Error {
    readonly problems: string[];
    constructor(...problems: string[]) {
        super(problems.join("\n"));
        this.problems = problems;
    }
}

/** `--outputs` and `--config` name files: each that is missing or a folder, naming the flag and the fix (never a raw ENOENT or EISDIR). */
function inputFileProblems(args: SmokeArgs): string[] {
    return [
        args.outputsFile === undefined
            ? null
            : fileProblem("--outputs", args.outputsFile, "pass the JSON `pulumi stack output --json` prints, or leave --outputs out"),
        args.configFile === undefined
            ? null
            : fileProblem("--config", args.configFile, "pass a stack file (the format of Pulumi.<stack>.yaml), or leave --config out"),
    ].filter((problem): problem is string => problem !== null);
}

interface EndpointOutput {
    endpointName?: string;
    inputLocationPrefix?: string;
    /** Inference-components endpoints: the physical component names, in the stack file's order. */
    inferenceComponentNames?: string[];
    metricDimensions?: { variants?: { VariantName?: string }[] };
}
interface StackOutputs {
    capturePrefixes?: Record<string, string>;
    endpoints?: Record<string, EndpointOutput>;
    forwarders?: Record<
        string,
        { deadLetterQueueUrl?: string; failedInvocationQueueUrl?: string; notificationRules?: { filterPrefix?: string }[] }
    >;
}

/** `--outputs`, else the Pulumi CLI's outputs of the stack, else none (endpoint names only). */
function readOutputs(args: SmokeArgs): StackOutputs | undefined {
    if (args.outputsFile !== undefined) {
        try {
            return JSON.parse(fs.readFileSync(args.outputsFile, "utf8")) as StackOutputs;
        } catch (e) {
            throw new SmokeInputError(`--outputs ${args.outputsFile} is not JSON: ${(e as Error).message}`);
        }
    }
    const cli = spawnSync("pulumi", ["stack", "output", "--json", "--stack", args.stack], { encoding: "utf8" });
    if (cli.error !== undefined) return undefined;
    if (cli.status !== 0) throw new SmokeInputError(`pulumi stack output --json --stack ${args.stack} failed: ${cli.stderr.trim()}`);
    return JSON.parse(cli.stdout) as StackOutputs;
}

/** The stack file's endpoint entries by name, checked like `pulumi up` checks them; none when there is no stack file. */
function readEntries(projectDir: string, args: SmokeArgs): Map<string, EndpointEntry | InferenceComponentEntry> {
    const file = args.configFile ?? path.join(projectDir, `Pulumi.${unqualifiedStackName(args.stack)}.yaml`);
    if (args.configFile === undefined && !fs.existsSync(file)) return new Map();
    try {
        const project = readProject(projectDir);
        const stackFile = readStackFile(file, project);
        return new Map(loadStackConfig(() => stackFile.config, project.name).endpoints.map((entry) => [entry.name, entry]));
    } catch (e) {
        throw new SmokeInputError((e as Error).message);
    }
}

function forwarderQueuesOf(outputs: StackOutputs, capturePrefix: string | undefined): ForwarderQueue[] {
    if (capturePrefix === undefined) return [];
    const key = parseS3Uri(capturePrefix).key;
    return Object.entries(outputs.forwarders ?? {})
        .filter(([, f]) => (f.notificationRules ?? []).some((r) => r.filterPrefix !== undefined && key.startsWith(r.filterPrefix)))
        .flatMap(([forwarder, f]) => [
            ...(f.deadLetterQueueUrl === undefined ? [] : [{ forwarder, queue: "dead-letter" as const, url: f.deadLetterQueueUrl }]),
            ...(f.failedInvocationQueueUrl === undefined
                ? []
                : [{ forwarder, queue: "failed-invocation" as const, url: f.failedInvocationQueueUrl }]),
        ]);
}

/**
 * One target per inference component of an inference-components endpoint, labelled `<entry>/<component>`:
 * the physical names come from the outputs (stack-file order), else `<endpoint>-<component>` as the component declares it.
 */
function componentTargets(
    target: SmokeTarget,
    entry: EndpointEntry | InferenceComponentEntry | undefined,
    output: EndpointOutput | undefined,
) {
    const declared = entry?.kind === "inference-components" ? entry.inferenceComponents.map((c) => c.name) : [];
    const physical =
        output?.inferenceComponentNames ?? declared.map((component) => inferenceComponentPhysicalName(target.endpointName, component));
    return physical.map((inferenceComponentName, i) => ({
        ...target,
        name: `${target.name}/${declared[i] ?? inferenceComponentName}`,
        kind: "inference-component" as const,
        inferenceComponentName,
    }));
}

/** The endpoints to check: every endpoint of the outputs (or `--endpoints`), with the stack file's samples. */
export function smokeTargets(projectDir: string, args: SmokeArgs): SmokeTarget[] {
    const badFiles = inputFileProblems(args);
    if (badFiles.length > 0) throw new SmokeInputError(...badFiles);
    const outputs = readOutputs(args);
    const entries = readEntries(projectDir, args);
    if (outputs === undefined && args.endpoints === undefined) {
        throw new SmokeInputError(
            "no stack outputs: the Pulumi CLI is not installed and --outputs is not given; pass --outputs <file.json>, or name the endpoints with --endpoints",
        );
    }
    const names = args.endpoints ?? Object.keys(outputs?.endpoints ?? {}).sort();
    const unknown = names.filter((name) => outputs !== undefined && outputs.endpoints?.[name] === undefined);
    if (unknown.length > 0 || names.length === 0) {
        const known = Object.keys(outputs?.endpoints ?? {}).sort();
        throw new SmokeInputError(
            `${unknown.length > 0 ? `no endpoint ${unknown.join(", ")} in the stack outputs` : "the stack outputs hold no endpoints"} (endpoints: ${known.join(", ") || "none"})`,
        );
    }
    const badUris = names.flatMap((name) =>
        [
            [`capturePrefixes.${name}`, outputs?.capturePrefixes?.[name]],
            [`endpoints.${name}.inputLocationPrefix`, outputs?.endpoints?.[name]?.inputLocationPrefix],
        ]
            .filter(([, uri]) => uri !== undefined && s3Uri(uri) !== undefined)
            .map(([key, uri]) => `${key} ${s3Uri(uri)}`),
    );
    if (badUris.length > 0) throw new SmokeInputError(`the stack outputs: ${badUris.join("; ")}`);
    return names.flatMap((name) => {
        const output = outputs?.endpoints?.[name];
        const entry = entries.get(name);
        const capturePrefix = outputs?.capturePrefixes?.[name];
        const variants = (output?.metricDimensions?.variants ?? []).map((v) => v.VariantName).filter((v): v is string => v !== undefined);
        const target: SmokeTarget = {
            name,
            endpointName: output?.endpointName ?? name,
            kind: output?.inputLocationPrefix !== undefined || entry?.kind === "async" ? "async" : "realtime",
            variants,
            capturePrefix,
            inputLocationPrefix: output?.inputLocationPrefix,
            forwarderQueues: outputs === undefined ? [] : forwarderQueuesOf(outputs, capturePrefix),
            sample: {
                payload: entry?.smoke?.payload ?? SMOKE_SAMPLE_DEFAULTS.payload,
                contentType: entry?.smoke?.contentType ?? SMOKE_SAMPLE_DEFAULTS.contentType,
            },
        };
        return entry?.kind === "inference-components" || output?.inferenceComponentNames !== undefined
            ? componentTargets(target, entry, output)
            : [target];
    });
}
