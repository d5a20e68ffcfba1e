import { DATASET_CONNECTOR_TAG, ROOT_LISTING_CONDITION } from "../../domain/dataset/connectorContract";
import { datasetColumns, GLUE_COLUMN_TYPES, PARTITION_KEYS } from "../../domain/dataset/datasetColumns";
import { datasetTableName, endpointDatasetPrefix, partitionProjection } from "../../domain/dataset/datasetLayout";
import { FeatureSchema } from "../../domain/dataset/featureSchema";
import { PolicyDocument, policyDocument, PolicyStatement, s3ObjectArn } from "../core/iam/policyDocument";
import { s3BucketArn } from "../captureForwarder/forwarderRolePolicy";

const PARQUET = {
    inputFormat: "org.apache.hadoop.hive.ql.io.parquet.MapredParquetInputFormat",
    outputFormat: "org.apache.hadoop.hive.ql.io.parquet.MapredParquetOutputFormat",
    serializationLibrary: "org.apache.hadoop.hive.ql.io.parquet.serde.ParquetHiveSerDe",
} as const;

const PARTITION_COMMENTS: Record<(typeof PARTITION_KEYS)[number], string> = {
    dt: "UTC date of the capture file, yyyy-MM-dd",
    hour: "UTC hour of the capture file, 00-23",
};

/** `s3://<bucket>/<prefix>/<endpoint>/`: one endpoint's dataset, the location of its table. */
function endpointDatasetLocation(bucketName: string, prefix: string, endpoint: string): string {
    return `s3://${bucketName}/${endpointDatasetPrefix(prefix, endpoint)}/`;
}

/**
 * One endpoint's Glue table: external, Parquet, partitioned by `dt` and `hour` with partition
 * projection (no crawler, no partition to add), its columns from datasetColumns(schema) in file order.
 */
export function buildDatasetTableInputs(args: {
    databaseName: string;
    endpoint: string;
    schema: FeatureSchema;
    bucketName: string;
    prefix: string;
    expirationDays: number;
}) {
    const location = endpointDatasetLocation(args.bucketName, args.prefix, args.endpoint);
    const parameters: Record<string, string> = {
        ...partitionProjection(location, args.expirationDays),
        classification: "parquet",
        EXTERNAL: "TRUE",
    };
    return {
        name: datasetTableName(args.endpoint),
        databaseName: args.databaseName,
        description: `Capture dataset of SageMaker endpoint ${args.endpoint}: one row per inference (sagemaker-monitoring)`,
        tableType: "EXTERNAL_TABLE",
        parameters,
        partitionKeys: PARTITION_KEYS.map((name) => ({ name, type: "string", comment: PARTITION_COMMENTS[name] })),
        storageDescriptor: {
            location,
            inputFormat: PARQUET.inputFormat,
            outputFormat: PARQUET.outputFormat,
            serDeInfo: { serializationLibrary: PARQUET.serializationLibrary, parameters: { "serialization.format": "1" } },
            columns: datasetColumns(args.schema).map((column) => ({
                name: column.name,
                type: GLUE_COLUMN_TYPES[column.type],
                comment: column.comment,
            })),
        },
    };
}

/** Only `principalArn`, and only when it passes the external ID, may assume a connector role (the confused-deputy guard). */
export function buildConnectorTrustPolicy(principalArn: string, externalId: string): PolicyDocument {
    return policyDocument([
        {
            Sid: "AssumeWithExternalId",
            Effect: "Allow",
            Principal: { AWS: principalArn },
            Action: ["sts:AssumeRole"],
            Condition: { StringEquals: { "sts:ExternalId": externalId } },
        },
    ]);
}

export interface ConnectorScope {
    partition: string;
    region: string;
    bucketName: string;
    /** Dataset prefix, no leading or trailing slash. */
    prefix: string;
    kmsKeyArn: string;
    /** Also list the bucket's root, one level deep (DatasetConnectorArgs.listBucketRoot). @default false */
    listBucketRoot?: boolean;
}

/**
 * A connector role's only policy: list the dataset prefix, get its files, and decrypt them through
 * S3 only. S3's encryption context is the bucket ARN with bucket keys (declareSecureBucket turns
 * them on), the object ARN without (an existing bucket may have them off): both are allowed.
 * Nothing else: no write, no other prefix, no other key use (CONNECTOR_ALLOWED_ACTIONS). With
 * `listBucketRoot`, one more ListBucket statement allows exactly the root listing a connection test
 * sends (ROOT_LISTING_CONDITION): the top-level prefix names, no key under them.
 */
export function buildConnectorPolicy(scope: ConnectorScope): PolicyDocument {
    const bucketArn = s3BucketArn(scope.partition, scope.bucketName);
    const rootListing: PolicyStatement[] = scope.listBucketRoot
        ? [
              {
                  Sid: "ListBucketRootOneLevel",
                  Effect: "Allow",
                  Action: ["s3:ListBucket"],
                  Resource: [bucketArn],
                  Condition: ROOT_LISTING_CONDITION,
              },
          ]
        : [];
    return policyDocument([
        {
            Sid: "ListDatasetPrefix",
            Effect: "Allow",
            Action: ["s3:ListBucket"],
            Resource: [bucketArn],
            Condition: { StringLike: { "s3:prefix": [`${scope.prefix}/`, `${scope.prefix}/*`] } },
        },
        ...rootListing,
        {
            Sid: "ReadDatasetFiles",
            Effect: "Allow",
            Action: ["s3:GetObject"],
            Resource: [s3ObjectArn(scope.partition, scope.bucketName, `${scope.prefix}/*`)],
        },
        {
            Sid: "DecryptDatasetFilesThroughS3",
            Effect: "Allow",
            Action: ["kms:Decrypt"],
            Resource: [scope.kmsKeyArn],
            Condition: {
                StringEquals: { "kms:ViaService": `s3.${scope.region}.amazonaws.com` },
                StringLike: { "kms:EncryptionContext:aws:s3:arn": [bucketArn, `${bucketArn}/${scope.prefix}/*`] },
            },
        },
    ]);
}

/** A connector role's tags: the pack recognises connector roles by DATASET_CONNECTOR_TAG. */
export function connectorTags(tags: Record<string, string>): Record<string, string> {
    return { ...tags, [DATASET_CONNECTOR_TAG.key]: DATASET_CONNECTOR_TAG.value };
}

/** The workgroup's settings: results under the query-results prefix, SSE-KMS with the capture key, enforced on every query. */
export function buildWorkgroupConfiguration(bucketName: string, queryResultsPrefix: string, workgroup: string, kmsKeyArn: string) {
    return {
        enforceWorkgroupConfiguration: true,
        publishCloudwatchMetricsEnabled: true,
        resultConfiguration: {
            outputLocation: `s3://${bucketName}/${queryResultsPrefix}/${workgroup}/`,
            encryptionConfiguration: { encryptionOption: "SSE_KMS", kmsKeyArn },
        },
    };
}
