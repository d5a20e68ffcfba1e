import * as assert from "assert";
import * as pulumi from "@pulumi/pulumi";
import { loadStackConfig, pulumiConfigSource } from "../../program/loadStackConfig";
import { STACK_CONFIG_KEYS } from "../../program/schema";
import { readProject } from "../../tools/synth/stackFile";
import { configOf, configProblems, NAMESPACE } from "../support/stackConfig";
import { ROOT } from "../support/synthCli";

const IMAGE = "683313688378.dkr.ecr.us-east-1.amazonaws.com/sagemaker-xgboost:1.7-1";
const endpoint = { name: "churn", model: { image: IMAGE }, instanceType: "ml.m5.large" };
const TOP_LEVEL_KEYS = "endpoints, captureBucket, notifications, network, tags, forwarders, dataset, gpuCatalogue";

describe("stack config: every problem of a file, in one pass", () => {
    it("a file with three faults of three kinds gets exactly three problems", () => {
        assert.deepStrictEqual(
            configProblems({
                endpoints: [endpoint],
                network: { mode: "vpc" },
                notifications: { emails: "oncall@example.com" },
                alarmEmails: ["oncall@example.com"],
            }),
            [
                { propertyPath: `${NAMESPACE}:notifications.emails`, reason: 'must be a list of strings (got "oncall@example.com")' },
                { propertyPath: `${NAMESPACE}:network.mode`, reason: 'must be one of "none", "create", "existing" (got "vpc")' },
                { propertyPath: `${NAMESPACE}:alarmEmails`, reason: `is not a known property (known: ${TOP_LEVEL_KEYS})` },
            ],
        );
    });

    it("a value the file leaves out reads 'is required' with the component's rule, not '(got undefined)'", () => {
        assert.deepStrictEqual(
            configProblems({
                endpoints: [
                    {
                        name: "gen",
                        kind: "inference-components",
                        instanceType: "ml.g5.xlarge",
                        inferenceComponents: [{ name: "a", model: { image: IMAGE } }],
                    },
                ],
            }),
            [{ propertyPath: `${NAMESPACE}:endpoints[0].inferenceComponents[0].minMemoryMb`, reason: "is required: an integer >= 128" }],
        );
    });

    it("a misspelled top-level key read through pulumi.runtime.allConfig gets the closest known key", () => {
        const before = pulumi.runtime.allConfig();
        try {
            pulumi.runtime.setAllConfig(
                { ...configOf({ endpoints: [endpoint], captureBuckt: { prefix: "capture" } }), "aws:region": "us-east-1" },
                [],
            );
            assert.throws(
                () => loadStackConfig(pulumiConfigSource, NAMESPACE),
                (error: pulumi.InputPropertiesError) => {
                    assert.deepStrictEqual(error.errors, [
                        {
                            propertyPath: `${NAMESPACE}:captureBuckt`,
                            reason: `is not a known property; did you mean "captureBucket"? (known: ${TOP_LEVEL_KEYS})`,
                        },
                    ]);
                    return true;
                },
            );
        } finally {
            pulumi.runtime.setAllConfig(before, []);
        }
    });

    it("a misspelled key in a nested object gets the closest key of that object", () => {
        assert.deepStrictEqual(configProblems({ endpoints: [{ ...endpoint, dataCapture: { samplingPercentag: 50 } }] }), [
            {
                propertyPath: `${NAMESPACE}:endpoints[0].dataCapture.samplingPercentag`,
                reason: 'is not a known property; did you mean "samplingPercentage"? (known: enabled, samplingPercentage, captureModes, csvContentTypes, jsonContentTypes)',
            },
        ]);
    });

    it("a value of the wrong shape does not stop the value rules of the rest, nor crash them", () => {
        assert.deepStrictEqual(
            configProblems({
                endpoints: [{ ...endpoint, variants: ["blue", { name: "green", weight: 2000 }] }],
                forwarders: [{ name: "f", endpoints: "churn", sink: { kind: "http", url: "http://example.com" } }],
            }),
            [
                { propertyPath: `${NAMESPACE}:endpoints[0].variants[0]`, reason: 'must be a variant (got "blue")' },
                { propertyPath: `${NAMESPACE}:forwarders[0].endpoints`, reason: 'must be a list of strings (got "churn")' },
                { propertyPath: `${NAMESPACE}:endpoints[0].variants[1].weight`, reason: "must be a number from 0 to 1000 (got 2000)" },
                {
                    propertyPath: `${NAMESPACE}:forwarders[0].sink.url`,
                    reason: 'must use https (plain http is allowed only to 127.0.0.1/localhost), got "http://example.com" (environment variable HTTP_URL)',
                },
            ],
        );
    });

    it("refuses async-only keys on a real-time entry whose other keys are refused too", () => {
        assert.deepStrictEqual(configProblems({ endpoints: [{ ...endpoint, instanceCount: "two", scaling: { minCapacity: 0 } }] }), [
            { propertyPath: `${NAMESPACE}:endpoints[0].instanceCount`, reason: 'must be a number (got "two")' },
            {
                propertyPath: `${NAMESPACE}:endpoints[0].scaling`,
                reason: 'is only valid with kind: async (this endpoint\'s kind is "realtime")',
            },
        ]);
    });

    it("words zod's refusals as the components word theirs: what the value must be, and what it is", () => {
        assert.deepStrictEqual(
            [
                configProblems({ endpoints: [] }),
                configProblems({ endpoints: [endpoint], network: {} }),
                configProblems({ endpoints: [{ ...endpoint, kind: "async", alarms: { maxBacklogSize: "50" } }] }),
                configProblems({ endpoints: [{ ...endpoint, model: "churn:latest" }] }),
            ],
            [
                [{ propertyPath: `${NAMESPACE}:endpoints`, reason: "must be a list of 1 or more endpoints (got [])" }],
                [{ propertyPath: `${NAMESPACE}:network.mode`, reason: 'is required: one of "none", "create", "existing"' }],
                [
                    {
                        propertyPath: `${NAMESPACE}:endpoints[0].alarms.maxBacklogSize`,
                        reason: 'must be a number or false or an object (critical, warning) (got "50")',
                    },
                ],
                [
                    {
                        propertyPath: `${NAMESPACE}:endpoints[0].model`,
                        reason: 'must be an object (image, modelDataUrl, modelDataKmsKeyArn, environment) (got "churn:latest")',
                    },
                ],
            ],
        );
    });

    it("names the content type that is too long, not the whole list", () => {
        const long = `application/${"x".repeat(250)}`;
        assert.deepStrictEqual(configProblems({ endpoints: [{ ...endpoint, dataCapture: { csvContentTypes: ["text/csv", long] } }] }), [
            {
                propertyPath: `${NAMESPACE}:endpoints[0].dataCapture.csvContentTypes[1]`,
                reason: `must be at most 256 characters (got 262: "${long}")`,
            },
        ]);
    });

    it("a forwarder naming endpoints of a stack whose endpoints are all invalid gets no empty 'one of'", () => {
        assert.deepStrictEqual(
            configProblems({
                endpoints: [{ model: { image: IMAGE }, instanceType: "ml.m5.large" }],
                forwarders: [
                    { name: "f", endpoints: ["churn"], sink: { kind: "http", url: "https://example.com" }, allowedHosts: ["example.com"] },
                ],
            }),
            [{ propertyPath: `${NAMESPACE}:endpoints[0].name`, reason: "is required: a string" }],
        );
    });

    it("an entry without a valid name still has its other values checked, under no stand-in name", () => {
        assert.deepStrictEqual(
            configProblems({
                endpoints: [
                    { ...endpoint, name: undefined, instanceCount: 0 },
                    { ...endpoint, name: 7, kind: "async", dataCapture: { samplingPercentage: 101 } },
                    {
                        kind: "inference-components",
                        instanceType: "ml.g5.xlarge",
                        inferenceComponents: [{ name: "a", model: { image: IMAGE }, minMemoryMb: 1024, copyCount: 0 }],
                    },
                ],
                forwarders: [{ sink: { kind: "http", url: "http://example.com" } }],
            }),
            [
                { propertyPath: `${NAMESPACE}:endpoints[0].name`, reason: "is required: a string" },
                { propertyPath: `${NAMESPACE}:endpoints[1].name`, reason: "must be a string (got 7)" },
                { propertyPath: `${NAMESPACE}:endpoints[2].name`, reason: "is required: a string" },
                { propertyPath: `${NAMESPACE}:forwarders[0].name`, reason: "is required: a string" },
                { propertyPath: `${NAMESPACE}:endpoints[0].instanceCount`, reason: "must be an integer >= 1 (got 0)" },
                {
                    propertyPath: `${NAMESPACE}:endpoints[1].dataCapture.samplingPercentage`,
                    reason: "must be an integer from 0 to 100 (got 101)",
                },
                { propertyPath: `${NAMESPACE}:endpoints[2].inferenceComponents[0].copyCount`, reason: "must be an integer >= 1 (got 0)" },
                {
                    propertyPath: `${NAMESPACE}:forwarders[0].sink.url`,
                    reason: 'must use https (plain http is allowed only to 127.0.0.1/localhost), got "http://example.com" (environment variable HTTP_URL)',
                },
            ],
        );
    });

    it("refuses a region that only looks like one, in an ARN and in the GPU catalogue, at their stack-file paths", () => {
        const key = "arn:aws:kms:us-west-9:123456789012:key/0b5e8f3a-9c1d-4e2f-8a7b-6c5d4e3f2a1b";
        assert.deepStrictEqual(
            configProblems({
                endpoints: [{ ...endpoint, volumeKmsKeyArn: key }],
                gpuCatalogue: { "ml.g7.xlarge": { gpus: 1, hourlyUsd: { "eu-west-9": 1.5 } } },
            }),
            [
                {
                    propertyPath: `${NAMESPACE}:gpuCatalogue["ml.g7.xlarge"].hourlyUsd["eu-west-9"]`,
                    reason:
                        "must be an AWS region: a region of partition aws, e.g. us-east-1, eu-west-1 (36 regions); or a region of partition aws-cn: cn-north-1, cn-northwest-1; or a region of partition aws-us-gov: us-gov-east-1, us-gov-west-1" +
                        ' (got "eu-west-9")',
                },
                {
                    propertyPath: `${NAMESPACE}:endpoints[0].volumeKmsKeyArn`,
                    reason:
                        'must be a KMS key ARN arn:aws:kms:<region>:<account>:key/<key id>, but its region "us-west-9" is not a region of partition aws, e.g. us-east-1, eu-west-1 (36 regions)' +
                        ` (got "${key}")`,
                },
            ],
        );
    });

    it("reads only the project's namespace, and knows exactly the keys Pulumi.yaml declares", () => {
        assert.deepStrictEqual(
            loadStackConfig(
                () => ({ ...configOf({ endpoints: [endpoint] }), "aws:region": "us-east-1", "other:endpoints": "x" }),
                NAMESPACE,
            ).endpoints,
            [{ ...endpoint, kind: "realtime" }],
        );
        // Every key but the required `endpoints`: the Pulumi CLI would refuse a missing declared key before the program runs.
        assert.deepStrictEqual(
            Object.keys(readProject(ROOT).config).sort(),
            STACK_CONFIG_KEYS.filter((key) => key !== "endpoints")
                .map((key) => `${NAMESPACE}:${key}`)
                .sort(),
        );
        // A declared key without a default would stop the CLI before the program reports the file's other faults.
        assert.deepStrictEqual(
            Object.entries(readProject(ROOT).config).filter(([, declaration]) => !("default" in declaration)),
            [],
        );
    });

    it("a missing endpoints key read through pulumi.runtime.allConfig comes with the file's other problems", () => {
        const before = pulumi.runtime.allConfig();
        try {
            pulumi.runtime.setAllConfig(
                {
                    ...configOf({ tags: { team: "ml", "aws:owner": "me" }, captureBucket: { expirationDays: 0, forceDestroy: "yes" } }),
                    "aws:region": "us-east-1",
                },
                [],
            );
            assert.throws(
                () => loadStackConfig(pulumiConfigSource, NAMESPACE),
                (error: pulumi.InputPropertiesError) => {
                    assert.deepStrictEqual(error.errors, [
                        { propertyPath: `${NAMESPACE}:endpoints`, reason: "is required: a list of 1 or more endpoints" },
                        { propertyPath: `${NAMESPACE}:captureBucket.forceDestroy`, reason: 'must be true or false (got "yes")' },
                        {
                            propertyPath: `${NAMESPACE}:tags.aws:owner`,
                            reason: 'tag key must not start with the reserved prefix "aws:" (got "aws:owner")',
                        },
                        { propertyPath: `${NAMESPACE}:captureBucket.expirationDays`, reason: "must be an integer from 1 to 36500 (got 0)" },
                    ]);
                    return true;
                },
            );
        } finally {
            pulumi.runtime.setAllConfig(before, []);
        }
    });
});
