import * as assert from "assert";
import { captureBucketEncryptedPrivateTls } from "../../policy/rules/captureBucketSecurity";
import { forwarderHasDlq } from "../../policy/rules/forwarderDlq";
import { s3NotificationsNoOverlap } from "../../policy/rules/s3NotificationsNoOverlap";
import { SynthResource } from "../../tools/synth/policy/synthResource";
import { changeField, compliantStack, FORWARDER_ARN, FORWARDER_FAILURES_ARN, replaceResource, stackView, synthResource } from "./fixtures";
import { makeStackValidationArgs } from "../../tools/synth/policy/validationArgs";
import { runStackPolicy, UNKNOWN_VALUE, urnOf } from "./harness";

const none = { kind: "violations", violations: [] };
const pick = (names: string[]): SynthResource[] => compliantStack().filter((r) => names.includes(r.name));
const withoutResource = (resources: SynthResource[], name: string) => replaceResource(resources, name, () => undefined);

describe("capture-bucket-encrypted-private-tls", () => {
    const bucketSet = () =>
        pick([
            "realtime-config",
            "async-config",
            "capture-bucket",
            "capture-bucket-encryption",
            "capture-bucket-public-access",
            "capture-bucket-tls-only",
        ]);
    const run = (resources: SynthResource[]) => runStackPolicy(captureBucketEncryptedPrivateTls, stackView(resources));
    const bucketUrn = urnOf("aws:s3/bucket:Bucket", "capture-bucket");
    const usedBy =
        'Bucket "capture-bucket" (written by realtime-config dataCaptureConfig, async-config dataCaptureConfig, async-config asyncInferenceConfig)';

    it("passes a KMS-encrypted, private, TLS-only capture bucket", () => {
        assert.deepStrictEqual(run(bucketSet()), none);
    });

    it("SSE-S3 (AES256) instead of aws:kms", () => {
        const resources = changeField(
            bucketSet(),
            "capture-bucket-encryption",
            "rules[0].applyServerSideEncryptionByDefault.sseAlgorithm",
            "AES256",
        );
        assert.deepStrictEqual(run(resources), {
            kind: "violations",
            violations: [
                {
                    urn: bucketUrn,
                    message:
                        `${usedBy} has no BucketServerSideEncryptionConfiguration with sseAlgorithm aws:kms. ` +
                        'Remediation: add an aws.s3.BucketServerSideEncryptionConfiguration for bucket "capture-bucket" with rules[0].applyServerSideEncryptionByDefault.sseAlgorithm "aws:kms" and a KMS key.',
                },
            ],
        });
    });

    it("a public access block with one flag false", () => {
        const resources = changeField(bucketSet(), "capture-bucket-public-access", "restrictPublicBuckets", false);
        assert.deepStrictEqual(run(resources), {
            kind: "violations",
            violations: [
                {
                    urn: bucketUrn,
                    message:
                        `${usedBy} has no BucketPublicAccessBlock with blockPublicAcls, blockPublicPolicy, ignorePublicAcls, restrictPublicBuckets all true. ` +
                        'Remediation: add an aws.s3.BucketPublicAccessBlock for bucket "capture-bucket" with all four flags set to true.',
                },
            ],
        });
    });

    it("no TLS-only bucket policy", () => {
        assert.deepStrictEqual(run(withoutResource(bucketSet(), "capture-bucket-tls-only")), {
            kind: "violations",
            violations: [
                {
                    urn: bucketUrn,
                    message:
                        `${usedBy} has no BucketPolicy denying requests without TLS (aws:SecureTransport = false). ` +
                        'Remediation: add an aws.s3.BucketPolicy for bucket "capture-bucket" with a Deny statement for s3:* on the bucket and its objects, Condition {"Bool": {"aws:SecureTransport": "false"}}.',
                },
            ],
        });
    });

    it("matches sub-resources by bucket id, and accepts an object policy with a boolean condition", () => {
        const resources = changeField(bucketSet(), "capture-bucket-tls-only", "policy", {
            Statement: {
                Effect: "Deny",
                Principal: "*",
                Action: "s3:*",
                Resource: "arn:aws:s3:::capture-bucket/*",
                Condition: { Bool: { "aws:SecureTransport": false } },
            },
        });
        assert.deepStrictEqual(run(resources), none);
    });

    it("buckets that receive no capture or async output are not checked", () => {
        assert.deepStrictEqual(run(pick(["capture-bucket"])), none);
    });

    it("an https:// destination is matched to its bucket too", () => {
        const resources = changeField(
            pick(["realtime-config", "capture-bucket"]),
            "realtime-config",
            "dataCaptureConfig.destinationS3Uri",
            "https://capture-bucket.s3.us-east-1.amazonaws.com/capture",
        );
        const outcome = run(resources);
        assert.deepStrictEqual(
            outcome.kind === "violations" ? outcome.violations.map((v) => v.message.slice(0, v.message.indexOf(" has no"))) : outcome,
            [1, 2, 3].map(() => 'Bucket "capture-bucket" (written by realtime-config dataCaptureConfig)'),
        );
    });
});

describe("forwarder-has-dlq", () => {
    const forwarderSet = () =>
        pick(["capture-forwarder", "capture-forwarder-invoke", "capture-forwarder-dlq", "capture-forwarder-failures"]);
    /** The forwarder with the Data Capture bucket whose notification invokes it. */
    const triggeredSet = () => [...forwarderSet(), ...pick(["realtime-config", "capture-bucket", "capture-bucket-notification"])];
    const run = (resources: SynthResource[]) => runStackPolicy(forwarderHasDlq, stackView(resources));
    const forwarderUrn = urnOf("aws:lambda/function:Function", "capture-forwarder");
    const messages = (resources: SynthResource[]) => {
        const outcome = run(resources);
        return outcome.kind === "violations" ? outcome.violations.map((v) => [v.urn, v.message]) : outcome;
    };
    const NO_ON_FAILURE =
        "has no FunctionEventInvokeConfig with destinationConfig.onFailure.destination and no deadLetterConfig.targetArn, so failed asynchronous invocations (S3 events) would be dropped. " +
        "Remediation: add an aws.lambda.FunctionEventInvokeConfig for this function with destinationConfig.onFailure.destination set to an SQS queue or SNS topic ARN.";

    it("passes a forwarder with DEAD_LETTER_QUEUE_URL and an on-failure destination, both KMS-encrypted queues", () => {
        assert.deepStrictEqual(run(forwarderSet()), none);
        assert.deepStrictEqual(run(triggeredSet()), none);
    });

    it("an empty DEAD_LETTER_QUEUE_URL", () => {
        assert.deepStrictEqual(run(changeField(forwarderSet(), "capture-forwarder", "environment.variables.DEAD_LETTER_QUEUE_URL", "")), {
            kind: "violations",
            violations: [
                {
                    urn: forwarderUrn,
                    message:
                        'Capture forwarder "capture-forwarder" has no DEAD_LETTER_QUEUE_URL environment variable, so chunks it cannot deliver would be lost. ' +
                        "Remediation: set environment.variables.DEAD_LETTER_QUEUE_URL to the URL of an SQS dead-letter queue.",
                },
            ],
        });
    });

    it("an event invoke config without onFailure", () => {
        assert.deepStrictEqual(run(changeField(forwarderSet(), "capture-forwarder-invoke", "destinationConfig", {})), {
            kind: "violations",
            violations: [{ urn: forwarderUrn, message: `Capture forwarder "capture-forwarder" ${NO_ON_FAILURE}` }],
        });
    });

    it("an invoke config naming the function by ARN counts; one for another function does not", () => {
        assert.deepStrictEqual(run(changeField(forwarderSet(), "capture-forwarder-invoke", "functionName", FORWARDER_ARN)), none);
        assert.deepStrictEqual(messages(changeField(forwarderSet(), "capture-forwarder-invoke", "functionName", "other-function")), [
            [forwarderUrn, `Capture forwarder "capture-forwarder" ${NO_ON_FAILURE}`],
        ]);
    });

    it("the function's own deadLetterConfig.targetArn counts as an on-failure destination, and is checked for a KMS key", () => {
        const withDlqTarget = changeField(
            withoutResource(forwarderSet(), "capture-forwarder-invoke"),
            "capture-forwarder",
            "deadLetterConfig",
            { targetArn: FORWARDER_FAILURES_ARN },
        );
        assert.deepStrictEqual(run(withDlqTarget), none);
        assert.deepStrictEqual(messages(changeField(withDlqTarget, "capture-forwarder-failures", "kmsMasterKeyId", "")), [
            [
                urnOf("aws:sqs/queue:Queue", "capture-forwarder-failures"),
                'SQS queue capture-forwarder-failures, the dead-letter target of capture forwarder "capture-forwarder", has no kmsMasterKeyId, so the captured payloads it holds are not encrypted with a KMS key. ' +
                    "Remediation: set kmsMasterKeyId on capture-forwarder-failures to a KMS key the forwarder may use.",
            ],
        ]);
    });

    it("a dead-letter queue without a KMS key (SSE-SQS does not count), found by its URL", () => {
        const resources = changeField(
            changeField(forwarderSet(), "capture-forwarder-dlq", "kmsMasterKeyId", ""),
            "capture-forwarder-dlq",
            "sqsManagedSseEnabled",
            true,
        );
        assert.deepStrictEqual(messages(resources), [
            [
                urnOf("aws:sqs/queue:Queue", "capture-forwarder-dlq"),
                'SQS queue capture-forwarder-dlq, the DEAD_LETTER_QUEUE_URL dead-letter queue of capture forwarder "capture-forwarder", has no kmsMasterKeyId, so the captured payloads it holds are not encrypted with a KMS key. ' +
                    "Remediation: set kmsMasterKeyId on capture-forwarder-dlq to a KMS key the forwarder may use.",
            ],
        ]);
    });

    it("an on-failure queue without a KMS key, found by its ARN", () => {
        assert.deepStrictEqual(messages(changeField(forwarderSet(), "capture-forwarder-failures", "kmsMasterKeyId", "")), [
            [
                urnOf("aws:sqs/queue:Queue", "capture-forwarder-failures"),
                'SQS queue capture-forwarder-failures, the on-failure destination of capture forwarder "capture-forwarder", has no kmsMasterKeyId, so the captured payloads it holds are not encrypted with a KMS key. ' +
                    "Remediation: set kmsMasterKeyId on capture-forwarder-failures to a KMS key the forwarder may use.",
            ],
        ]);
    });

    it("during preview (URLs, ARNs and the variables unknown), the queues are found through propertyDependencies", () => {
        const dlq = compliantStack().find((r) => r.name === "capture-forwarder-dlq")!;
        const failures = compliantStack().find((r) => r.name === "capture-forwarder-failures")!;
        let resources = changeField(forwarderSet(), "capture-forwarder", "environment.variables", UNKNOWN_VALUE);
        resources = changeField(resources, "capture-forwarder-invoke", "destinationConfig.onFailure.destination", UNKNOWN_VALUE);
        resources = changeField(resources, "capture-forwarder-dlq", "kmsMasterKeyId", "");
        resources = changeField(resources, "capture-forwarder-failures", "kmsMasterKeyId", "");
        resources = replaceResource(resources, "capture-forwarder", (r) => ({ ...r, propertyDependencies: { environment: [dlq.urn] } }));
        resources = replaceResource(resources, "capture-forwarder-invoke", (r) => ({
            ...r,
            propertyDependencies: { destinationConfig: [failures.urn] },
        }));
        assert.deepStrictEqual(runStackPolicy(forwarderHasDlq, stackView(resources)), {
            kind: "unknown",
            message: "string value at .environment.variables can't be known during preview",
        });
        // The engine keeps what the rule reported before the unknown: both queues.
        const reported: string[] = [];
        try {
            forwarderHasDlq.validateStack(
                makeStackValidationArgs(
                    stackView(resources).map((r) => ({ ...r, urn: urnOf(r.type, r.name) })),
                    {},
                ),
                (_message, urn) => reported.push(urn!),
            );
        } catch {
            // The unknown, rethrown once every check has run.
        }
        assert.deepStrictEqual(reported, [
            urnOf("aws:sqs/queue:Queue", "capture-forwarder-dlq"),
            urnOf("aws:sqs/queue:Queue", "capture-forwarder-failures"),
        ]);
    });

    it("a Lambda without the forwarder tag that the Data Capture bucket's notification invokes is a forwarder too", () => {
        const untagged = changeField(withoutResource(triggeredSet(), "capture-forwarder-invoke"), "capture-forwarder", "tags", {
            team: "ml",
        });
        assert.deepStrictEqual(messages(untagged), [
            [
                forwarderUrn,
                `Lambda "capture-forwarder", which S3 notification capture-bucket-notification on Data Capture bucket "capture-bucket" invokes, ${NO_ON_FAILURE}`,
            ],
        ]);
        // It needs no DEAD_LETTER_QUEUE_URL: that is this project's forwarder contract.
        assert.deepStrictEqual(run(changeField(triggeredSet(), "capture-forwarder", "tags", { team: "ml" })), none);
    });

    it("other Lambdas (no tag, no Data Capture trigger) are not checked", () => {
        const untagged = changeField(withoutResource(forwarderSet(), "capture-forwarder-invoke"), "capture-forwarder", "tags", {
            team: "ml",
        });
        assert.deepStrictEqual(run(untagged), none);
        const otherBucket = changeField(withoutResource(triggeredSet(), "capture-forwarder-invoke"), "capture-forwarder", "tags", {
            team: "ml",
        });
        assert.deepStrictEqual(
            run(changeField(otherBucket, "realtime-config", "dataCaptureConfig.destinationS3Uri", "s3://elsewhere/capture")),
            none,
        );
    });
});

describe("s3-notifications-no-overlap", () => {
    const notification = (name: string, lambdaFunctions: object[], extra: Record<string, unknown> = {}) =>
        synthResource("aws:s3/bucketNotification:BucketNotification", name, { bucket: "capture-bucket", lambdaFunctions, ...extra });
    const run = (resources: SynthResource[]) => runStackPolicy(s3NotificationsNoOverlap, stackView(resources));

    it("passes the compliant stack's single notification", () => {
        assert.deepStrictEqual(run(compliantStack()), none);
    });

    it("two rules in one notification: ObjectCreated:* and ObjectCreated:Put with nested prefixes", () => {
        const n = notification("capture-bucket-notification", [
            { lambdaFunctionArn: FORWARDER_ARN, events: ["s3:ObjectCreated:*"], filterPrefix: "capture/", filterSuffix: ".jsonl" },
            {
                lambdaFunctionArn: "arn:aws:lambda:us-east-1:123456789012:function:other",
                events: ["s3:ObjectCreated:Put"],
                filterPrefix: "capture/endpoint-a/",
            },
        ]);
        assert.deepStrictEqual(run([n]), {
            kind: "violations",
            violations: [
                {
                    urn: n.urn,
                    message:
                        'Notification rules capture-bucket-notification lambdaFunctions[0] (prefix "capture/", suffix ".jsonl") and capture-bucket-notification lambdaFunctions[1] (prefix "capture/endpoint-a/", suffix "") on bucket "capture-bucket" overlap on s3:ObjectCreated:Put; S3 rejects overlapping rules. ' +
                        "Remediation: give the rules disjoint filterPrefix or filterSuffix values, or different event types.",
                },
            ],
        });
    });

    it("disjoint prefixes do not overlap", () => {
        const n = notification("capture-bucket-notification", [
            { lambdaFunctionArn: FORWARDER_ARN, events: ["s3:ObjectCreated:*"], filterPrefix: "capture/" },
            { lambdaFunctionArn: FORWARDER_ARN, events: ["s3:ObjectCreated:*"], filterPrefix: "ground-truth/" },
        ]);
        assert.deepStrictEqual(run([n]), none);
    });

    it("a second BucketNotification on the same bucket, overlapping across resources (queue vs lambda)", () => {
        const first = notification("capture-bucket-notification", [
            { lambdaFunctionArn: FORWARDER_ARN, events: ["s3:ObjectCreated:*"], filterSuffix: ".jsonl" },
        ]);
        const second = synthResource("aws:s3/bucketNotification:BucketNotification", "audit-notification", {
            bucket: "capture-bucket",
            queues: [{ queueArn: "arn:aws:sqs:us-east-1:123456789012:audit", events: ["s3:ObjectCreated:Copy", "s3:ObjectRemoved:*"] }],
        });
        assert.deepStrictEqual(run([first, second]), {
            kind: "violations",
            violations: [
                {
                    urn: second.urn,
                    message:
                        'Bucket "capture-bucket" has 2 BucketNotification resources (capture-bucket-notification, audit-notification); S3 keeps one notification configuration per bucket, so each replaces the others. ' +
                        'Remediation: merge the rules into one BucketNotification for bucket "capture-bucket".',
                },
                {
                    urn: second.urn,
                    message:
                        'Notification rules capture-bucket-notification lambdaFunctions[0] (prefix "", suffix ".jsonl") and audit-notification queues[0] (prefix "", suffix "") on bucket "capture-bucket" overlap on s3:ObjectCreated:Copy; S3 rejects overlapping rules. ' +
                        "Remediation: give the rules disjoint filterPrefix or filterSuffix values, or different event types.",
                },
            ],
        });
    });

    it("notifications on different buckets are independent", () => {
        const a = notification("a-notification", [{ lambdaFunctionArn: FORWARDER_ARN, events: ["s3:ObjectCreated:*"] }]);
        const b = notification("b-notification", [{ lambdaFunctionArn: FORWARDER_ARN, events: ["s3:ObjectCreated:*"] }], {
            bucket: "other-bucket",
        });
        assert.deepStrictEqual(run([a, b]), none);
    });

    it("uses topics too", () => {
        const n = synthResource("aws:s3/bucketNotification:BucketNotification", "n", {
            bucket: "capture-bucket",
            topics: [
                { topicArn: "arn:aws:sns:us-east-1:123456789012:t1", events: ["s3:ObjectRemoved:Delete"] },
                { topicArn: "arn:aws:sns:us-east-1:123456789012:t2", events: ["s3:ObjectRemoved:*"], filterSuffix: ".json" },
            ],
        });
        const outcome = run([n]);
        assert.deepStrictEqual(outcome.kind === "violations" ? outcome.violations.map((v) => v.message.split(";")[0]) : outcome, [
            'Notification rules n topics[0] (prefix "", suffix "") and n topics[1] (prefix "", suffix ".json") on bucket "capture-bucket" overlap on s3:ObjectRemoved:Delete',
        ]);
    });
});
