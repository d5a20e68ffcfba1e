import * as assert from "assert";
import { buildConnectorPolicy, buildDatasetTableInputs } from "../../components/captureDataset/datasetDocuments";
import { CONNECTOR_ALLOWED_ACTIONS, DATASET_CONNECTOR_TAG } from "../../domain/dataset/connectorContract";
import { prefixesOverlap } from "../../domain/s3NotificationOverlap";
import { stableHex } from "../../tools/synth/mockState";
import { CHURN_DEV_FEATURES } from "../support/fixtureStacks";
import { synthStackOnce } from "../support/synthCli";
import { readFileSync } from "fs";
import * as path from "path";

const CAPTURE_BUCKET = `capture-${stableHex("capture-bucket", 26)}`;
const readJson = (dir: string, file: string) => JSON.parse(readFileSync(path.join(dir, file), "utf8"));

describe("offline synth: the capture dataset", () => {
    it("dev: one Glue table with partition projection, one read-only connector role, no notification overlap, no violation", async () => {
        const run = await synthStackOnce("dev");
        assert.strictEqual(run.status, 0, run.stderr);
        const all = readJson(run.dir, "resources.json");
        const ofType = (type: string) => all.filter((r: any) => r.type === type);
        assert.deepStrictEqual(
            ofType("aws:glue/catalogDatabase:CatalogDatabase").map((r: any) => r.inputs.name),
            ["sagemaker_monitoring_dev"],
        );
        const tables = ofType("aws:glue/catalogTable:CatalogTable");
        assert.deepStrictEqual(
            tables.map((t: any) => [t.name, t.parent]),
            [["dataset-churn-dev-table", "dataset"]],
        );
        assert.deepStrictEqual(
            tables[0].inputs,
            buildDatasetTableInputs({
                databaseName: "sagemaker_monitoring_dev",
                endpoint: "churn-dev",
                schema: CHURN_DEV_FEATURES,
                bucketName: CAPTURE_BUCKET,
                prefix: "dataset",
                expirationDays: 365,
            }),
        );
        assert.strictEqual(tables[0].inputs.parameters["projection.enabled"], "true");

        const roles = all.filter(
            (r: any) => r.type === "aws:iam/role:Role" && r.inputs.tags?.[DATASET_CONNECTOR_TAG.key] === DATASET_CONNECTOR_TAG.value,
        );
        assert.deepStrictEqual(
            roles.map((r: any) => r.name),
            ["dataset-arthur-engine-connector"],
        );
        const [policy] = all.filter(
            (r: any) => r.type === "aws:iam/rolePolicy:RolePolicy" && r.name === "dataset-arthur-engine-connector-policy",
        );
        // The capture key, as the bucket's default encryption names it.
        const kmsKeyArn = all.find((r: any) => r.name === "capture-encryption").inputs.rules[0].applyServerSideEncryptionByDefault
            .kmsMasterKeyId;
        const document = JSON.parse(policy.inputs.policy);
        assert.deepStrictEqual(
            document,
            buildConnectorPolicy({
                partition: "aws",
                region: "us-east-1",
                bucketName: CAPTURE_BUCKET,
                prefix: "dataset",
                kmsKeyArn,
                listBucketRoot: true,
            }),
        );
        // Read-only: every action is one the contract allows.
        for (const statement of document.Statement) {
            for (const action of statement.Action) assert.ok((CONNECTOR_ALLOWED_ACTIONS as readonly string[]).includes(action), action);
        }
        assert.deepStrictEqual(
            all.filter((r: any) => r.type === "aws:iam/rolePolicyAttachment:RolePolicyAttachment" && r.parent === "dataset"),
            [],
        );

        // The forwarder's triggers never see the dataset's keys.
        const [notification] = ofType("aws:s3/bucketNotification:BucketNotification");
        const triggers = notification.inputs.lambdaFunctions.map((f: any) => f.filterPrefix);
        assert.deepStrictEqual(triggers, ["datacapture/churn-dev/"]);
        assert.deepStrictEqual(
            triggers.filter((prefix: string) => prefixesOverlap(prefix, "dataset/")),
            [],
        );
        assert.deepStrictEqual(readJson(run.dir, "policy.json"), { violations: [] });
    });

    it("prod: no dataset resources", async () => {
        const run = await synthStackOnce("prod");
        assert.strictEqual(run.status, 0, run.stderr);
        const types = new Set(readJson(run.dir, "resources.json").map((r: any) => r.type));
        for (const type of [
            "aws:glue/catalogDatabase:CatalogDatabase",
            "aws:glue/catalogTable:CatalogTable",
            "aws:athena/workgroup:Workgroup",
        ]) {
            assert.ok(!types.has(type), type);
        }
    });
});
