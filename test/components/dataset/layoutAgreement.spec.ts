/**
 * The Glue table (components/) and the writer's key layout (domain/dataset/datasetLayout.ts) must
 * agree, or Athena's partition projection finds no file: these pin one against the other.
 */
import * as assert from "assert";
import { buildDatasetTableInputs } from "../../../components/captureDataset/datasetDocuments";
import { DatasetObject, datasetObjectKey } from "../../../domain/dataset/datasetLayout";
import { FEATURE_NAME_PATTERN } from "../../../domain/dataset/featureSchema";
import { buildForwarderEnvironment, DatasetSettings } from "../../../domain/forwarder/environment";
import { CHURN_DEV_FEATURES } from "../../support/fixtureStacks";

const OBJECT: DatasetObject = {
    prefix: "dataset",
    endpoint: "churn-dev",
    variant: "champion",
    capturedAt: "2026-12-05T14:00:00Z",
    fileName: "05-12-345-0a1b2c3d",
    etag: '"d41d8cd98f00b204e9800998ecf8427e"',
};

describe("dataset layout: the Glue table and the writer agree", () => {
    it("a written file lies in the partition its table projects for that hour", () => {
        const table = buildDatasetTableInputs({
            databaseName: "db",
            endpoint: OBJECT.endpoint,
            schema: CHURN_DEV_FEATURES,
            bucketName: "capture-bucket",
            prefix: OBJECT.prefix,
            expirationDays: 365,
        });
        const partition = table.parameters["storage.location.template"].replace("${dt}", "2026-12-05").replace("${hour}", "14");
        const key = datasetObjectKey(OBJECT);
        assert.strictEqual(partition, "s3://capture-bucket/dataset/churn-dev/dt=2026-12-05/hour=14/");
        assert.strictEqual(
            `s3://capture-bucket/${key}`,
            `${partition}champion-05-12-345-0a1b2c3d-d41d8cd98f00b204e9800998ecf8427e.parquet`,
        );
        assert.ok(`s3://capture-bucket/${key}`.startsWith(table.storageDescriptor.location));
    });

    it("the dev fixture's feature names are valid column names", () => {
        const names = [...(CHURN_DEV_FEATURES.inputs ?? []), ...(CHURN_DEV_FEATURES.outputs ?? [])].map((f) => f.name);
        assert.deepStrictEqual(
            names.filter((name) => !FEATURE_NAME_PATTERN.test(name)),
            [],
        );
    });

    it("a dataset destination becomes DATASET_BUCKET and DATASET_PREFIX", () => {
        const dataset: DatasetSettings = { bucket: "capture-bucket", prefix: OBJECT.prefix };
        assert.deepStrictEqual(
            buildForwarderEnvironment({
                dataset,
                deadLetterQueueUrl: "https://sqs.us-east-1.amazonaws.com/123456789012/q",
                idempotencyTable: "deliveries",
            }),
            {
                DATASET_BUCKET: "capture-bucket",
                DATASET_PREFIX: "dataset",
                DEAD_LETTER_QUEUE_URL: "https://sqs.us-east-1.amazonaws.com/123456789012/q",
                IDEMPOTENCY_TABLE: "deliveries",
            },
        );
    });
});
