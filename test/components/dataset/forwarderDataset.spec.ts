import * as assert from "assert";
import * as pulumi from "@pulumi/pulumi";
import { CaptureForwarder, CaptureForwarderArgs } from "../../../components/captureForwarder/CaptureForwarder";
import {
    datasetSchemasFile,
    forwarderBundle,
    forwarderCodeArchive,
    forwarderSourceCodeHash,
} from "../../../components/captureForwarder/forwarderCode";
import { lambdaSourceCodeHash } from "../../../components/captureForwarder/bundleLambda";
import { DATASET_SCHEMAS_FILE, FeatureSchema } from "../../../domain/dataset/featureSchema";
import { declared, resource } from "../../support/pulumiMocks";

const CAPTURE_KEY = "arn:aws:kms:us-east-1:123456789012:key/e0000002-0000-4000-8000-000000000002";
const ALARMS = "arn:aws:sns:us-east-1:123456789012:alarms";
const CHURN: FeatureSchema = {
    inputs: [{ name: "tenure_years", type: "double" }],
    outputs: [{ name: "churn_probability", type: "double" }],
};
const dataset = (prefix = "dataset") => ({
    bucketName: "capture-bucket",
    kmsKeyArn: CAPTURE_KEY,
    prefix,
    schemas: { churn: CHURN, other: {} },
});
const baseArgs: CaptureForwarderArgs = {
    capture: { bucketName: "capture-bucket", prefix: "datacapture", kmsKeyArn: CAPTURE_KEY },
    endpointNames: ["churn"],
    alarmTopicArn: ALARMS,
    dataset: dataset(),
};

const problemsOf = (args: CaptureForwarderArgs) => {
    try {
        new CaptureForwarder("writer", args);
    } catch (error: any) {
        return error.errors.map((e: any) => `${e.propertyPath}: ${e.reason}`);
    }
    return [];
};

describe("CaptureForwarder writing the dataset", () => {
    it("writes DATASET_BUCKET and DATASET_PREFIX and no SINK when it only writes the dataset", async () => {
        const resources = await declared(() => new CaptureForwarder("writer", baseArgs));
        const fn = resource(resources, "aws:lambda/function:Function", "writer-function");
        assert.deepStrictEqual(fn.inputs.environment.variables, {
            DATASET_BUCKET: "capture-bucket",
            DATASET_PREFIX: "dataset",
            DEAD_LETTER_QUEUE_URL: "https://sqs.us-east-1.amazonaws.com/123456789012/writer-dead-letters",
            IDEMPOTENCY_TABLE: "writer-deliveries",
        });
        assert.strictEqual(fn.inputs.description, "Forwards SageMaker Data Capture files to the capture dataset (sagemaker-monitoring)");
        assert.strictEqual(fn.inputs.sourceCodeHash, forwarderSourceCodeHash({ churn: CHURN }));
    });

    it("may write exactly its endpoints' dataset prefixes, encrypting with the dataset key", async () => {
        const resources = await declared(() => new CaptureForwarder("writer", baseArgs));
        const policy = JSON.parse(resource(resources, "aws:iam/rolePolicy:RolePolicy", "writer-policy").inputs.policy);
        assert.deepStrictEqual(policy.Statement.slice(2, 4), [
            {
                Sid: "WriteDatasetFiles",
                Effect: "Allow",
                Action: ["s3:AbortMultipartUpload", "s3:PutObject"],
                Resource: ["arn:aws:s3:::capture-bucket/dataset/churn/*"],
            },
            { Sid: "EncryptDatasetFiles", Effect: "Allow", Action: ["kms:Decrypt", "kms:GenerateDataKey"], Resource: [CAPTURE_KEY] },
        ]);
        assert.strictEqual(
            resource(resources, "aws:iam/role:Role", "writer-role").inputs.description,
            "Execution role of capture forwarder writer: reads its capture prefixes, writes its queues, table, logs and dataset files",
        );
    });

    it("writes the whole dataset prefix when it forwards every endpoint, beside an arthur sink", async () => {
        const resources = await declared(
            () =>
                new CaptureForwarder("writer", {
                    ...baseArgs,
                    endpointNames: undefined,
                    sink: { kind: "arthur", host: "https://app.arthur.ai", modelId: "m1" },
                }),
        );
        const fn = resource(resources, "aws:lambda/function:Function", "writer-function");
        assert.strictEqual(fn.inputs.environment.variables.SINK, "arthur");
        assert.strictEqual(fn.inputs.environment.variables.DATASET_PREFIX, "dataset");
        assert.strictEqual(
            fn.inputs.description,
            "Forwards SageMaker Data Capture files to the arthur sink and the capture dataset (sagemaker-monitoring)",
        );
        assert.strictEqual(fn.inputs.sourceCodeHash, forwarderSourceCodeHash({ churn: CHURN, other: {} }));
        const policy = JSON.parse(resource(resources, "aws:iam/rolePolicy:RolePolicy", "writer-policy").inputs.policy);
        assert.deepStrictEqual(policy.Statement[2].Resource, ["arn:aws:s3:::capture-bucket/dataset/*"]);
    });

    it("ships its endpoints' feature schemas beside index.js, in the code hash", async () => {
        const assets = await forwarderCodeArchive({ churn: CHURN }).assets;
        assert.deepStrictEqual(Object.keys(assets).sort(), [DATASET_SCHEMAS_FILE, "index.js"]);
        assert.strictEqual(DATASET_SCHEMAS_FILE, "dataset-schemas.json");
        const file = await (assets[DATASET_SCHEMAS_FILE] as pulumi.asset.StringAsset).text;
        assert.deepStrictEqual(JSON.parse(file), { churn: CHURN });
        assert.strictEqual(datasetSchemasFile({ b: {}, a: CHURN }), `${JSON.stringify({ a: CHURN, b: {} }, null, 2)}\n`);
        assert.deepStrictEqual(Object.keys(await forwarderCodeArchive().assets), ["index.js"]);
        // Without a dataset the hash is the bundle's, as before; a schema change changes it.
        assert.strictEqual(forwarderSourceCodeHash(), lambdaSourceCodeHash(forwarderBundle()));
        assert.notStrictEqual(forwarderSourceCodeHash({ churn: CHURN }), forwarderSourceCodeHash({ churn: {} }));
    });

    it("needs a sink or a dataset, naming both", () => {
        assert.deepStrictEqual(problemsOf({ ...baseArgs, dataset: undefined }), [
            "sink: must be set unless the forwarder writes the dataset: give `sink`, `dataset` or both",
        ]);
    });

    it("refuses a dataset prefix under a capture prefix it is triggered on, and a bad prefix", () => {
        assert.deepStrictEqual(problemsOf({ ...baseArgs, dataset: dataset("datacapture/churn/dataset") }), [
            'dataset.prefix: must not overlap "datacapture/churn/", a capture prefix this forwarder is triggered on (got "datacapture/churn/dataset"): it would read its own output, an S3 notification loop',
        ]);
        assert.deepStrictEqual(problemsOf({ ...baseArgs, dataset: dataset("/bad/") }), [
            `dataset.prefix: must be 1-512 characters of S3-safe key segments (letters, digits, !_.*'()-) separated by single "/", with no leading or trailing "/" (got "/bad/")`,
        ]);
        // Another bucket cannot loop.
        assert.deepStrictEqual(
            problemsOf({ ...baseArgs, dataset: { ...dataset("datacapture/churn/dataset"), bucketName: "other-bucket" } }),
            [],
        );
    });
});
