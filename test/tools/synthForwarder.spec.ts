import * as assert from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { forwarderSourceCodeHash } from "../../components/captureForwarder/forwarderCode";
import { CHURN_DEV_FEATURES } from "../support/fixtureStacks";
import { stableHex } from "../../tools/synth/mockState";
import { synthInProcess, synthStackOnce } from "../support/synthCli";

const NOTIFICATION = "aws:s3/bucketNotification:BucketNotification";
const FUNCTION = "aws:lambda/function:Function";
/** The stack's capture bucket: S3 completes its bucketPrefix; the synth mock adds 26 characters derived from the logical name. */
const CAPTURE_BUCKET = `capture-${stableHex("capture-bucket", 26)}`;

/** A stack file with two real-time endpoints, the given `forwarders` lines and any other config lines. */
function writeStack(file: string, forwarderLines: string[], configLines: string[] = []): void {
    const endpoint = (name: string) => [
        `    - name: ${name}`,
        "      model: { image: 683313688378.dkr.ecr.us-east-1.amazonaws.com/sagemaker-xgboost:1.7-1 }",
        "      instanceType: ml.m5.large",
    ];
    fs.writeFileSync(
        file,
        [
            "config:",
            ...configLines.map((line) => `  ${line}`),
            "  sagemaker-monitoring:endpoints:",
            ...endpoint("churn"),
            ...endpoint("fraud"),
            "  sagemaker-monitoring:forwarders:",
            ...forwarderLines.map((line) => `    ${line}`),
            "",
        ].join("\n"),
    );
}

const arthur = (name: string, endpoints?: string) => [
    `- name: ${name}`,
    ...(endpoints === undefined ? [] : [`  endpoints: [${endpoints}]`]),
    "  sink: { kind: arthur, host: https://app.arthur.ai, modelId: m-1, tokenSecretArn: arn:aws:secretsmanager:us-east-1:123456789012:secret:arthur-token-AbCdEf }",
];

describe("offline synth: capture forwarders", function () {
    this.timeout(120000);
    const out = fs.mkdtempSync(path.join(os.tmpdir(), "synth-forwarder-"));
    after(() => fs.rmSync(out, { recursive: true, force: true }));

    const readJson = (dir: string, file: string) => JSON.parse(fs.readFileSync(path.join(dir, file), "utf8"));
    const resources = (stack: string) => readJson(path.join(out, stack), "resources.json");

    it("dev: exactly one BucketNotification on the capture bucket, triggering the forwarder, with no policy violation", async () => {
        const run = await synthStackOnce("dev");
        assert.strictEqual(run.status, 0, run.stderr);
        const all = readJson(run.dir, "resources.json");
        assert.deepStrictEqual(
            all.filter((r: any) => r.type === NOTIFICATION),
            [
                {
                    type: NOTIFICATION,
                    name: "capture-notifications-notification",
                    parent: "capture-notifications",
                    inputs: {
                        bucket: CAPTURE_BUCKET,
                        lambdaFunctions: [
                            {
                                id: "arthur-churn-dev-churn-dev",
                                lambdaFunctionArn: "arn:aws:lambda:us-east-1:123456789012:function:arthur-churn-dev",
                                events: ["s3:ObjectCreated:*"],
                                filterPrefix: "datacapture/churn-dev/",
                                filterSuffix: ".jsonl",
                            },
                        ],
                    },
                },
            ],
        );
        const tags = { environment: "dev", "sagemaker-monitoring:component": "capture-forwarder", team: "ml-platform" };
        assert.deepStrictEqual(
            // The forwarder's function; the GPU-capacity publisher's is checked in synthGpu.spec.ts.
            all
                .filter((r: any) => r.type === FUNCTION && r.parent === "arthur-churn-dev")
                .map(({ inputs: { code: _code, ...inputs }, ...r }: any) => ({ ...r, inputs })),
            [
                {
                    type: FUNCTION,
                    name: "arthur-churn-dev-function",
                    parent: "arthur-churn-dev",
                    inputs: {
                        description:
                            "Forwards SageMaker Data Capture files to the arthur sink and the capture dataset (sagemaker-monitoring)",
                        environment: {
                            variables: {
                                ARTHUR_HOST: "https://app.arthur.ai",
                                ARTHUR_MODEL_ID: "8d3b6f0e-5c1a-4f7e-9a2b-1c0d9e8f7a6b",
                                AUTH_SECRET_ARN: "arn:aws:secretsmanager:us-east-1:123456789012:secret:arthur-token-AbCdEf",
                                CHUNK_MAX_BYTES: "8388608",
                                DATASET_BUCKET: CAPTURE_BUCKET,
                                DATASET_PREFIX: "dataset",
                                DEAD_LETTER_QUEUE_URL: "https://sqs.us-east-1.amazonaws.com/123456789012/arthur-churn-dev-dead-letters",
                                IDEMPOTENCY_TABLE: "arthur-churn-dev-deliveries",
                                SINK: "arthur",
                            },
                        },
                        handler: "index.handler",
                        memorySize: 1024,
                        name: "arthur-churn-dev",
                        role: `arn:aws:iam::123456789012:role/arthur-churn-dev-${stableHex("arthur-churn-dev-role", 26)}`,
                        runtime: "nodejs22.x",
                        // The archive is written without its files; this hash shows a bundle or feature schema change.
                        sourceCodeHash: forwarderSourceCodeHash({ "churn-dev": CHURN_DEV_FEATURES }),
                        tags,
                        timeout: 300,
                    },
                },
            ],
        );
        assert.deepStrictEqual(
            all
                .filter((r: any) => r.type === "aws:iam/role:Role" && r.parent === "arthur-churn-dev")
                .map((r: any) => [r.name, r.inputs.namePrefix]),
            [["arthur-churn-dev-role", "arthur-churn-dev-"]],
        );
        assert.deepStrictEqual(readJson(run.dir, "policy.json"), { violations: [] });
    });

    it("prod: exactly one BucketNotification, and no mandatory policy violation", async () => {
        const run = await synthStackOnce("prod");
        assert.strictEqual(run.status, 0, run.stderr);
        assert.deepStrictEqual(
            readJson(run.dir, "resources.json")
                .filter((r: any) => r.type === NOTIFICATION)
                .map((r: any) => [r.name, r.inputs.bucket, r.inputs.lambdaFunctions.map((f: any) => f.filterPrefix)]),
            [["capture-notifications-notification", CAPTURE_BUCKET, ["datacapture/churn-prod/"]]],
        );
        const { violations } = readJson(run.dir, "policy.json");
        assert.deepStrictEqual(
            violations.filter((v: any) => v.enforcementLevel === "mandatory"),
            [],
        );
    });

    it("gathers two forwarders with disjoint endpoints into the one BucketNotification", async () => {
        const config = path.join(out, "two.yaml");
        writeStack(config, [...arthur("arthur-churn", "churn"), ...arthur("arthur-fraud", "fraud")]);
        const run = await synthInProcess(["--stack", "two", "--config", config, "--out", out]);
        assert.strictEqual(run.status, 0, run.stderr);
        assert.deepStrictEqual(
            resources("two")
                .filter((r: any) => r.type === NOTIFICATION)
                .map((r: any) => r.inputs.lambdaFunctions.map((f: any) => [f.id, f.filterPrefix])),
            [
                [
                    ["arthur-churn-churn", "datacapture/churn/"],
                    ["arthur-fraud-fraud", "datacapture/fraud/"],
                ],
            ],
        );
    });

    it("exits 2 on overlapping forwarders, naming both, before writing anything", async () => {
        const config = path.join(out, "overlap.yaml");
        writeStack(config, [...arthur("arthur-all"), ...arthur("arthur-churn", "churn")]);
        const run = await synthInProcess(["--stack", "overlap", "--config", config, "--out", out]);
        assert.strictEqual(run.status, 2);
        assert.strictEqual(
            run.stderr,
            [
                "synth: Invalid stack config: 1 invalid input:",
                '  - sagemaker-monitoring:forwarders[1].endpoints: "arthur-churn" overlaps forwarders[0] ("arthur-all") on the capture bucket: same event s3:ObjectCreated:*, ' +
                    'prefixes "datacapture/" and "datacapture/churn/" overlap, suffixes ".jsonl" and ".jsonl" overlap; ' +
                    'S3 would refuse the bucket\'s notification configuration ("Configuration is ambiguously defined"): give the forwarders disjoint endpoints',
                "",
            ].join("\n"),
        );
        assert.strictEqual(fs.existsSync(path.join(out, "overlap")), false);
    });

    it("exits 2 on a forwarder name too long for the names derived from it, naming the entry's property, before writing anything", async () => {
        const config = path.join(out, "long.yaml");
        const tooLong = `arthur-churn-prod-${"x".repeat(44)}`;
        writeStack(config, arthur(tooLong, "churn"));
        const run = await synthInProcess(["--stack", "long", "--config", config, "--out", out]);
        assert.strictEqual(run.status, 2);
        assert.strictEqual(
            run.stderr,
            [
                "synth: Invalid stack config: 1 invalid input:",
                `  - sagemaker-monitoring:forwarders[0].name: must be at most 61 characters (got 62: "${tooLong}"): ` +
                    `the SQS queue "${tooLong}-failed-invocations" would be 81 characters, over its limit of 80`,
                "",
            ].join("\n"),
        );
        assert.strictEqual(fs.existsSync(path.join(out, "long")), false);
    });

    it("exits 2 on a forwarder on an existing capture bucket without manageNotifications, whose other triggers it would delete", async () => {
        const config = path.join(out, "existing.yaml");
        writeStack(config, arthur("arthur-churn", "churn"), [
            "sagemaker-monitoring:captureBucket:",
            "  existing: { bucketName: team-capture, kmsKeyArn: arn:aws:kms:us-east-1:123456789012:key/e0000005-0000-4000-8000-000000000005 }",
        ]);
        const run = await synthInProcess(["--stack", "existing", "--config", config, "--out", out]);
        assert.strictEqual(run.status, 2);
        assert.strictEqual(
            run.stderr,
            [
                "synth: Invalid stack config: 1 invalid input:",
                '  - sagemaker-monitoring:captureBucket.existing.manageNotifications: must be true to declare forwarders on bucket "team-capture", which this program did not create: ' +
                    "a bucket has one notification configuration, and the forwarders' rules would replace it, deleting every other trigger (Lambda, SQS, SNS, EventBridge) its owner set up. " +
                    "Set captureBucket.existing.manageNotifications: true once the bucket has no other triggers, or forward from a capture bucket this program creates (got undefined)",
                "",
            ].join("\n"),
        );
        assert.strictEqual(fs.existsSync(path.join(out, "existing")), false);
    });

    it("with manageNotifications: true, declares the one BucketNotification on the existing bucket", async () => {
        const config = path.join(out, "existing-managed.yaml");
        writeStack(config, arthur("arthur-churn", "churn"), [
            "sagemaker-monitoring:captureBucket:",
            "  existing: { bucketName: team-capture, kmsKeyArn: arn:aws:kms:us-east-1:123456789012:key/e0000005-0000-4000-8000-000000000005, manageNotifications: true }",
        ]);
        const run = await synthInProcess(["--stack", "existing-managed", "--config", config, "--out", out]);
        assert.strictEqual(run.status, 0, run.stderr);
        const notifications = resources("existing-managed").filter((r: any) => r.type === NOTIFICATION);
        assert.deepStrictEqual(
            notifications.map((n: any) => [
                n.inputs.bucket,
                n.inputs.lambdaFunctions.map((f: any) => [f.id, f.filterPrefix, f.filterSuffix]),
            ]),
            [["team-capture", [["arthur-churn-churn", "datacapture/churn/", ".jsonl"]]]],
        );
    });
});
