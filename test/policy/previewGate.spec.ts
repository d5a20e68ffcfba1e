/**
 * The pull-request gate is `pulumi preview --policy-pack policy` on stacks that may not exist
 * yet. Then every id, ARN, URL and hash-derived name is unknown, and a stack rule that reads one
 * stops with an advisory "can't run ... during preview" instead of checking anything. These tests
 * run the dev and prod fixture stacks as a new-stack preview (newStackPreview.ts) through the offline evaluator and
 * pin exactly which checks cannot run (the gaps documented in policy/README.md), and show that a
 * broken stack is still caught at preview.
 */
import * as assert from "assert";
import { evaluatePolicyPack, PolicyViolation } from "../../tools/synth/policy/offline";
import { SynthResource } from "../../tools/synth/policy/synthResource";
import { fixturePolicyConfig as packConfig } from "../support/fixtureStacks";
import { replaceResource } from "./fixtures";
import { withField } from "./harness";
import { previewNewStack } from "./newStackPreview";

const row = (v: PolicyViolation) => [v.enforcementLevel, v.policy, v.name, v.message];
const cantRun = (policy: string, unknown: string) =>
    `can't run policy '${policy}' during preview: string value at .${unknown} can't be known during preview`;

/** The checks that cannot run on a new stack, and why (see "Preview on a new stack" in policy/README.md). */
function documentedGaps(stack: string): (string | undefined)[][] {
    return [
        // Inline IAM documents built from ARNs of resources created in the same stack.
        ...[
            `arthur-churn-${stack}-policy`,
            `churn-batch-${stack}-execution-policy`,
            `churn-${stack}-execution-policy`,
            // dev only: the dataset's connector role, scoped to the capture bucket and key.
            ...(stack === "dev" ? ["dataset-arthur-engine-connector-policy"] : []),
            // dev only: the GPU endpoint's role, scoped to its models' artifacts.
            ...(stack === "dev" ? [`genai-${stack}-execution-policy`] : []),
        ].map((name) => ["advisory", "iam-no-wildcards", name, cantRun("iam-no-wildcards", "policy")]),
        // Bucket and topic policy documents are built from the bucket's or topic's ARN.
        ...[`capture-tls-only-policy`, `churn-batch-${stack}-io-tls-only-policy`].map((name) => [
            "advisory",
            "iam-no-wildcards",
            name,
            cantRun("iam-no-wildcards", "policy"),
        ]),
        ...["alarms-topic-policy", `churn-batch-${stack}-error-topic-policy`, `churn-batch-${stack}-success-topic-policy`].map((name) => [
            "advisory",
            "iam-no-wildcards",
            name,
            cantRun("iam-no-wildcards", "policy"),
        ]),
        // The TLS-only bucket policy document is built from the bucket's ARN (its encryption and public access checks run).
        ["advisory", "capture-bucket-encrypted-private-tls", stack, cantRun("capture-bucket-encrypted-private-tls", "policy")],
        // dev only: the dataset's rules read the same bucket policy, and the connector's document built from ARNs.
        ...(stack === "dev"
            ? ["dataset-connector-read-only", "dataset-encrypted"].map((rule) => ["advisory", rule, stack, cantRun(rule, "policy")])
            : []),
        // No forwarder-has-dlq note: CaptureForwarder passes one Output per environment variable, so the map is known.
    ];
}

describe("pulumi preview of a new stack (offline evaluator, engine semantics)", function () {
    this.timeout(60000);
    const previews = new Map<string, SynthResource[]>();
    before(async () => {
        for (const stack of ["dev", "prod"] as const) {
            previews.set(stack, await previewNewStack(stack));
        }
    });

    for (const stack of ["dev", "prod"] as const) {
        it(`${stack}: every rule runs except the documented gaps, and nothing is violated`, () => {
            const violations = evaluatePolicyPack(previews.get(stack)!, packConfig(stack), { stackName: stack });
            assert.deepStrictEqual(violations.map(row), documentedGaps(stack));
        });
    }

    it("prod: what the preview sees is unknown where the engine's would be (the joins cannot rely on names or ARNs)", () => {
        const resources = previews.get("prod")!;
        const outputs = (name: string) => resources.find((r) => r.name === name)!.outputs;
        assert.deepStrictEqual(
            [
                outputs("churn-prod-endpoint").endpointConfigName,
                outputs("churn-batch-prod-alarm-scale-from-zero-AllTraffic").alarmActions,
                outputs("churn-batch-prod-scaling-AllTraffic-from-zero").arn,
                outputs("capture-notifications-notification").bucket,
            ],
            [
                "04da6b54-80e4-46f7-96ec-b56ff0331ba9",
                ["04da6b54-80e4-46f7-96ec-b56ff0331ba9"],
                "04da6b54-80e4-46f7-96ec-b56ff0331ba9",
                "04da6b54-80e4-46f7-96ec-b56ff0331ba9",
            ],
        );
    });

    it("prod: the forwarder's environment is known variable by variable, only the queue URL is unknown", () => {
        const fn = previews.get("prod")!.find((r) => r.name === "arthur-churn-prod-function")!;
        assert.deepStrictEqual(fn.inputs.environment, {
            variables: {
                ARTHUR_HOST: "https://app.arthur.ai",
                ARTHUR_MODEL_ID: "2f7a9c41-6b3e-4d8a-b5c2-9e1f0a7d3c68",
                AUTH_SECRET_ARN: "arn:aws:secretsmanager:us-east-1:123456789012:secret:arthur-token-AbCdEf",
                DEAD_LETTER_QUEUE_URL: "04da6b54-80e4-46f7-96ec-b56ff0331ba9",
                IDEMPOTENCY_TABLE: "arthur-churn-prod-deliveries",
                SINK: "arthur",
            },
        });
    });

    it("prod: a forwarder without DEAD_LETTER_QUEUE_URL is caught at preview (the check no longer stops on the environment)", () => {
        const resources = replaceResource(previews.get("prod")!, "arthur-churn-prod-function", (r) => {
            const { DEAD_LETTER_QUEUE_URL: _dropped, ...variables } = r.inputs.environment.variables;
            return { ...r, inputs: { ...r.inputs, environment: { variables } }, outputs: { ...r.outputs, environment: { variables } } };
        });
        const found = evaluatePolicyPack(resources, packConfig("prod"), { stackName: "prod" }).filter(
            (v) => v.policy === "forwarder-has-dlq",
        );
        assert.deepStrictEqual(found.map(row), [
            [
                "mandatory",
                "forwarder-has-dlq",
                "arthur-churn-prod-function",
                'Capture forwarder "arthur-churn-prod" has no DEAD_LETTER_QUEUE_URL environment variable, so chunks it cannot deliver would be lost. ' +
                    "Remediation: set environment.variables.DEAD_LETTER_QUEUE_URL to the URL of an SQS dead-letter queue.",
            ],
        ]);
    });

    it("prod: a broken stack is still caught at preview, rule by rule", () => {
        let resources = previews
            .get("prod")!
            .filter(
                (r) =>
                    ![
                        "churn-batch-prod-alarm-approximate-backlog-size",
                        "churn-batch-prod-alarm-scale-from-zero-AllTraffic",
                        "capture-public-access-block",
                    ].includes(r.name),
            );
        const change = (name: string, field: string, value: unknown) =>
            (resources = replaceResource(resources, name, (r) => ({
                ...r,
                inputs: withField(r.inputs, field, value),
                outputs: withField(r.outputs, field, value),
            })));
        change("churn-batch-prod-alarm-approximate-age-of-oldest-request", "dimensions.VariantName", "AllTraffic");
        change("arthur-churn-prod-dead-letters", "kmsMasterKeyId", "");
        change("churn-prod-config", "productionVariants[0].initialInstanceCount", 1);
        const mandatory = evaluatePolicyPack(resources, packConfig("prod"), { stackName: "prod" })
            .filter((v) => v.enforcementLevel === "mandatory")
            .map((v) => [v.policy, v.name, v.message.split(" Remediation:")[0]]);
        assert.deepStrictEqual(mandatory, [
            [
                "async-endpoint-backlog-alarms",
                "churn-batch-prod-endpoint",
                'Async endpoint "churn-batch-prod" has no MetricAlarm on AWS/SageMaker ApproximateBacklogSize with dimension EndpointName=churn-batch-prod.',
            ],
            [
                "async-endpoint-backlog-alarms",
                "churn-batch-prod-endpoint",
                'Scalable target endpoint/churn-batch-prod/variant/AllTraffic of async endpoint "churn-batch-prod" has minCapacity 0 but no MetricAlarm on AWS/SageMaker HasBacklogWithoutCapacity (EndpointName=churn-batch-prod) whose alarmActions trigger its StepScaling policy.',
            ],
            [
                "min-instance-count",
                "churn-prod-config",
                'Endpoint config resource "churn-prod-config" of RealtimeEndpoint "churn-prod": productionVariants[0].initialInstanceCount of variant "AllTraffic" is 1, below the required minimum of 2.',
            ],
            [
                "alarm-dimensions-match-endpoint",
                "churn-batch-prod-alarm-approximate-age-of-oldest-request",
                'Alarm metric (AWS/SageMaker ApproximateAgeOfOldestRequest) on endpoint "churn-batch-prod" has dimensions EndpointName, VariantName, but SageMaker publishes ApproximateAgeOfOldestRequest with EndpointName only, so the alarm never receives data.',
            ],
            [
                "capture-bucket-encrypted-private-tls",
                "capture-bucket",
                'Bucket resource "capture-bucket" (written by churn-batch-prod-config dataCaptureConfig, churn-prod-config dataCaptureConfig) has no BucketPublicAccessBlock with blockPublicAcls, blockPublicPolicy, ignorePublicAcls, restrictPublicBuckets all true.',
            ],
            [
                "forwarder-has-dlq",
                "arthur-churn-prod-dead-letters",
                'SQS queue arthur-churn-prod-dead-letters, the DEAD_LETTER_QUEUE_URL dead-letter queue of capture forwarder "arthur-churn-prod", has no kmsMasterKeyId, so the captured payloads it holds are not encrypted with a KMS key.',
            ],
        ]);
    });
});
