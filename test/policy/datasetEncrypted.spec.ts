import * as assert from "assert";
import { parsePackConfig, PolicyConfigError } from "../../policy/config";
import { datasetEncrypted } from "../../policy/rules/datasetEncrypted";
import { SynthResource } from "../../tools/synth/policy/synthResource";
import { changeField, compliantStack, replaceResource, stackView, synthResource } from "./fixtures";
import { UnknownValueError } from "../../policy/policySdkInternals";
import { makeStackValidationArgs } from "../../tools/synth/policy/validationArgs";
import { runStackPolicy, StackOutcome, UNKNOWN_VALUE, urnOf, withoutField } from "./harness";

const none = { kind: "violations", violations: [] };
const TABLE = "aws:glue/catalogTable:CatalogTable";
const WORKGROUP = "aws:athena/workgroup:Workgroup";
const bucketUrn = urnOf("aws:s3/bucket:Bucket", "capture-bucket");
const tableUrn = urnOf(TABLE, "realtime-dataset-table");
const workgroupUrn = urnOf(WORKGROUP, "dataset-workgroup");
const SUBJECT = 'Bucket "capture-bucket" (dataset of Glue table "sagemaker_monitoring_test.realtime_endpoint")';
const RESULTS = "configuration.resultConfiguration.encryptionConfiguration";
const RESULTS_FIX = `Remediation: set ${RESULTS} to {encryptionOption: "SSE_KMS", kmsKeyArn: <ARN of the dataset's KMS key>}.`;

/** The dataset, its bucket with every setting, and the workgroup. */
const datasetSet = () =>
    compliantStack().filter((r) =>
        [
            "capture-bucket",
            "capture-bucket-encryption",
            "capture-bucket-public-access",
            "capture-bucket-tls-only",
            "realtime-dataset-table",
            "dataset-workgroup",
        ].includes(r.name),
    );
const remove = (resources: SynthResource[], name: string, path: string) =>
    replaceResource(resources, name, (r) => ({ ...r, inputs: withoutField(r.inputs, path), outputs: withoutField(r.outputs, path) }));
const run = (resources: SynthResource[], config?: unknown) => runStackPolicy(datasetEncrypted, stackView(resources), { config });
const messages = (outcome: StackOutcome) => (outcome.kind === "violations" ? outcome.violations.map((v) => [v.urn, v.message]) : outcome);

describe("dataset-encrypted", () => {
    it("passes a dataset in a KMS-encrypted, TLS-only bucket of the stack and a workgroup with enforced SSE_KMS results", () => {
        assert.deepStrictEqual(run(datasetSet()), none);
    });

    it("passes trivially without Glue tables or workgroups (the compliant stack's capture bucket alone)", () => {
        const noDataset = datasetSet().filter((r) => r.type !== TABLE && r.type !== WORKGROUP);
        assert.deepStrictEqual(run(noDataset), none);
    });

    it("aws:kms without kmsMasterKeyId (the AWS-managed aws/s3 key) is a violation; aws:kms:dsse with a key passes", () => {
        const algorithm = "rules[0].applyServerSideEncryptionByDefault";
        const noKey = remove(datasetSet(), "capture-bucket-encryption", `${algorithm}.kmsMasterKeyId`);
        assert.deepStrictEqual(messages(run(noKey)), [
            [
                bucketUrn,
                `${SUBJECT} has no BucketServerSideEncryptionConfiguration with sseAlgorithm aws:kms or aws:kms:dsse and a kmsMasterKeyId. ` +
                    'Remediation: add an aws.s3.BucketServerSideEncryptionConfiguration for bucket "capture-bucket" with rules[0].applyServerSideEncryptionByDefault.sseAlgorithm "aws:kms" ' +
                    "and kmsMasterKeyId set to the dataset's customer-managed KMS key (the key its connector roles may decrypt with).",
            ],
        ]);
        assert.deepStrictEqual(
            run(changeField(datasetSet(), "capture-bucket-encryption", `${algorithm}.sseAlgorithm`, "aws:kms:dsse")),
            none,
        );
        const sseS3 = changeField(noKey, "capture-bucket-encryption", `${algorithm}.sseAlgorithm`, "AES256");
        assert.deepStrictEqual(messages(run(sseS3)), messages(run(noKey)));
    });

    it("no TLS-only bucket policy: the capture rule's own check and message", () => {
        const noTls = datasetSet().filter((r) => r.name !== "capture-bucket-tls-only");
        assert.deepStrictEqual(messages(run(noTls)), [
            [
                bucketUrn,
                `${SUBJECT} has no BucketPolicy denying requests without TLS (aws:SecureTransport = false). ` +
                    'Remediation: add an aws.s3.BucketPolicy for bucket "capture-bucket" with a Deny statement for s3:* on the bucket and its objects, Condition {"Bool": {"aws:SecureTransport": "false"}}.',
            ],
        ]);
    });

    it("two tables on one bucket: one violation per check, naming both tables", () => {
        const second = synthResource(TABLE, "async-dataset-table", {
            databaseName: "sagemaker_monitoring_test",
            name: "async_endpoint",
            storageDescriptor: { location: "s3://capture-bucket/dataset/async-endpoint/" },
        });
        const resources = [...datasetSet().filter((r) => r.name !== "capture-bucket-tls-only"), second];
        const outcome = messages(run(resources)) as string[][];
        assert.deepStrictEqual(
            outcome.map(([urn, message]) => [urn, message.slice(0, message.indexOf(" has no"))]),
            [
                [
                    bucketUrn,
                    'Bucket "capture-bucket" (dataset of Glue table "sagemaker_monitoring_test.realtime_endpoint", Glue table "sagemaker_monitoring_test.async_endpoint")',
                ],
            ],
        );
    });

    it("a table whose bucket is not declared in the stack is a violation, unless the bucket is listed in externalBuckets", () => {
        const elsewhere = changeField(
            datasetSet(),
            "realtime-dataset-table",
            "storageDescriptor.location",
            "s3://shared-dataset/churn/realtime-endpoint/",
        );
        assert.deepStrictEqual(messages(run(elsewhere)), [
            [
                tableUrn,
                'Glue table "sagemaker_monitoring_test.realtime_endpoint" stores its data in bucket "shared-dataset" (s3://shared-dataset/churn/realtime-endpoint/), ' +
                    "which is not declared in this stack, so its encryption cannot be verified. " +
                    'Remediation: keep the dataset in a bucket of this stack, or, once "shared-dataset" is verified to be SSE-KMS encrypted and TLS-only, add it to dataset-encrypted.externalBuckets (now: none).',
            ],
        ]);
        assert.deepStrictEqual(run(elsewhere, { externalBuckets: ["shared-dataset"] }), none);
    });

    it("externalBuckets takes bucket names only", () => {
        assert.throws(
            () => parsePackConfig({ "dataset-encrypted": { externalBuckets: ["s3://shared-dataset", 7, "shared-dataset"] } }),
            (e: unknown) =>
                e instanceof PolicyConfigError &&
                e.message ===
                    "Invalid policy pack config (2 problems):\n" +
                        '  - dataset-encrypted.externalBuckets[0]: must be an S3 bucket name: 3-63 lowercase letters, digits, dots and hyphens, starting and ending with a letter or digit (got "s3://shared-dataset")\n' +
                        "  - dataset-encrypted.externalBuckets[1]: must be an S3 bucket name: 3-63 lowercase letters, digits, dots and hyphens, starting and ending with a letter or digit (got 7)",
        );
    });

    it("workgroup results: SSE_S3, none, or SSE_KMS without a key are violations; CSE_KMS with a key passes", () => {
        const option = (value: unknown) => changeField(datasetSet(), "dataset-workgroup", `${RESULTS}.encryptionOption`, value);
        const workgroup = 'Athena workgroup "sagemaker-monitoring-test"';
        assert.deepStrictEqual(messages(run(option("SSE_S3"))), [
            [
                workgroupUrn,
                `${workgroup} encrypts query results with "SSE_S3" (${RESULTS}.encryptionOption), not a KMS key; query results copy dataset rows. ${RESULTS_FIX}`,
            ],
        ]);
        assert.deepStrictEqual(messages(run(remove(datasetSet(), "dataset-workgroup", "configuration.resultConfiguration"))), [
            [
                workgroupUrn,
                `${workgroup} does not encrypt query results with a KMS key (${RESULTS}.encryptionOption is not set); query results copy dataset rows. ${RESULTS_FIX}`,
            ],
        ]);
        assert.deepStrictEqual(messages(run(remove(datasetSet(), "dataset-workgroup", `${RESULTS}.kmsKeyArn`))), [
            [workgroupUrn, `${workgroup} encrypts query results with SSE_KMS but names no key (${RESULTS}.kmsKeyArn). ${RESULTS_FIX}`],
        ]);
        assert.deepStrictEqual(run(option("CSE_KMS")), none);
    });

    it("a workgroup that lets clients override its settings is a violation; omitted means enforced (the provider's default)", () => {
        const path = "configuration.enforceWorkgroupConfiguration";
        assert.deepStrictEqual(messages(run(changeField(datasetSet(), "dataset-workgroup", path, false))), [
            [
                workgroupUrn,
                'Athena workgroup "sagemaker-monitoring-test" sets configuration.enforceWorkgroupConfiguration to false, so a client\'s own settings can turn result encryption off. ' +
                    "Remediation: set configuration.enforceWorkgroupConfiguration to true.",
            ],
        ]);
        assert.deepStrictEqual(run(remove(datasetSet(), "dataset-workgroup", path)), none);
    });

    describe("during preview", () => {
        it("a location built from the bucket (unknown, with propertyDependencies) still finds the bucket and checks it", () => {
            const resources = replaceResource(
                changeField(
                    datasetSet().filter((r) => r.name !== "capture-bucket-tls-only"),
                    "realtime-dataset-table",
                    "storageDescriptor.location",
                    UNKNOWN_VALUE,
                ),
                "realtime-dataset-table",
                (r) => ({ ...r, propertyDependencies: { storageDescriptor: [bucketUrn] } }),
            );
            const outcome = messages(run(resources)) as string[][];
            assert.deepStrictEqual(
                outcome.map(([urn, message]) => [urn, message.slice(0, message.indexOf(" has no"))]),
                [[bucketUrn, 'Bucket "capture-bucket" (dataset of Glue table "sagemaker_monitoring_test.realtime_endpoint")']],
            );
        });

        it("an unknown location depending on no bucket cannot be judged: can't run, after the workgroup was checked", () => {
            const resources = changeField(
                changeField(datasetSet(), "realtime-dataset-table", "storageDescriptor.location", UNKNOWN_VALUE),
                "dataset-workgroup",
                "configuration.enforceWorkgroupConfiguration",
                false,
            );
            // The engine keeps what was reported before the rule rethrew the unknown.
            const reported: string[] = [];
            let thrown: unknown;
            try {
                const args = makeStackValidationArgs(
                    stackView(resources).map((r) => ({ ...r, urn: urnOf(r.type, r.name) })),
                    {},
                );
                void datasetEncrypted.validateStack(args, (_message, urn) => reported.push(urn!));
            } catch (e) {
                thrown = e;
            }
            assert.deepStrictEqual([reported, thrown instanceof UnknownValueError], [[workgroupUrn], true]);
        });

        it("a table whose location is unknown does not stop the check of another table's bucket", () => {
            const unknownTable = synthResource(TABLE, "later-table", { storageDescriptor: { location: UNKNOWN_VALUE } });
            const resources = [...datasetSet().filter((r) => r.name !== "capture-bucket-tls-only"), unknownTable];
            const reported: string[] = [];
            let thrown: unknown;
            try {
                const args = makeStackValidationArgs(
                    stackView(resources).map((r) => ({ ...r, urn: urnOf(r.type, r.name) })),
                    {},
                );
                void datasetEncrypted.validateStack(args, (message) => reported.push(message.slice(0, message.indexOf(" has no"))));
            } catch (e) {
                thrown = e;
            }
            assert.deepStrictEqual([reported, thrown instanceof UnknownValueError], [[SUBJECT], true]);
        });

        it("an unknown kmsMasterKeyId or workgroup key ARN counts as set", () => {
            const resources = changeField(
                changeField(
                    datasetSet(),
                    "capture-bucket-encryption",
                    "rules[0].applyServerSideEncryptionByDefault.kmsMasterKeyId",
                    UNKNOWN_VALUE,
                ),
                "dataset-workgroup",
                `${RESULTS}.kmsKeyArn`,
                UNKNOWN_VALUE,
            );
            assert.deepStrictEqual(run(resources), none);
        });
    });
});
