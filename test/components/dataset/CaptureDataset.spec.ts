import * as assert from "assert";
import { CaptureBucket } from "../../../components/captureBucket/CaptureBucket";
import { CaptureDataset, CaptureDatasetArgs } from "../../../components/captureDataset/CaptureDataset";
import { datasetRetentionRules } from "../../../components/captureDataset/datasetStorage";
import { buildLifecycleRules } from "../../../components/core/bucket/bucketPolicies";
import { DATASET_CONNECTOR_TAG } from "../../../domain/dataset/connectorContract";
import { datasetColumns, GLUE_COLUMN_TYPES } from "../../../domain/dataset/datasetColumns";
import { partitionProjection } from "../../../domain/dataset/datasetLayout";
import { FeatureSchema } from "../../../domain/dataset/featureSchema";
import { stableHex } from "../../../tools/synth/mockState";
import { declared, ofType, resource } from "../../support/pulumiMocks";

const BUCKET = `capture-${stableHex("capture-bucket", 26)}`;
const BUCKET_ARN = `arn:aws:s3:::${BUCKET}`;
const CHURN: FeatureSchema = {
    inputs: [
        { name: "tenure_years", type: "double" },
        { name: "has_contract", type: "boolean" },
    ],
    outputs: [{ name: "churn_probability", type: "double" }],
};
const PRINCIPAL = "arn:aws:iam::210987654321:role/arthur-engine";

function declareDataset(overrides: Partial<CaptureDatasetArgs> = {}) {
    const bucket = new CaptureBucket("capture", { endpointNames: ["churn", "raw-one"], dataset: { expirationDays: 180 } });
    return new CaptureDataset("dataset", {
        storage: bucket.datasetStorage(),
        endpoints: { churn: CHURN, "raw-one": {} },
        databaseName: "ml_capture",
        athenaWorkgroup: { name: "ml-capture" },
        connectors: [{ name: "arthur", principalArn: PRINCIPAL, externalId: "arthur-ext-1234" }],
        tags: { team: "ml" },
        ...overrides,
    });
}

describe("CaptureDataset", () => {
    it("declares one Parquet table per endpoint whose columns are datasetColumns(schema), with partition projection", async () => {
        const resources = await declared(() => declareDataset());
        const tags = { team: "ml", "sagemaker-monitoring:component": "capture-dataset" };
        assert.deepStrictEqual(resource(resources, "aws:glue/catalogDatabase:CatalogDatabase", "dataset-database").inputs, {
            name: "ml_capture",
            description: "Capture datasets of SageMaker endpoints: normalized, partitioned Parquet (sagemaker-monitoring)",
            tags,
        });
        const tables = ofType(resources, "aws:glue/catalogTable:CatalogTable");
        assert.deepStrictEqual(
            tables.map((t) => t.name),
            ["dataset-churn-table", "dataset-raw-one-table"],
        );
        const location = `s3://${BUCKET}/dataset/churn/`;
        assert.deepStrictEqual(tables[0].inputs, {
            name: "churn",
            databaseName: "ml_capture",
            description: "Capture dataset of SageMaker endpoint churn: one row per inference (sagemaker-monitoring)",
            tableType: "EXTERNAL_TABLE",
            parameters: { ...partitionProjection(location, 180), classification: "parquet", EXTERNAL: "TRUE" },
            partitionKeys: [
                { name: "dt", type: "string", comment: "UTC date of the capture file, yyyy-MM-dd" },
                { name: "hour", type: "string", comment: "UTC hour of the capture file, 00-23" },
            ],
            storageDescriptor: {
                location,
                inputFormat: "org.apache.hadoop.hive.ql.io.parquet.MapredParquetInputFormat",
                outputFormat: "org.apache.hadoop.hive.ql.io.parquet.MapredParquetOutputFormat",
                serDeInfo: {
                    serializationLibrary: "org.apache.hadoop.hive.ql.io.parquet.serde.ParquetHiveSerDe",
                    parameters: { "serialization.format": "1" },
                },
                columns: datasetColumns(CHURN).map((c) => ({ name: c.name, type: GLUE_COLUMN_TYPES[c.type], comment: c.comment })),
            },
        });
        const parameters: Record<string, string> = tables[0].inputs.parameters;
        assert.deepStrictEqual(parameters["storage.location.template"], `${location}dt=\${dt}/hour=\${hour}/`);
        assert.strictEqual(parameters["projection.dt.range"], "NOW-180DAYS,NOW");
        // Without features: the raw input and output strings.
        assert.deepStrictEqual(
            tables[1].inputs.storageDescriptor.columns.map((c: { name: string; type: string }) => `${c.name} ${c.type}`),
            [
                "partner_inference_id string",
                "event_id string",
                "inference_id string",
                "endpoint string",
                "variant string",
                "inference_time timestamp",
                "custom_attributes string",
                "input string",
                "output string",
            ],
        );
        assert.strictEqual(tables[1].inputs.name, "raw_one");
    });

    it("declares a read-only connector role: trust with the external ID, list/get/decrypt under the dataset prefix only", async () => {
        const resources = await declared(() => declareDataset());
        const role = resource(resources, "aws:iam/role:Role", "dataset-arthur-connector");
        const { assumeRolePolicy, ...roleInputs } = role.inputs;
        assert.deepStrictEqual(roleInputs, {
            namePrefix: "dataset-arthur-",
            description: "Read-only access of connector arthur to the capture dataset under dataset/",
            tags: { team: "ml", "sagemaker-monitoring:component": DATASET_CONNECTOR_TAG.value },
        });
        assert.strictEqual(DATASET_CONNECTOR_TAG.key, "sagemaker-monitoring:component");
        assert.deepStrictEqual(JSON.parse(assumeRolePolicy), {
            Version: "2012-10-17",
            Statement: [
                {
                    Sid: "AssumeWithExternalId",
                    Effect: "Allow",
                    Principal: { AWS: PRINCIPAL },
                    Action: ["sts:AssumeRole"],
                    Condition: { StringEquals: { "sts:ExternalId": "arthur-ext-1234" } },
                },
            ],
        });
        const policy = resource(resources, "aws:iam/rolePolicy:RolePolicy", "dataset-arthur-connector-policy");
        const key = resource(resources, "aws:kms/key:Key", "capture-key");
        assert.deepStrictEqual(JSON.parse(policy.inputs.policy), {
            Version: "2012-10-17",
            Statement: [
                {
                    Sid: "ListDatasetPrefix",
                    Effect: "Allow",
                    Action: ["s3:ListBucket"],
                    Resource: [BUCKET_ARN],
                    Condition: { StringLike: { "s3:prefix": ["dataset/", "dataset/*"] } },
                },
                { Sid: "ReadDatasetFiles", Effect: "Allow", Action: ["s3:GetObject"], Resource: [`${BUCKET_ARN}/dataset/*`] },
                {
                    Sid: "DecryptDatasetFilesThroughS3",
                    Effect: "Allow",
                    Action: ["kms:Decrypt"],
                    Resource: [key.outputs.arn],
                    Condition: {
                        StringEquals: { "kms:ViaService": "s3.us-east-1.amazonaws.com" },
                        StringLike: { "kms:EncryptionContext:aws:s3:arn": [BUCKET_ARN, `${BUCKET_ARN}/dataset/*`] },
                    },
                },
            ],
        });
        assert.deepStrictEqual(ofType(resources, "aws:iam/rolePolicyAttachment:RolePolicyAttachment"), []);
    });

    it('listBucketRoot adds exactly one statement: ListBucket of the bucket\'s root, one level deep (prefix "", delimiter "/")', async () => {
        const resources = await declared(() =>
            declareDataset({
                connectors: [
                    { name: "arthur", principalArn: PRINCIPAL, externalId: "arthur-ext-1234", listBucketRoot: true },
                    { name: "athena", principalArn: PRINCIPAL, externalId: "athena-ext-1234", listBucketRoot: false },
                ],
            }),
        );
        const key = resource(resources, "aws:kms/key:Key", "capture-key");
        const statements = (connector: string) =>
            JSON.parse(resource(resources, "aws:iam/rolePolicy:RolePolicy", `dataset-${connector}-connector-policy`).inputs.policy)
                .Statement;
        const prefixList = {
            Sid: "ListDatasetPrefix",
            Effect: "Allow",
            Action: ["s3:ListBucket"],
            Resource: [BUCKET_ARN],
            Condition: { StringLike: { "s3:prefix": ["dataset/", "dataset/*"] } },
        };
        const rest = [
            { Sid: "ReadDatasetFiles", Effect: "Allow", Action: ["s3:GetObject"], Resource: [`${BUCKET_ARN}/dataset/*`] },
            {
                Sid: "DecryptDatasetFilesThroughS3",
                Effect: "Allow",
                Action: ["kms:Decrypt"],
                Resource: [key.outputs.arn],
                Condition: {
                    StringEquals: { "kms:ViaService": "s3.us-east-1.amazonaws.com" },
                    StringLike: { "kms:EncryptionContext:aws:s3:arn": [BUCKET_ARN, `${BUCKET_ARN}/dataset/*`] },
                },
            },
        ];
        assert.deepStrictEqual(statements("arthur"), [
            prefixList,
            {
                Sid: "ListBucketRootOneLevel",
                Effect: "Allow",
                Action: ["s3:ListBucket"],
                Resource: [BUCKET_ARN],
                Condition: { StringEquals: { "s3:prefix": "", "s3:delimiter": "/" } },
            },
            ...rest,
        ]);
        assert.deepStrictEqual(statements("athena"), [prefixList, ...rest]);
    });

    it("declares an Athena workgroup with SSE-KMS results under the query-results prefix, enforced", async () => {
        const resources = await declared(() => declareDataset());
        const key = resource(resources, "aws:kms/key:Key", "capture-key");
        assert.deepStrictEqual(resource(resources, "aws:athena/workgroup:Workgroup", "dataset-workgroup").inputs, {
            name: "ml-capture",
            description: "Queries the capture dataset in Glue database ml_capture (sagemaker-monitoring)",
            state: "ENABLED",
            configuration: {
                enforceWorkgroupConfiguration: true,
                publishCloudwatchMetricsEnabled: true,
                resultConfiguration: {
                    outputLocation: `s3://${BUCKET}/athena-results/ml-capture/`,
                    encryptionConfiguration: { encryptionOption: "SSE_KMS", kmsKeyArn: key.outputs.arn },
                },
            },
            tags: { team: "ml", "sagemaker-monitoring:component": "capture-dataset" },
        });
    });

    it("declares no workgroup and no role when none is asked for", async () => {
        const resources = await declared(() => declareDataset({ athenaWorkgroup: undefined, connectors: undefined }));
        assert.deepStrictEqual(ofType(resources, "aws:athena/workgroup:Workgroup"), []);
        assert.deepStrictEqual(ofType(resources, "aws:iam/role:Role"), []);
    });

    it("gives a forwarder the bucket, key, prefix and schemas", async () => {
        let destination: ReturnType<CaptureDataset["destination"]> | undefined;
        await declared(() => {
            destination = declareDataset().destination();
        });
        assert.deepStrictEqual(destination?.prefix, "dataset");
        assert.deepStrictEqual(destination?.schemas, { churn: CHURN, "raw-one": {} });
    });

    it("refuses every bad input at once, naming the property and the allowed values", () => {
        assert.throws(
            () =>
                new CaptureDataset("dataset", {
                    storage: {
                        bucketName: "b",
                        kmsKeyArn: "k",
                        prefix: "dataset",
                        expirationDays: 30,
                        queryResultsPrefix: "athena-results",
                        capturePrefix: "datacapture",
                    },
                    endpoints: {
                        churn: {
                            inputs: [
                                { name: "age", type: "double" },
                                { name: "age", type: "float" as "double" },
                            ],
                        },
                        Churn: {},
                    },
                    databaseName: "ML-Capture",
                    athenaWorkgroup: { name: "bad name" },
                    connectors: [
                        { name: "arthur", principalArn: "arn:aws:iam::210987654321:group/ops", externalId: "x" },
                        { name: "arthur", principalArn: "*", externalId: "ok-external-id", listBucketRoot: "yes" as unknown as boolean },
                    ],
                }),
            (error: any) => {
                assert.deepStrictEqual(
                    error.errors.map((e: any) => `${e.propertyPath}: ${e.reason}`),
                    [
                        'databaseName: must be a Glue database name: 1-255 characters of a-z 0-9 _ (got "ML-Capture")',
                        'athenaWorkgroup.name: must be 1-128 characters of A-Z a-z 0-9 . _ - (got "bad name")',
                        'connectors[0].principalArn: must be an IAM principal (account root, role or user) ARN arn:aws:iam::<account>:root | role/<name> | user/<name>, but its resource "group/ops" is not of the form root | role/<name> | user/<name> (got "arn:aws:iam::210987654321:group/ops")',
                        'connectors[0].externalId: must be 2-1224 characters of letters, digits and + = , . @ : / - _ (STS\'s external ID pattern) (got "x")',
                        'connectors[1].name: must be unique in the dataset ("arthur" is also connectors[0].name)',
                        'connectors[1].principalArn: must be an IAM principal (account root, role or user) ARN arn:aws:iam::<account>:root | role/<name> | user/<name>, but it is not an ARN (got "*")',
                        'connectors[1].listBucketRoot: must be true or false (got "yes")',
                        'endpoints.churn.inputs[1].name: duplicate feature name "age" (also inputs[0].name); names are unique across inputs and outputs',
                        'endpoints.churn.inputs[1].type: must be one of string, integer, double, boolean (got "float")',
                        'endpoints.Churn: its Glue table name "churn" is also endpoint "churn"\'s: Glue folds names to lower case and "-" to "_"',
                    ],
                );
                assert.match(error.message, /^CaptureDataset "dataset": 10 invalid inputs:/);
                return true;
            },
        );
    });

    it("refuses a dataset without endpoints", () => {
        assert.throws(
            () => declareDataset({ endpoints: {} }),
            (error: any) => {
                assert.deepStrictEqual(
                    error.errors.map((e: any) => `${e.propertyPath}: ${e.reason}`),
                    ["endpoints: must name at least one endpoint whose dataset is written: a dataset without one has no table to query"],
                );
                return true;
            },
        );
    });
});

describe("CaptureBucket with a dataset", () => {
    it("gives the dataset and query results their own lifecycle rules, and stops the capture rule at the capture prefix", async () => {
        const resources = await declared(() => new CaptureBucket("capture", { expirationDays: 30, dataset: { prefix: "ds" } }));
        const rule = (id: string, prefix: string, days: number) => ({
            id,
            status: "Enabled",
            filter: { prefix },
            expiration: { days },
            noncurrentVersionExpiration: { noncurrentDays: 1 },
            abortIncompleteMultipartUpload: { daysAfterInitiation: 7 },
        });
        assert.deepStrictEqual(
            resource(resources, "aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration", "capture-lifecycle").inputs.rules,
            [
                rule("expire-after-retention", "datacapture/", 30),
                rule("expire-dataset-after-retention", "ds/", 365),
                rule("expire-query-results", "athena-results/", 7),
            ],
        );
        assert.deepStrictEqual(buildLifecycleRules(30, datasetRetentionRules("datacapture", 30, { prefix: "ds" }))[0].filter, {
            prefix: "datacapture/",
        });
    });

    it("keeps the whole-bucket rule without a dataset", () => {
        assert.deepStrictEqual(buildLifecycleRules(30)[0].filter, { prefix: "" });
    });

    it("refuses a dataset prefix that overlaps the capture prefix or the query results", () => {
        assert.throws(
            () =>
                new CaptureBucket("capture", {
                    prefix: "athena-results/capture",
                    dataset: { prefix: "athena-results/capture/ds", expirationDays: 0 },
                }),
            (error: any) => {
                assert.deepStrictEqual(
                    error.errors.map((e: any) => `${e.propertyPath}: ${e.reason}`),
                    [
                        "dataset.expirationDays: must be an integer from 1 to 36500 (got 0)",
                        'dataset.prefix: must not overlap the capture prefix "athena-results/capture" (got "athena-results/capture/ds"): forwarders are triggered on capture keys, so a dataset written there would be read again by its own forwarder (an S3 notification loop)',
                        'dataset.prefix: "athena-results/capture/ds" overlaps "athena-results", where Athena query results go: choose a prefix that neither starts nor is the start of it',
                        'prefix: "athena-results/capture" overlaps "athena-results", where Athena query results go: choose a prefix that neither starts nor is the start of it',
                    ],
                );
                return true;
            },
        );
    });

    it("refuses dataset.expirationDays on an existing bucket, and datasetStorage() without a dataset", () => {
        assert.throws(
            () =>
                new CaptureBucket("capture", {
                    existing: {
                        bucketName: "my-bucket",
                        kmsKeyArn: "arn:aws:kms:us-east-1:123456789012:key/11111111-2222-3333-4444-555555555555",
                    },
                    dataset: { expirationDays: 30 },
                }),
            /dataset.expirationDays: must not be set with `existing`: the lifecycle of an existing bucket is its owner's/,
        );
        assert.throws(
            () => new CaptureBucket("capture", {}).datasetStorage(),
            /^Error: CaptureBucket: datasetStorage\(\) needs the `dataset` argument \(the dataset's prefix and lifecycle\)$/,
        );
    });
});
