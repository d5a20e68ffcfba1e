import { FeatureSchema } from "../../domain/dataset/featureSchema";
import { DatasetStorage } from "./datasetStorage";

/**
 * A pull-based platform's access to the dataset (docs/components/dataset.md): a read-only role
 * that `principalArn` may assume when it passes `externalId`.
 */
export interface DatasetConnectorArgs {
    /** Names the role (`<component>-<name>-…`); unique in the dataset. 1-32 characters of a-z 0-9 -. */
    name: string;
    /** Who assumes the role: an account root, role or user ARN, usually the platform's account or role. */
    principalArn: string;
    /** The STS external ID the platform passes: 2-1224 characters of letters, digits and `+=,.@:/-`. */
    externalId: string;
    /**
     * Also let the role list the bucket's root, one level deep (s3:prefix "" with delimiter "/"): the
     * listing a platform's connection test sends (Arthur's engine lists `<bucket>`). It reveals the
     * names of the bucket's top-level prefixes and the keys of objects stored at its root, no key
     * under a prefix and no object content. @default false
     */
    listBucketRoot?: boolean;
}

export interface CaptureDatasetArgs {
    /** Where the dataset lives: a CaptureBucket's `datasetStorage()`. */
    storage: DatasetStorage;
    /**
     * Endpoint name -> feature schema, for each endpoint whose dataset is written (by a forwarder
     * given this dataset's `destination()`): one Glue table each, its columns from the schema.
     * `{}` keeps raw `input` and `output` strings.
     */
    endpoints: Record<string, FeatureSchema>;
    /** Glue database of the tables: 1-255 characters of a-z 0-9 _. */
    databaseName: string;
    /** An Athena workgroup whose query results are SSE-KMS encrypted with the capture key, under the bucket's query-results prefix. @default none */
    athenaWorkgroup?: { name: string };
    /** Read-only connector roles, one each. @default [] */
    connectors?: DatasetConnectorArgs[];
    /** @default {} */
    tags?: Record<string, string>;
}

/** What a CaptureForwarder needs to write the dataset: CaptureDataset's `destination()`. */
export interface DatasetDestination {
    bucketName: DatasetStorage["bucketName"];
    kmsKeyArn: DatasetStorage["kmsKeyArn"];
    prefix: string;
    /** Feature schema of each endpoint with a table; a forwarded endpoint missing here is written with raw strings. */
    schemas: Record<string, FeatureSchema>;
}

/** Connector names become part of IAM role name prefixes (38 characters with the component name). */
export const CONNECTOR_NAME_PATTERN = /^[a-z0-9](-?[a-z0-9]){0,31}$/;
/** Athena workgroup names: 1-128 characters of letters, digits, `.`, `_` and `-`. */
export const WORKGROUP_NAME_PATTERN = /^[a-zA-Z0-9._-]{1,128}$/;
