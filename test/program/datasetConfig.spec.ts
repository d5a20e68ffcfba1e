import * as assert from "assert";
import { defaultDatabaseName } from "../../program/datasetEntries";
import { configProblems, loadConfig, NAMESPACE } from "../support/stackConfig";

const IMAGE = "683313688378.dkr.ecr.us-east-1.amazonaws.com/sagemaker-xgboost:1.7-1";
const endpoint = (name: string, more: Record<string, unknown> = {}) => ({
    name,
    model: { image: IMAGE },
    instanceType: "ml.m5.large",
    ...more,
});
const FEATURES = { inputs: [{ name: "age", type: "double" }], outputs: [{ name: "score", type: "double" }] };
const writer = (more: Record<string, unknown> = {}) => ({ name: "writer", endpoints: ["churn"], dataset: true, ...more });
/** Each problem as `path: reason`, its path in the project's namespace (checked, then left out for brevity). */
const at = (problems: { propertyPath: string; reason: string }[]) =>
    problems.map((p) => {
        assert.ok(p.propertyPath.startsWith(`${NAMESPACE}:`), p.propertyPath);
        return `${p.propertyPath.slice(NAMESPACE.length + 1)}: ${p.reason}`;
    });

describe("stack config: the capture dataset", () => {
    it("accepts features, a dataset forwarder without a sink, connectors and a workgroup", () => {
        const config = loadConfig({
            endpoints: [endpoint("churn", { features: FEATURES })],
            forwarders: [writer()],
            dataset: {
                athenaWorkgroup: { name: "ml" },
                connectors: [
                    { name: "arthur", principalArn: "arn:aws:iam::210987654321:root", externalId: "ext-1234", listBucketRoot: true },
                ],
            },
        });
        assert.deepStrictEqual(config.dataset?.connectors?.[0].listBucketRoot, true);
        assert.deepStrictEqual(config.endpoints[0].features, FEATURES);
        assert.deepStrictEqual(config.forwarders, [writer()]);
    });

    it("names every bad dataset value at its stack-file path, all at once", () => {
        assert.deepStrictEqual(
            at(
                configProblems({
                    endpoints: [
                        endpoint("churn", {
                            features: {
                                inputs: [
                                    { name: "age", type: "double" },
                                    { name: "age", type: "integer" },
                                ],
                                outputs: [{ name: "endpoint", type: "double" }],
                            },
                        }),
                        endpoint("other", { features: FEATURES }),
                    ],
                    forwarders: [writer()],
                    captureBucket: { prefix: "data" },
                    dataset: {
                        prefix: "data/set",
                        databaseName: "Bad-Name",
                        connectors: [
                            {
                                name: "arthur",
                                principalArn: "arn:aws:sts::210987654321:assumed-role/x/y",
                                externalId: "a",
                                listBucketRoot: "yes",
                            },
                        ],
                    },
                }),
            ),
            [
                'dataset.connectors[0].listBucketRoot: must be true or false (got "yes")',
                'dataset.prefix: must not overlap the capture prefix "data" (got "data/set"): forwarders are triggered on capture keys, so a dataset written there would be read again by its own forwarder (an S3 notification loop)',
                'dataset.databaseName: must be a Glue database name: 1-255 characters of a-z 0-9 _ (got "Bad-Name")',
                'dataset.connectors[0].principalArn: must be an IAM principal (account root, role or user) ARN arn:aws:iam::<account>:root | role/<name> | user/<name>, but its service is "sts", not iam (got "arn:aws:sts::210987654321:assumed-role/x/y")',
                'dataset.connectors[0].externalId: must be 2-1224 characters of letters, digits and + = , . @ : / - _ (STS\'s external ID pattern) (got "a")',
                'endpoints[0].features.inputs[1].name: duplicate feature name "age" (also inputs[0].name); names are unique across inputs and outputs',
                'endpoints[0].features.outputs[0].name: "endpoint" is a column every row has; reserved: partner_inference_id, event_id, inference_id, endpoint, variant, inference_time, custom_attributes, input, output, dt, hour',
                'endpoints[1].features: are declared, but no forwarder with `dataset: true` forwards endpoint "other": its features would never become columns; set `dataset: true` on a forwarder of it, or remove them',
            ],
        );
    });

    it("refuses an unknown feature type with the allowed ones", () => {
        assert.deepStrictEqual(
            at(
                configProblems({
                    endpoints: [endpoint("churn", { features: { inputs: [{ name: "age", type: "float" }] } })],
                    forwarders: [writer()],
                }),
            ),
            ['endpoints[0].features.inputs[0].type: must be one of "string", "integer", "double", "boolean" (got "float")'],
        );
    });

    it("refuses a forwarder with neither sink nor dataset, and dataset settings nothing writes", () => {
        assert.deepStrictEqual(
            at(
                configProblems({
                    endpoints: [endpoint("churn")],
                    forwarders: [{ name: "writer" }],
                    dataset: { prefix: "ds" },
                }),
            ),
            [
                "forwarders[0].sink: must be set unless the forwarder writes the dataset: give `sink`, `dataset` or both",
                "dataset: is set, but no forwarder writes the dataset: set `dataset: true` on a forwarder, or remove it",
            ],
        );
    });

    it("checks the values of a dataset section nothing writes, besides saying nothing writes it", () => {
        assert.deepStrictEqual(
            at(
                configProblems({
                    endpoints: [endpoint("churn")],
                    forwarders: [{ name: "relay", sink: { kind: "http", url: "https://example.com" }, allowedHosts: ["example.com"] }],
                    dataset: {
                        expirationDays: 0,
                        athenaWorkgroup: { name: "ml wg" },
                        connectors: [{ name: "arthur", principalArn: "arn:aws:iam:us-east-1:210987654321:root", externalId: "ext-1234" }],
                    },
                }),
            ),
            [
                "dataset: is set, but no forwarder writes the dataset: set `dataset: true` on a forwarder, or remove it",
                "dataset.expirationDays: must be an integer from 1 to 36500 (got 0)",
                'dataset.athenaWorkgroup.name: must be 1-128 characters of A-Z a-z 0-9 . _ - (got "ml wg")',
                'dataset.connectors[0].principalArn: must be an IAM principal (account root, role or user) ARN arn:aws:iam::<account>:root | role/<name> | user/<name>, but it has a region ("us-east-1"), and iam ARNs have none (got "arn:aws:iam:us-east-1:210987654321:root")',
            ],
        );
    });

    it("leaves a dataset section nothing writes and nothing sets unchecked: the defaults overlap nothing that is not used", () => {
        assert.deepStrictEqual(
            loadConfig({ endpoints: [endpoint("churn")], captureBucket: { prefix: "dataset" } }).captureBucket.prefix,
            "dataset",
        );
    });

    it("names the default Glue database after the project and stack", () => {
        assert.strictEqual(defaultDatabaseName("sagemaker-monitoring", "Dev.EU"), "sagemaker_monitoring_dev_eu");
    });
});
