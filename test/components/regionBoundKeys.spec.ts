import * as assert from "assert";
import * as pulumi from "@pulumi/pulumi";
import { kmsKeyArnInRegion } from "../../domain/arn";
import { RealtimeEndpoint, RealtimeEndpointArgs } from "../../components/realtimeEndpoint/RealtimeEndpoint";
import { loadStackConfig } from "../../program/loadStackConfig";
import { configOf, NAMESPACE } from "../support/stackConfig";
import { declared } from "../support/pulumiMocks";

const KEY_ID = "0b5e8f3a-9c1d-4e2f-8a7b-6c5d4e3f2a1b";
const key = (region: string) => `arn:aws:kms:${region}:123456789012:key/${KEY_ID}`;
const IMAGE = "683313688378.dkr.ecr.us-east-1.amazonaws.com/sagemaker-xgboost:1.7-1";
const elsewhere = (region: string, keyRegion: string) =>
    `must be a KMS key in ${region}, the region the resources using it deploy to (AWS uses a key only in its own region; for a multi-Region key give its ${region} replica), but its region is ${keyRegion} (got "${key(keyRegion)}")`;

/** The problems a us-east-1 stack file is refused with. */
function stackProblems(values: Record<string, unknown>): { propertyPath: string; reason: string }[] {
    try {
        loadStackConfig(() => ({ ...configOf(values), "aws:region": "us-east-1" }), NAMESPACE);
    } catch (error: any) {
        return error.errors;
    }
    return [];
}

describe("KMS keys bound to the deployment's region", () => {
    it("the rule: a key of the region passes; another region's is refused naming both; a malformed ARN gets the ARN rule", () => {
        const rule = kmsKeyArnInRegion("us-east-1");
        assert.deepStrictEqual([key("us-east-1"), key("eu-west-1"), "arn:aws:kms:us-east-1:123456789012:alias/x"].map(rule), [
            undefined,
            elsewhere("us-east-1", "eu-west-1"),
            'must be a KMS key ARN arn:aws:kms:<region>:<account>:key/<key id>, but it names an alias: give the key\'s own ARN, since IAM policies grant on key ARNs, never on alias ARNs (got "arn:aws:kms:us-east-1:123456789012:alias/x")',
        ]);
    });

    it("a us-east-1 stack file refuses keys of other regions at their stack-file paths, before any resource", () => {
        const endpoint = { name: "churn", model: { image: IMAGE, modelDataKmsKeyArn: key("eu-west-1") }, instanceType: "ml.m5.large" };
        assert.deepStrictEqual(
            stackProblems({
                captureBucket: { existing: { bucketName: "shared-capture", kmsKeyArn: key("eu-west-2") } },
                endpoints: [
                    { ...endpoint, volumeKmsKeyArn: key("eu-west-1"), logs: { kmsKeyArn: key("ap-south-1") } },
                    {
                        ...endpoint,
                        name: "scorer",
                        kind: "async",
                        model: { image: IMAGE },
                        async: {
                            existingLocations: {
                                inputPrefix: "s3://async-input/x/",
                                outputPath: "s3://async-output/x/",
                                failurePath: "s3://async-output/f/",
                                kmsKeyArn: key("us-west-2"),
                            },
                        },
                    },
                    {
                        name: "genai",
                        kind: "inference-components",
                        instanceType: "ml.g5.12xlarge",
                        inferenceComponents: [
                            {
                                name: "summarizer",
                                model: { image: IMAGE, modelDataKmsKeyArn: key("us-east-1") },
                                acceleratorDevices: 1,
                                minMemoryMb: 4096,
                            },
                            {
                                name: "embedder",
                                model: { image: IMAGE, modelDataKmsKeyArn: key("eu-central-1") },
                                acceleratorDevices: 1,
                                minMemoryMb: 4096,
                            },
                        ],
                    },
                ],
            }),
            [
                { propertyPath: `${NAMESPACE}:captureBucket.existing.kmsKeyArn`, reason: elsewhere("us-east-1", "eu-west-2") },
                { propertyPath: `${NAMESPACE}:endpoints[0].volumeKmsKeyArn`, reason: elsewhere("us-east-1", "eu-west-1") },
                { propertyPath: `${NAMESPACE}:endpoints[0].logs.kmsKeyArn`, reason: elsewhere("us-east-1", "ap-south-1") },
                { propertyPath: `${NAMESPACE}:endpoints[0].model.modelDataKmsKeyArn`, reason: elsewhere("us-east-1", "eu-west-1") },
                {
                    propertyPath: `${NAMESPACE}:endpoints[1].async.existingLocations.kmsKeyArn`,
                    reason: elsewhere("us-east-1", "us-west-2"),
                },
                {
                    propertyPath: `${NAMESPACE}:endpoints[2].inferenceComponents[1].model.modelDataKmsKeyArn`,
                    reason: elsewhere("us-east-1", "eu-central-1"),
                },
            ],
        );
    });

    it("the same keys in the stack's region pass", () => {
        const endpoint = { name: "churn", model: { image: IMAGE, modelDataKmsKeyArn: key("us-east-1") }, instanceType: "ml.m5.large" };
        assert.deepStrictEqual(
            stackProblems({ endpoints: [{ ...endpoint, volumeKmsKeyArn: key("us-east-1"), logs: { kmsKeyArn: key("us-east-1") } }] }),
            [],
        );
    });

    it("a component call checks against the provider's region at deploy, Outputs included, at the component's paths", async () => {
        const args: RealtimeEndpointArgs = {
            model: { image: IMAGE },
            instanceType: "ml.m5.large",
            captureDestination: { bucketName: "capture-bucket", prefix: "datacapture", kmsKeyArn: key("us-east-1") },
            alarmTopicArn: "arn:aws:sns:us-east-1:123456789012:alarms",
            volumeKmsKeyArn: key("eu-west-1"),
            logs: { kmsKeyArn: pulumi.output(key("ap-south-1")) },
        };
        await assert.rejects(
            declared(() => new RealtimeEndpoint("churn", args)),
            (error: any) => {
                // The engine reports the component's InputPropertiesError by its message: one line per path.
                assert.strictEqual(
                    error.message,
                    [
                        'RealtimeEndpoint "churn": 2 invalid inputs:',
                        `  - volumeKmsKeyArn: ${elsewhere("us-east-1", "eu-west-1")}`,
                        `  - logs.kmsKeyArn: ${elsewhere("us-east-1", "ap-south-1")}`,
                    ].join("\n"),
                );
                return true;
            },
        );
    });
});
