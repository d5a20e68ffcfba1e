import * as assert from "assert";
import { forwarderEntriesProblems, forwarderEntryArgs } from "../../../program/forwarderEntries";
import { configProblems, loadConfig } from "../../support/stackConfig";

const IMAGE = "683313688378.dkr.ecr.us-east-1.amazonaws.com/sagemaker-xgboost:1.7-1";
const SECRET = "arn:aws:secretsmanager:us-east-1:123456789012:secret:arthur-token-AbCdEf";
const endpoint = (name: string) => ({ name, model: { image: IMAGE }, instanceType: "ml.m5.large" });
const arthur = { kind: "arthur", host: "https://app.arthur.ai", modelId: "m", tokenSecretArn: SECRET };
const OVERLAP_TAIL =
    'S3 would refuse the bucket\'s notification configuration ("Configuration is ambiguously defined"): give the forwarders disjoint endpoints';

const load = loadConfig;
const problems = (values: Record<string, unknown>): [string, string][] => configProblems(values).map((e) => [e.propertyPath, e.reason]);

describe("stack config: forwarders", () => {
    it("is optional, and parses an entry as given", () => {
        assert.strictEqual(load({ endpoints: [endpoint("churn")] }).forwarders, undefined);
        assert.deepStrictEqual(
            load({
                endpoints: [endpoint("churn")],
                forwarders: [{ name: "arthur-churn", endpoints: ["churn"], sink: arthur, chunkMaxBytes: 4096 }],
            }).forwarders,
            [{ name: "arthur-churn", endpoints: ["churn"], sink: arthur, chunkMaxBytes: 4096 }],
        );
    });

    it("maps an entry onto CaptureForwarder settings, with the stack's tags under its own", () => {
        assert.deepStrictEqual(
            forwarderEntryArgs(
                { name: "arthur-churn", endpoints: ["churn"], sink: arthur as never, timeoutSeconds: 600, tags: { team: "churn" } },
                { team: "ml", environment: "dev" },
            ),
            { endpointNames: ["churn"], sink: arthur, timeoutSeconds: 600, tags: { team: "churn", environment: "dev" } },
        );
        assert.deepStrictEqual(forwarderEntryArgs({ name: "all", sink: arthur as never }, {}), { sink: arthur, tags: {} });
    });

    it("names every bad entry value at its stack-file path, with the component's and the Lambda's rules", () => {
        assert.deepStrictEqual(
            problems({
                endpoints: [endpoint("churn"), endpoint("fraud")],
                forwarders: [
                    { name: "arthur-churn", endpoints: ["churn"], sink: arthur },
                    {
                        name: "arthur-churn",
                        endpoints: ["fraud", "nope"],
                        sink: { kind: "http", url: "http://ingest.example.com" },
                        timeoutSeconds: 1000,
                        chunkMaxBytes: 1,
                        colour: "red",
                    },
                    { name: "bad name", endpoints: [], sink: { kind: "kafka" } },
                    { name: "no-model", endpoints: ["fraud", "fraud"], sink: { kind: "arthur", host: "https://h" } },
                ],
            }),
            [
                [
                    "sagemaker-monitoring:forwarders[1].colour",
                    "is not a known property (known: name, endpoints, sink, dataset, allowedHosts, timeoutSeconds, memorySizeMb, reservedConcurrency, maximumRetryAttempts, maximumEventAgeSeconds, logRetentionDays, chunkMaxBytes, chunkMaxRecords, httpTimeoutMs, retryMaxAttempts, retryBaseDelayMs, retryMaxDelayMs, safetyMarginMs, secretCacheTtlSeconds, s3RangeBytes, idempotencyTtlDays, tags)",
                ],
                ["sagemaker-monitoring:forwarders[2].sink.kind", 'must be one of "arthur", "http" (got "kafka")'],
                ["sagemaker-monitoring:forwarders[1].name", 'must be unique in the stack ("arthur-churn" is also forwarders[0].name)'],
                [
                    "sagemaker-monitoring:forwarders[1].sink.url",
                    'must use https (plain http is allowed only to 127.0.0.1/localhost), got "http://ingest.example.com" (environment variable HTTP_URL)',
                ],
                [
                    "sagemaker-monitoring:forwarders[1].chunkMaxBytes",
                    'must be an integer from 1024 to 67108864, got "1" (environment variable CHUNK_MAX_BYTES)',
                ],
                ["sagemaker-monitoring:forwarders[1].timeoutSeconds", "must be an integer from 1 to 900 (got 1000)"],
                [
                    "sagemaker-monitoring:forwarders[1].endpoints[1]",
                    'must name an endpoint of this stack (one of "churn", "fraud") (got "nope")',
                ],
                [
                    "sagemaker-monitoring:forwarders[2].name",
                    'must be 1-61 characters of A-Z a-z 0-9 _ - (it names the Lambda function, and its queues, table, log group and alarms are named after it) (got "bad name")',
                ],
                [
                    "sagemaker-monitoring:forwarders[2].endpoints",
                    "must list at least one endpoint (leave it out to forward every endpoint's capture)",
                ],
                ["sagemaker-monitoring:forwarders[3].endpoints", 'must not repeat a value (repeated: "fraud")'],
                [
                    "sagemaker-monitoring:forwarders[3].sink.modelId",
                    "is required when SINK is arthur (environment variable ARTHUR_MODEL_ID)",
                ],
                [
                    "sagemaker-monitoring:forwarders[3].sink.host",
                    'must be a fully qualified DNS name such as "ingest.example.com" (got "https://h")',
                ],
                [
                    "sagemaker-monitoring:forwarders[3].endpoints",
                    `"no-model" overlaps forwarders[1] ("arthur-churn") on the capture bucket: same event s3:ObjectCreated:*, prefixes "datacapture/fraud/" and "datacapture/fraud/" overlap, suffixes ".jsonl" and ".jsonl" overlap; ${OVERLAP_TAIL}`,
                ],
            ],
        );
    });

    it("refuses overlapping forwarders on the capture bucket, naming both, under the stack's capture prefix", () => {
        assert.deepStrictEqual(
            problems({
                endpoints: [endpoint("churn")],
                captureBucket: { prefix: "team/capture" },
                forwarders: [
                    { name: "arthur-churn", endpoints: ["churn"], sink: arthur },
                    { name: "http-all", sink: { kind: "http", url: "https://ingest.example.com" }, allowedHosts: ["ingest.example.com"] },
                ],
            }),
            [
                [
                    "sagemaker-monitoring:forwarders[1].endpoints",
                    `"http-all" overlaps forwarders[0] ("arthur-churn") on the capture bucket: same event s3:ObjectCreated:*, prefixes "team/capture/churn/" and "team/capture/" overlap, suffixes ".jsonl" and ".jsonl" overlap; ${OVERLAP_TAIL}`,
                ],
            ],
        );
    });

    const EXISTING = {
        bucketName: "team-capture",
        kmsKeyArn: "arn:aws:kms:us-east-1:123456789012:key/e0000005-0000-4000-8000-000000000005",
    };
    const EXISTING_REASON =
        'must be true to declare forwarders on bucket "team-capture", which this program did not create: a bucket has one notification configuration, ' +
        "and the forwarders' rules would replace it, deleting every other trigger (Lambda, SQS, SNS, EventBridge) its owner set up. " +
        "Set captureBucket.existing.manageNotifications: true once the bucket has no other triggers, or forward from a capture bucket this program creates";

    it("refuses forwarders on an existing capture bucket without manageNotifications, and names the bucket in overlap messages", () => {
        assert.deepStrictEqual(
            problems({
                endpoints: [endpoint("churn")],
                captureBucket: { existing: EXISTING },
                forwarders: [
                    { name: "a", sink: arthur },
                    { name: "b", sink: arthur },
                ],
            }),
            [
                ["sagemaker-monitoring:captureBucket.existing.manageNotifications", `${EXISTING_REASON} (got undefined)`],
                [
                    "sagemaker-monitoring:forwarders[1].endpoints",
                    `"b" overlaps forwarders[0] ("a") on bucket "team-capture": same event s3:ObjectCreated:*, prefixes "datacapture/" and "datacapture/" overlap, suffixes ".jsonl" and ".jsonl" overlap; ${OVERLAP_TAIL}`,
                ],
            ],
        );
    });

    it("accepts forwarders on an existing bucket with manageNotifications: true, and an existing bucket without forwarders", () => {
        const forwarders = [{ name: "arthur-churn", endpoints: ["churn"], sink: arthur }];
        assert.deepStrictEqual(
            [
                forwarderEntriesProblems({
                    endpoints: [endpoint("churn")],
                    captureBucket: { existing: { ...EXISTING, manageNotifications: true } },
                    forwarders,
                }),
                forwarderEntriesProblems({
                    endpoints: [endpoint("churn")],
                    captureBucket: { existing: { ...EXISTING, manageNotifications: false } },
                    forwarders,
                }),
                forwarderEntriesProblems({ endpoints: [endpoint("churn")], captureBucket: { existing: EXISTING }, forwarders: [] }),
            ],
            [[], [{ propertyPath: "captureBucket.existing.manageNotifications", reason: `${EXISTING_REASON} (got false)` }], []],
        );
    });
    it("binds a token secret to its host: a second host needs sink.sharedTokenSecret on both forwarders", () => {
        const reuse = (sharedFirst: boolean, sharedSecond: boolean) =>
            problems({
                endpoints: [endpoint("churn"), endpoint("fraud")],
                forwarders: [
                    {
                        name: "arthur-churn",
                        endpoints: ["churn"],
                        sink: { ...arthur, ...(sharedFirst ? { sharedTokenSecret: true } : {}) },
                    },
                    {
                        name: "http-fraud",
                        endpoints: ["fraud"],
                        sink: {
                            kind: "http",
                            url: "https://ingest.example.com/v1",
                            tokenSecretArn: SECRET,
                            ...(sharedSecond ? { sharedTokenSecret: true } : {}),
                        },
                        allowedHosts: ["ingest.example.com"],
                    },
                    { name: "arthur-all-again", endpoints: ["fraud"], sink: { ...arthur, host: "https://platform.arthur.ai" } },
                ],
            }).filter(([path]) => path.endsWith("tokenSecretArn"));
        const REUSE = (label: string, destination: string) =>
            `must not reuse the token secret of forwarders[0], which sends to app.arthur.ai:443, for ${destination}: a token is bound to its host; set sink.sharedTokenSecret: true on both forwarders to share it on purpose`.replace(
                "forwarders[0]",
                label,
            );
        assert.deepStrictEqual(reuse(false, false), [
            ["sagemaker-monitoring:forwarders[1].sink.tokenSecretArn", REUSE("forwarders[0]", "ingest.example.com:443")],
            ["sagemaker-monitoring:forwarders[2].sink.tokenSecretArn", REUSE("forwarders[0]", "platform.arthur.ai:443")],
        ]);
        assert.deepStrictEqual(reuse(true, false), [
            ["sagemaker-monitoring:forwarders[1].sink.tokenSecretArn", REUSE("forwarders[0]", "ingest.example.com:443")],
            ["sagemaker-monitoring:forwarders[2].sink.tokenSecretArn", REUSE("forwarders[0]", "platform.arthur.ai:443")],
        ]);
        assert.deepStrictEqual(reuse(true, true), [
            ["sagemaker-monitoring:forwarders[2].sink.tokenSecretArn", REUSE("forwarders[0]", "platform.arthur.ai:443")],
        ]);
    });

    it("lets forwarders to the same host share a token secret without the flag", () => {
        const forwarders = [
            { name: "arthur-churn", endpoints: ["churn"], sink: arthur },
            { name: "arthur-fraud", endpoints: ["fraud"], sink: { ...arthur, host: "https://APP.arthur.ai:443/" } },
        ];
        assert.deepStrictEqual(load({ endpoints: [endpoint("churn"), endpoint("fraud")], forwarders }).forwarders, forwarders);
    });
});
