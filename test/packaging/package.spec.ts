/**
 * The package as a consumer gets it: `npm pack` (its prepack builds dist/; test/support/packedTarball.ts
 * reuses the tarball of an earlier run with the very same inputs) into a folder outside the
 * repository, the tarball extracted into a consumer's node_modules, its dependencies linked to this
 * repository's node_modules (one @pulumi/pulumi instance, no registry), then examples/consumer run
 * against it.
 */
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { buildSync } from "esbuild";
import { forwarderBundle } from "../../components/captureForwarder/forwarderCode";
import { SynthResource } from "../../tools/synth/synthResource";
import { packInto } from "../support/packedTarball";

const ROOT = path.resolve(__dirname, "../..");
const EXAMPLE = path.join(ROOT, "examples/consumer");
const PACKAGE = "sagemaker-monitoring";
const CONSUMER_PROJECT = "sagemaker-monitoring-consumer";
const CONSUMER_CONFIG = {
    [`${CONSUMER_PROJECT}:image`]: "123456789012.dkr.ecr.us-east-1.amazonaws.com/churn:1.4.0",
    [`${CONSUMER_PROJECT}:modelDataUrl`]: "s3://models-123456789012/churn/model.tar.gz",
    [`${CONSUMER_PROJECT}:arthurModelId`]: "8d3b6f0e",
};
/** Layers the library is built from (tsconfig.build.json); lambdas/ ships as JavaScript only, for esbuild. */
const LIBRARY_LAYERS = ["components", "domain", "dashboards", "lambdas"];
const TYPED_LAYERS = ["components", "domain", "dashboards"];

/** What examples/consumer declares: component name ("(stack)" for the program's own) -> its children, `type name`, sorted. */
const EXAMPLE_RESOURCES: Record<string, string[]> = {
    "(stack)": [
        "sagemaker-monitoring:alarms:AlarmNotifications alarms",
        "sagemaker-monitoring:endpoint:AsyncEndpoint churn-batch",
        "sagemaker-monitoring:endpoint:RealtimeEndpoint churn",
        "sagemaker-monitoring:forwarding:CaptureBucketNotifications capture-notifications",
        "sagemaker-monitoring:forwarding:CaptureForwarder to-arthur",
        "sagemaker-monitoring:storage:CaptureBucket capture",
    ],
    alarms: ["aws:kms/key:Key alarms-key", "aws:sns/topic:Topic alarms-topic", "aws:sns/topicPolicy:TopicPolicy alarms-topic-policy"],
    capture: secureBucket("capture"),
    "capture-notifications": ["aws:s3/bucketNotification:BucketNotification capture-notifications-notification"],
    churn: [
        "aws-native:sagemaker:Endpoint churn-endpoint",
        "aws-native:sagemaker:EndpointConfig churn-config",
        "aws-native:sagemaker:Model churn-model-AllTraffic",
        "aws:cloudwatch/dashboard:Dashboard churn-dashboard",
        "aws:cloudwatch/logGroup:LogGroup churn-logs",
        ...[
            "cpu-utilization",
            "disk-utilization",
            "invocation4-xx-error-rate",
            "invocation5-xx-errors",
            "memory-utilization",
            "model-latency-p99",
            "overhead-latency-p99",
        ].map((id) => `aws:cloudwatch/metricAlarm:MetricAlarm churn-alarm-${id}-AllTraffic`),
        "aws:iam/role:Role churn-execution-role",
        "aws:iam/rolePolicy:RolePolicy churn-execution-policy",
    ],
    "churn-batch": [
        "aws-native:sagemaker:Endpoint churn-batch-endpoint",
        "aws-native:sagemaker:EndpointConfig churn-batch-config",
        "aws-native:sagemaker:Model churn-batch-model-AllTraffic",
        "aws:appautoscaling/policy:Policy churn-batch-scaling-AllTraffic-backlog",
        "aws:appautoscaling/target:Target churn-batch-scaling-AllTraffic",
        "aws:cloudwatch/dashboard:Dashboard churn-batch-dashboard",
        "aws:cloudwatch/logGroup:LogGroup churn-batch-logs",
        "aws:cloudwatch/metricAlarm:MetricAlarm churn-batch-alarm-approximate-age-of-oldest-request",
        "aws:cloudwatch/metricAlarm:MetricAlarm churn-batch-alarm-approximate-backlog-size",
        "aws:cloudwatch/metricAlarm:MetricAlarm churn-batch-alarm-expired-requests-AllTraffic",
        "aws:cloudwatch/metricAlarm:MetricAlarm churn-batch-alarm-has-backlog-without-capacity",
        "aws:cloudwatch/metricAlarm:MetricAlarm churn-batch-alarm-invocation-failures-AllTraffic",
        "aws:cloudwatch/metricAlarm:MetricAlarm churn-batch-alarm-notification-failures-AllTraffic",
        "aws:cloudwatch/metricAlarm:MetricAlarm churn-batch-alarm-request-download-failures-AllTraffic",
        "aws:cloudwatch/metricAlarm:MetricAlarm churn-batch-alarm-response-upload-failures-AllTraffic",
        "aws:iam/role:Role churn-batch-execution-role",
        "aws:iam/rolePolicy:RolePolicy churn-batch-execution-policy",
        "aws:kms/key:Key churn-batch-notifications-key",
        "aws:sns/topic:Topic churn-batch-error-topic",
        "aws:sns/topic:Topic churn-batch-success-topic",
        "aws:sns/topicPolicy:TopicPolicy churn-batch-error-topic-policy",
        "aws:sns/topicPolicy:TopicPolicy churn-batch-success-topic-policy",
        "sagemaker-monitoring:storage:AsyncOutputBucket churn-batch-io",
    ],
    "churn-batch-io": secureBucket("churn-batch-io"),
    "to-arthur": [
        "aws:cloudwatch/logGroup:LogGroup to-arthur-logs",
        "aws:cloudwatch/metricAlarm:MetricAlarm to-arthur-alarm-dead-letters",
        "aws:cloudwatch/metricAlarm:MetricAlarm to-arthur-alarm-duration",
        "aws:cloudwatch/metricAlarm:MetricAlarm to-arthur-alarm-errors",
        "aws:cloudwatch/metricAlarm:MetricAlarm to-arthur-alarm-failed-invocations",
        "aws:cloudwatch/metricAlarm:MetricAlarm to-arthur-alarm-throttles",
        "aws:dynamodb/table:Table to-arthur-deliveries",
        "aws:iam/role:Role to-arthur-role",
        "aws:iam/rolePolicy:RolePolicy to-arthur-policy",
        "aws:kms/key:Key to-arthur-key",
        "aws:lambda/function:Function to-arthur-function",
        "aws:lambda/functionEventInvokeConfig:FunctionEventInvokeConfig to-arthur-async-invoke",
        "aws:lambda/permission:Permission to-arthur-s3-invoke",
        "aws:secretsmanager/secret:Secret to-arthur-token",
        "aws:sqs/queue:Queue to-arthur-dead-letters",
        "aws:sqs/queue:Queue to-arthur-failed-invocations",
    ],
};

/** The children of a CaptureBucket or AsyncOutputBucket named `name` (the shared secure bucket). */
function secureBucket(name: string): string[] {
    return [
        `aws:kms/key:Key ${name}-key`,
        `aws:s3/bucket:Bucket ${name}-bucket`,
        `aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration ${name}-lifecycle`,
        `aws:s3/bucketOwnershipControls:BucketOwnershipControls ${name}-ownership`,
        `aws:s3/bucketPolicy:BucketPolicy ${name}-tls-only-policy`,
        `aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock ${name}-public-access-block`,
        `aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration ${name}-encryption`,
        `aws:s3/bucketVersioning:BucketVersioning ${name}-versioning`,
    ];
}

function childrenByParent(resources: SynthResource[]): Record<string, string[]> {
    const byParent: Record<string, string[]> = {};
    for (const r of resources) {
        (byParent[r.parent ?? "(stack)"] ??= []).push(`${r.type} ${r.name}`);
    }
    return Object.fromEntries(Object.entries(byParent).map(([parent, children]) => [parent, children.sort()]));
}

/** Runs a command and returns its stdout; fails with its output otherwise. */
function run(command: string, args: string[], cwd: string): string {
    // The child must not inherit this process's ts-node settings (mocha registers transpile-only).
    const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith("TS_NODE_")));
    const result = spawnSync(command, args, { cwd, env, encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
    if (result.status !== 0) {
        throw new Error(`${command} ${args.join(" ")} exited with ${result.status}:\n${result.stdout}\n${result.stderr}`);
    }
    return result.stdout;
}

const readJson = (file: string) => JSON.parse(fs.readFileSync(file, "utf8"));
const keys = (record: Record<string, string> | undefined) => Object.keys(record ?? {});

/** What the tarball must hold, derived from the sources: one .js per library source, a .d.ts per typed-layer source, package.json and README.md. */
function expectedTarballFiles(): string[] {
    const files = ["package.json", "README.md"];
    for (const layer of LIBRARY_LAYERS.filter((l) => fs.existsSync(path.join(ROOT, l)))) {
        const sources = (fs.readdirSync(path.join(ROOT, layer), { recursive: true }) as string[]).filter(
            (file) => file.endsWith(".ts") && !file.endsWith(".d.ts"),
        );
        for (const source of sources) {
            const stem = `dist/${layer}/${source.split(path.sep).join("/").replace(/\.ts$/, "")}`;
            files.push(`${stem}.js`, ...(TYPED_LAYERS.includes(layer) ? [`${stem}.d.ts`] : []));
        }
    }
    return files.sort();
}

/**
 * Installs the tarball as npm would lay it out, without the registry: extracted into
 * `node_modules/sagemaker-monitoring`, the example's files next to it, and every dependency,
 * peer dependency and example dependency linked to this repository's copy.
 */
function installConsumer(tarball: string, consumerDir: string): void {
    const installed = path.join(consumerDir, "node_modules", PACKAGE);
    fs.mkdirSync(installed, { recursive: true });
    run("tar", ["-xzf", tarball, "-C", installed, "--strip-components=1"], consumerDir);
    // Files only: a local `npm install` of the example leaves its own node_modules there.
    for (const file of fs.readdirSync(EXAMPLE).filter((f) => fs.statSync(path.join(EXAMPLE, f)).isFile())) {
        fs.copyFileSync(path.join(EXAMPLE, file), path.join(consumerDir, file));
    }
    const manifest = readJson(path.join(installed, "package.json"));
    const example = readJson(path.join(EXAMPLE, "package.json"));
    const linked = new Set([
        ...keys(manifest.dependencies),
        ...keys(manifest.peerDependencies),
        ...keys(example.dependencies),
        ...keys(example.devDependencies),
    ]);
    linked.delete(PACKAGE);
    for (const dependency of linked) {
        const link = path.join(consumerDir, "node_modules", dependency);
        fs.mkdirSync(path.dirname(link), { recursive: true });
        fs.symlinkSync(path.join(ROOT, "node_modules", dependency), link, "dir");
    }
}

/**
 * What a plain `require` of the installed package gives, in one node process (each costs seconds of
 * loading Pulumi): the barrel's exports and whether a deep import is refused; whether the barrel
 * loaded the SageMaker runtime client, and the invoke entry point's exports; the forwarder bundle
 * built from the installed dist/lambdas, written to `lambdaDir/index.js`.
 */
function inspectInstalled(consumerDir: string, lambdaDir: string): Record<"barrel" | "invoke" | "forwarder", Record<string, unknown>> {
    const forwarderCode = path.join(consumerDir, "node_modules", PACKAGE, "dist/components/captureForwarder/forwarderCode.js");
    const script = [
        "const kinds = (m) => Object.fromEntries(Object.keys(m).sort().map((k) => [k, typeof m[k]]));",
        "const runtimeLoaded = () => Object.keys(require.cache).some((file) => file.includes('client-sagemaker-runtime'));",
        'const barrel = kinds(require("sagemaker-monitoring"));',
        "const deep = (() => { try { require('sagemaker-monitoring/dist/components/index.js'); return 'allowed'; } catch (e) { return e.code; } })();",
        "const byBarrel = runtimeLoaded();",
        'const invoke = kinds(require("sagemaker-monitoring/invoke"));',
        `const bundle = require(${JSON.stringify(forwarderCode)}).forwarderBundle();`,
        `require("node:fs").writeFileSync(${JSON.stringify(path.join(lambdaDir, "index.js"))}, bundle.code);`,
        "console.log(JSON.stringify({",
        "    barrel: { exports: barrel, deep },",
        "    invoke: { byBarrel, byInvoke: runtimeLoaded(), exports: invoke },",
        '    forwarder: { sha256: Buffer.from(bundle.sha256, "hex").toString("base64"), inputs: bundle.inputs },',
        "}));",
    ].join("\n");
    return JSON.parse(run(process.execPath, ["-e", script], consumerDir));
}

describe("packaging: npm pack, installed into a consumer", function () {
    // npm pack runs the build (tsc over components/, domain/, lambdas/): at most once per run, here.
    this.timeout(300_000);
    let tmp: string;
    let consumerDir: string;
    let tarballFiles: string[];
    let consumerRun: { resources: SynthResource[]; exports: Record<string, unknown> };
    let lambdaDir: string;
    let installed: ReturnType<typeof inspectInstalled>;

    before(() => {
        tmp = fs.mkdtempSync(path.join(tmpdir(), "sagemaker-monitoring-pack-"));
        packInto(tmp, (destination) => run("npm", ["pack", "--pack-destination", destination], ROOT));
        const tarballs = fs.readdirSync(tmp).filter((file) => file.endsWith(".tgz"));
        assert.deepStrictEqual(tarballs, [`${PACKAGE}-${readJson(path.join(ROOT, "package.json")).version}.tgz`]);
        const tarball = path.join(tmp, tarballs[0]);
        tarballFiles = run("tar", ["-tzf", tarball], tmp)
            .split("\n")
            .filter((line) => line !== "")
            .map((line) => line.replace(/^package\//, ""))
            .sort();
        consumerDir = path.join(tmp, "consumer");
        installConsumer(tarball, consumerDir);
        lambdaDir = path.join(tmp, "lambda");
        fs.mkdirSync(lambdaDir);
        installed = inspectInstalled(consumerDir, lambdaDir);
    });
    after(() => fs.rmSync(tmp, { recursive: true, force: true }));

    it("ships exactly the compiled library: .js of every library source, .d.ts of the typed layers, package.json and README.md", () => {
        assert.deepStrictEqual(tarballFiles, expectedTarballFiles());
    });

    it("ships no test, stack file, tool, stack program, policy pack, example or TypeScript source", () => {
        const forbidden = /^(test|tools|program|policy|examples|node_modules)\/|^Pulumi(\..*)?\.yaml$|^index\.ts$|(?<!\.d)\.ts$/;
        assert.deepStrictEqual(
            tarballFiles.filter((file) => forbidden.test(file)),
            [],
        );
    });

    it("loads with a plain require: the barrel's classes and function, nothing else, and no deep imports", () => {
        assert.deepStrictEqual(installed.barrel, {
            exports: {
                AlarmNotifications: "function",
                AsyncEndpoint: "function",
                AsyncOutputBucket: "function",
                CaptureBucket: "function",
                CaptureBucketNotifications: "function",
                CaptureDataset: "function",
                CaptureForwarder: "function",
                EndpointNetwork: "function",
                InferenceComponentEndpoint: "function",
                RealtimeEndpoint: "function",
                validateRealtimeEndpointArgs: "function",
            },
            deep: "ERR_PACKAGE_PATH_NOT_EXPORTED",
        });
    });

    it("exports the invoke helper at sagemaker-monitoring/invoke, which the components' barrel never loads", () => {
        assert.deepStrictEqual(installed.invoke, {
            byBarrel: false,
            byInvoke: true,
            exports: {
                CUSTOM_ATTRIBUTES_LIMITS: "object",
                INFERENCE_ID_LIMITS: "object",
                InvokeInputError: "function",
                TRACE_ID_ATTRIBUTE: "string",
                customAttributesProblems: "function",
                formatCustomAttributes: "function",
                inferenceIdProblems: "function",
                invokeAsync: "function",
                invokeRealtime: "function",
                parseCustomAttributes: "function",
                prepareInvocation: "function",
            },
        });
    });

    describe("examples/consumer against the installed package", () => {
        before(() => {
            const runner = path.join(consumerDir, "run-consumer.js");
            buildSync({
                entryPoints: [path.join(__dirname, "consumerRunner.ts")],
                outfile: runner,
                bundle: true,
                platform: "node",
                format: "cjs",
                target: "node20",
                // @pulumi/pulumi resolves from the consumer's node_modules: the instance the package uses.
                packages: "external",
                logLevel: "silent",
            });
            const out = path.join(tmp, "consumer-run.json");
            const args = [runner, consumerDir, out, CONSUMER_PROJECT, JSON.stringify(CONSUMER_CONFIG)];
            run(process.execPath, ["-r", require.resolve("ts-node/register"), ...args], consumerDir);
            consumerRun = readJson(out);
        });

        it("type-checks with ts-node's defaults and declares exactly the example's components and their children", () => {
            assert.deepStrictEqual(childrenByParent(consumerRun.resources), EXAMPLE_RESOURCES);
        });

        it("resolves the components' outputs into the example's stack exports", () => {
            assert.deepStrictEqual(consumerRun.exports, {
                captureBucketName: "capture-4ddef0c8180021a462a4a3279b",
                capturePrefixes: {
                    churn: "s3://capture-4ddef0c8180021a462a4a3279b/datacapture/churn/",
                    "churn-batch": "s3://capture-4ddef0c8180021a462a4a3279b/datacapture/churn-batch/",
                },
                alarmTopicArn: "arn:aws:sns:us-east-1:123456789012:alarms-topic",
                realtimeEndpointName: "churn",
                asyncInputLocationPrefix: "s3://churn-batch-io-3767464ac5b959247e1b365fe9/churn-batch/input/",
                forwarderFunctionName: "to-arthur",
                forwarderTokenSecretArn: "arn:aws:secretsmanager:us-east-1:123456789012:secret:to-arthur-token-505a38",
            });
        });

        it("bundles the forwarder from the installed dist/lambdas (the repository bundle's sources, compiled), into a Lambda that loads standalone", () => {
            const fn = consumerRun.resources.find((r) => r.type === "aws:lambda/function:Function");
            assert.equal(fn?.inputs.sourceCodeHash, installed.forwarder.sha256);
            // The layers' own files; dependencies sit outside the layers' root (../) or in its node_modules/.
            const ownSources = (inputs: string[]) => inputs.filter((file) => !file.startsWith("../") && !file.startsWith("node_modules/"));
            assert.deepStrictEqual(
                ownSources(installed.forwarder.inputs as string[]),
                ownSources(forwarderBundle().inputs).map((file) => file.replace(/\.ts$/, ".js")),
            );
            const env = {
                PATH: process.env.PATH ?? "",
                AWS_REGION: "us-east-1",
                SINK: "http",
                HTTP_URL: "https://monitor.example.com/ingest",
                ALLOWED_HOSTS: "monitor.example.com",
                DEAD_LETTER_QUEUE_URL: "https://sqs.us-east-1.amazonaws.com/123456789012/dlq",
                IDEMPOTENCY_TABLE: "chunks",
            };
            const loaded = spawnSync(process.execPath, ["--no-warnings", "-e", 'console.log(typeof require("./index.js").handler)'], {
                cwd: lambdaDir,
                env,
                encoding: "utf8",
            });
            assert.deepStrictEqual(
                { status: loaded.status, stdout: loaded.stdout, stderr: loaded.stderr },
                { status: 0, stdout: "function\n", stderr: "" },
            );
        });
    });
});
