import { z } from "zod";
import { DATASET_STORAGE_DEFAULTS, QUERY_RESULTS_PREFIX } from "../components/captureDataset/datasetStorage";
import { arnForm, IAM_PRINCIPAL_KIND } from "../domain/arn";
import { FEATURE_TYPES, RESERVED_COLUMN_NAMES } from "../domain/dataset/featureSchema";
import { S3_EXPIRATION_DAYS } from "../domain/validationRules";
import { doc, form, integers, TEXT } from "./schemaDoc";

/**
 * The shape of the `dataset` key and of an endpoint's `features` (docs/components/dataset.md).
 * Shapes only: CaptureDataset's validators and featureSchemaProblems check the values, at the same paths.
 */
const feature = z
    .strictObject({
        name: z.string().meta(
            doc("Column name, unique across the endpoint's inputs and outputs.", {
                allowed: `1-255 characters of a-z 0-9 _, starting with a letter or _; not ${RESERVED_COLUMN_NAMES.join(", ")}`,
            }),
        ),
        type: z.enum(FEATURE_TYPES).meta(doc("Column type: string, integer (Glue bigint), double or boolean.")),
    })
    .meta({ title: "feature" });

export const featuresSchema = z.strictObject({
    inputs: z
        .array(feature)
        .optional()
        .meta(
            doc("Input features, in CSV column order (JSON objects are read by name, JSON arrays by position).", {
                defaultText: "none: one raw `input` string column",
                allowed: "at least one",
            }),
        ),
    outputs: z
        .array(feature)
        .optional()
        .meta(doc("Output features, in the same way.", { defaultText: "none: one raw `output` string column", allowed: "at least one" })),
});

const connector = z
    .strictObject({
        name: z
            .string()
            .meta(doc("Names the connector's role; unique in the dataset.", { allowed: "1-32 characters of a-z 0-9 and single hyphens" })),
        principalArn: z.string().meta(
            doc("Who may assume the role: the platform's account, role or user.", {
                allowed: form(arnForm(IAM_PRINCIPAL_KIND)),
            }),
        ),
        externalId: z.string().meta(
            doc("The external ID the platform passes when it assumes the role (set by the platform, not a secret).", {
                allowed: "2-1224 characters of letters, digits and + = , . @ : / - _",
            }),
        ),
        listBucketRoot: z
            .boolean()
            .optional()
            .meta(
                doc(
                    "Also let the role list the bucket's root one level deep, as a platform's connection test does (Arthur's engine lists the bucket). Reveals the names of the bucket's top-level prefixes and of objects at its root, nothing under them.",
                    { default: false, allowed: "true or false" },
                ),
            ),
    })
    .meta({ title: "connector" });

export const datasetSchema = z.strictObject({
    prefix: z
        .string()
        .optional()
        .meta(
            doc("Key prefix of the dataset's Parquet files in the capture bucket.", {
                default: DATASET_STORAGE_DEFAULTS.prefix,
                allowed: `${TEXT.s3Prefix}; not overlapping captureBucket.prefix or ${form(QUERY_RESULTS_PREFIX)}`,
            }),
        ),
    expirationDays: z
        .number()
        .optional()
        .meta(
            doc("Days before dataset files expire (their own lifecycle rule); also how far back Athena's partition projection reaches.", {
                default: DATASET_STORAGE_DEFAULTS.expirationDays,
                allowed: `${integers(S3_EXPIRATION_DAYS)}; not with captureBucket.existing`,
            }),
        ),
    databaseName: z
        .string()
        .optional()
        .meta(
            doc("Glue database of the dataset's tables (one table per endpoint, named after it).", {
                defaultText: "<project>_<stack>, lower case, other characters as _",
                allowed: "1-255 characters of a-z 0-9 _",
            }),
        ),
    athenaWorkgroup: z
        .strictObject({
            name: z.string().meta(doc("Workgroup name.", { allowed: "1-128 characters of A-Z a-z 0-9 . _ -" })),
        })
        .optional()
        .meta(
            doc(
                `An Athena workgroup whose results are SSE-KMS encrypted with the capture key, under ${form(QUERY_RESULTS_PREFIX + "/")}.`,
                {
                    defaultText: "none",
                },
            ),
        ),
    connectors: z
        .array(connector)
        .optional()
        .meta(
            doc("Read-only roles for pull-based platforms: list, get and decrypt under the dataset prefix only.", { defaultText: "none" }),
        ),
});

export type DatasetEntry = z.infer<typeof datasetSchema>;
