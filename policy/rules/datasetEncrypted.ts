/**
 * dataset-encrypted: the dataset (normalized capture as Parquet, read through Glue tables and
 * Athena) holds the same production payloads as Data Capture, and connector roles hand it to
 * other accounts. So every bucket a Glue table of the stack stores its data in has default
 * SSE-KMS encryption with a named key (the key connectors decrypt with; the AWS-managed aws/s3 key
 * cannot be shared) and a TLS-only bucket policy, and every Athena workgroup encrypts query
 * results, which copy dataset rows, with SSE_KMS or CSE_KMS and a key, enforced on its clients.
 *
 * A table whose bucket is not declared in the stack is a violation, not a silent pass: CrossGuard
 * cannot see that bucket's settings, and unlike Data Capture (whose every object carries the
 * endpoint config's kmsKeyId, checked by data-capture-kms) the dataset's files rely on the bucket's
 * default encryption alone. A bucket verified elsewhere is accepted by listing it in
 * `externalBuckets`, an explicit, reviewable pack-config entry.
 */
import { CheckedBucket, kmsEncryptionViolation, tlsOnlyViolation } from "../bucketSecurity";
import { DatasetTable, datasetTablesOf } from "../datasetModel";
import { UnknownValueError } from "../policySdkInternals";
import { checkEach, isSet, knownString } from "../previewSafe";
import { bucketIdentities } from "../resourceShapes";
import { BUCKET_TYPES, TYPES } from "../resourceTypes";
import { bucketNameList, defineRuleConfig, readRuleConfig } from "../ruleConfig";
import { referencedResources, resourcesOfType, StackResource } from "../stackModel";
import { providerBoolean } from "../../domain/providerValues";
import { nonEmptyString, objectOf } from "../../domain/values";
import { listOrNone, PackStackPolicy, RuleDefinition, show, violation } from "./ruleKit";

const datasetEncryptedConfig = defineRuleConfig({
    externalBuckets: bucketNameList(
        "Buckets outside this stack that Glue tables may store their data in, each verified elsewhere to be SSE-KMS encrypted and TLS-only.",
    ),
});

/** Athena result encryption that uses a KMS key. */
const KMS_RESULT_OPTIONS: readonly string[] = ["SSE_KMS", "CSE_KMS"];
const RESULT_ENCRYPTION = "configuration.resultConfiguration.encryptionConfiguration";
const KEY_PURPOSE = "the dataset's customer-managed KMS key (the key its connector roles may decrypt with)";

/**
 * The Glue tables of the stack grouped by the bucket resource they store data in, tables on buckets
 * outside the stack apart, and the first preview-time unknown met (its table is left out, the
 * others are still grouped).
 */
function tablesByBucket(resources: readonly StackResource[], tables: readonly DatasetTable[]) {
    const buckets = resourcesOfType(resources, BUCKET_TYPES);
    // By URN: a dependency is the engine's copy of the resource, not the object in `resources`.
    const inStack = new Map<string, { bucket: StackResource; tables: DatasetTable[] }>();
    const outside: { table: DatasetTable; bucket: string; uri: string }[] = [];
    const group = () =>
        checkEach(tables, (table) => {
            // The bucket resource the location was built from (known at preview), else the bucket named in it.
            const [bucket] = referencedResources(table.resource, "storageDescriptor", buckets, (b) => bucketIdentities(b.props), {
                values: () => [table.location()?.bucket],
            });
            if (bucket !== undefined) {
                const group = inStack.get(bucket.urn) ?? { bucket, tables: [] };
                inStack.set(bucket.urn, { bucket, tables: [...group.tables, table] });
                return;
            }
            const location = table.location();
            if (location !== undefined) {
                outside.push({ table, bucket: location.bucket, uri: `s3://${location.bucket}/${location.key}` });
            }
        });
    let unknown: unknown;
    try {
        group();
    } catch (e) {
        if (!(e instanceof UnknownValueError)) {
            throw e;
        }
        unknown = e;
    }
    return { inStack, outside, unknown };
}

/** What is wrong with one workgroup's result encryption and enforcement, as full messages. */
function workgroupViolations(workgroup: StackResource): string[] {
    const name = knownString(workgroup.props, "name");
    const subject = name === undefined ? `Athena workgroup resource "${workgroup.name}"` : `Athena workgroup "${name}"`;
    const configuration = objectOf(workgroup.props.configuration);
    const encryption = objectOf(objectOf(configuration?.resultConfiguration)?.encryptionConfiguration);
    const option = nonEmptyString(encryption?.encryptionOption);
    const fix = `set ${RESULT_ENCRYPTION} to {encryptionOption: "SSE_KMS", kmsKeyArn: <ARN of the dataset's KMS key>}.`;
    const messages: string[] = [];
    if (option === undefined || !KMS_RESULT_OPTIONS.includes(option)) {
        const what =
            option === undefined
                ? `does not encrypt query results with a KMS key (${RESULT_ENCRYPTION}.encryptionOption is ${show(encryption?.encryptionOption)})`
                : `encrypts query results with ${show(option)} (${RESULT_ENCRYPTION}.encryptionOption), not a KMS key`;
        messages.push(violation(`${subject} ${what}; query results copy dataset rows.`, fix));
    } else if (!isSet(encryption, "kmsKeyArn")) {
        messages.push(
            violation(`${subject} encrypts query results with ${option} but names no key (${RESULT_ENCRYPTION}.kmsKeyArn).`, fix),
        );
    }
    // Omitted means enforced (the provider's default is true).
    const enforce = configuration?.enforceWorkgroupConfiguration;
    if (enforce !== undefined && providerBoolean(enforce) !== true) {
        messages.push(
            violation(
                `${subject} sets configuration.enforceWorkgroupConfiguration to ${show(enforce)}, so a client's own settings can turn result encryption off.`,
                "set configuration.enforceWorkgroupConfiguration to true.",
            ),
        );
    }
    return messages;
}

export const datasetEncrypted: PackStackPolicy = {
    name: "dataset-encrypted",
    description:
        "Every bucket a Glue table stores dataset files in is SSE-KMS encrypted with a named key and denies requests without TLS; every Athena workgroup encrypts query results with SSE_KMS or CSE_KMS and enforces it.",
    enforcementLevel: "mandatory",
    severity: "critical",
    remediationSteps:
        "Keep the dataset in a bucket of this stack with a BucketServerSideEncryptionConfiguration (sseAlgorithm aws:kms, kmsMasterKeyId the dataset key) and a TLS-only BucketPolicy, " +
        "or list a bucket verified elsewhere in externalBuckets; give each Athena workgroup configuration.resultConfiguration.encryptionConfiguration " +
        '{encryptionOption: "SSE_KMS", kmsKeyArn} and enforceWorkgroupConfiguration true.',
    configSchema: datasetEncryptedConfig.configSchema,
    validateStack: (args, reportViolation) => {
        const { externalBuckets } = readRuleConfig("dataset-encrypted", datasetEncryptedConfig, args.getConfig());
        const checkTables = () => {
            const { inStack, outside, unknown } = tablesByBucket(args.resources, datasetTablesOf(args.resources));
            for (const { table, bucket, uri } of outside.filter(({ bucket }) => !externalBuckets.includes(bucket))) {
                reportViolation(
                    violation(
                        `${table.label} stores its data in bucket "${bucket}" (${uri}), which is not declared in this stack, so its encryption cannot be verified.`,
                        `keep the dataset in a bucket of this stack, or, once "${bucket}" is verified to be SSE-KMS encrypted and TLS-only, add it to dataset-encrypted.externalBuckets (now: ${listOrNone(externalBuckets)}).`,
                    ),
                    table.resource.urn,
                );
            }
            checkEach(inStack.values(), ({ bucket: resource, tables }) => {
                const physical = knownString(resource.props, "bucket");
                const bucket: CheckedBucket = {
                    resource,
                    name: physical ?? resource.name,
                    subject: `Bucket ${physical === undefined ? `resource "${resource.name}"` : `"${physical}"`} (dataset of ${tables.map((t) => t.label).join(", ")})`,
                };
                // Independent: an unknown bucket policy document (built from the bucket's ARN) must not hide missing encryption.
                checkEach(
                    [
                        () => kmsEncryptionViolation(args.resources, bucket, true, KEY_PURPOSE),
                        () => tlsOnlyViolation(args.resources, bucket),
                    ],
                    (check) => {
                        const message = check();
                        if (message !== undefined) {
                            reportViolation(message, resource.urn);
                        }
                    },
                );
            });
            if (unknown !== undefined) {
                throw unknown;
            }
        };
        const checkWorkgroups = () =>
            checkEach(resourcesOfType(args.resources, [TYPES.athenaWorkgroup]), (workgroup) =>
                workgroupViolations(workgroup).forEach((message) => reportViolation(message, workgroup.urn)),
            );
        checkEach([checkTables, checkWorkgroups], (check) => check());
    },
};

export const datasetEncryptedRules: RuleDefinition[] = [{ policy: datasetEncrypted, config: datasetEncryptedConfig }];
