import * as assert from "assert";
import { configProblems, loadConfig } from "../support/stackConfig";

const IMAGE = "683313688378.dkr.ecr.us-east-1.amazonaws.com/sagemaker-xgboost:1.7-1";

const ENTRY_KEYS =
    "name, kind, model, instanceType, instanceCount, variants, dataCapture, metrics, executionRoleArn, volumeKmsKeyArn, networkIsolation, logs, tags, dashboard, features, async, scaling, alarms, autoRollback, smoke";

const load = loadConfig;
const problems = configProblems;

describe("stack config", () => {
    it("applies defaults", () => {
        assert.deepStrictEqual(load({ endpoints: [{ name: "e", model: { image: IMAGE }, instanceType: "ml.m5.large" }] }), {
            endpoints: [{ name: "e", kind: "realtime", model: { image: IMAGE }, instanceType: "ml.m5.large" }],
            captureBucket: {},
            notifications: {},
            network: { mode: "none" },
            tags: {},
            dataset: {},
        });
    });

    it("names all four problems of the issue with stack-file paths", () => {
        assert.deepStrictEqual(
            problems({
                endpoints: [
                    {
                        name: "churn_dev",
                        model: { image: IMAGE },
                        instanceType: "ml.m5.large",
                        instanceCount: 0,
                        dataCapture: { samplingPercentage: 101 },
                        metrics: { publishFrequencySeconds: 15 },
                    },
                ],
            }).map((e: any) => e.propertyPath),
            [
                "sagemaker-monitoring:endpoints[0].metrics.publishFrequencySeconds",
                "sagemaker-monitoring:endpoints[0].name",
                "sagemaker-monitoring:endpoints[0].instanceCount",
                "sagemaker-monitoring:endpoints[0].dataCapture.samplingPercentage",
            ],
        );
    });

    it("reports shape and value problems across keys together", () => {
        assert.deepStrictEqual(
            problems({
                endpoints: [
                    { name: "a", model: { image: IMAGE }, instanceType: "ml.m5.large", samplingPercentage: 100 },
                    { name: "a", model: { image: IMAGE }, instanceType: "ml.m5.large", instanceCount: "two" },
                ],
                network: { mode: "existing", subnetIds: [], securityGroupIds: ["sg-0123456789abcdef0"] },
                captureBucket: { expirationDays: 0 },
                tags: { "aws:x": "y" },
            }),
            [
                {
                    propertyPath: "sagemaker-monitoring:endpoints[0].samplingPercentage",
                    reason: `is not a known property (known: ${ENTRY_KEYS})`,
                },
                {
                    propertyPath: "sagemaker-monitoring:endpoints[1].instanceCount",
                    reason: 'must be a number (got "two")',
                },
                {
                    propertyPath: "sagemaker-monitoring:tags.aws:x",
                    reason: 'tag key must not start with the reserved prefix "aws:" (got "aws:x")',
                },
                { propertyPath: "sagemaker-monitoring:captureBucket.expirationDays", reason: "must be an integer from 1 to 36500 (got 0)" },
                { propertyPath: "sagemaker-monitoring:network.subnetIds", reason: "must list 1-16 IDs" },
                {
                    propertyPath: "sagemaker-monitoring:endpoints[1].name",
                    reason: 'must be unique in the stack ("a" is also endpoints[0].name)',
                },
            ],
        );
    });

    it("requires at least one endpoint", () => {
        assert.deepStrictEqual(problems({}), [
            { propertyPath: "sagemaker-monitoring:endpoints", reason: "is required: a list of 1 or more endpoints" },
        ]);
    });
});
