import * as pulumi from "@pulumi/pulumi";
import { prefixesOverlap } from "../../domain/s3NotificationOverlap";
import * as rules from "../../domain/validationRules";
import { RETENTION_RULE_ID, RetentionRule } from "../core/bucket/bucketPolicies";
import { checkPrefixAndExpiration } from "../core/bucket/retentionProblems";
import { Problem, ProblemCollector } from "../core/validation/problems";

/**
 * Where the capture dataset lives: a prefix of the capture bucket, so it has the bucket's key,
 * TLS-only policy and public-access block, with its own lifecycle rule (docs/components/dataset.md).
 */
export interface DatasetStorageArgs {
    /** Key prefix of the dataset's Parquet files; must not overlap the capture prefix. @default "dataset" */
    prefix?: string;
    /** Days before dataset files expire; also how far back Athena's partition projection reaches. Not with `existing`. @default 365 */
    expirationDays?: number;
}

export const DATASET_STORAGE_DEFAULTS = { prefix: "dataset", expirationDays: 365 } as const;

/** Athena query results go here, in the capture bucket, apart from capture files and the dataset. */
export const QUERY_RESULTS_PREFIX = "athena-results";
/** Query results are re-runnable: a week is enough to read them. */
const QUERY_RESULTS_EXPIRATION_DAYS = 7;

/** The dataset's location as a CaptureDataset and a CaptureForwarder need it: a CaptureBucket's `datasetStorage()`. */
export interface DatasetStorage {
    bucketName: pulumi.Input<string>;
    /** The capture bucket's key: the dataset's files are encrypted with it. */
    kmsKeyArn: pulumi.Input<string>;
    /** Dataset prefix, no leading or trailing slash. */
    prefix: string;
    /** Retention of the dataset's files, in days: the partition projection's range. */
    expirationDays: number;
    /** Where Athena writes query results (QUERY_RESULTS_PREFIX). */
    queryResultsPrefix: string;
    /** The capture prefix of the same bucket, which the dataset must not overlap. */
    capturePrefix: string;
}

/**
 * The dataset settings' problems, at `dataset.*` paths (a capture prefix in the way of the query
 * results at `prefix`, the capture bucket's). The prefixes of capture, dataset and query
 * results must be disjoint: a forwarder triggered on capture keys would otherwise read its own
 * output (an S3 notification loop), and each prefix's lifecycle rule would expire the others.
 */
export function datasetStorageProblems(args: DatasetStorageArgs, capturePrefix: string, existingBucket: boolean): Problem[] {
    const problems = new ProblemCollector();
    checkPrefixAndExpiration(problems, "dataset", args, existingBucket);
    const prefix = args.prefix ?? DATASET_STORAGE_DEFAULTS.prefix;
    if (rules.s3Prefix(prefix) === undefined && rules.s3Prefix(capturePrefix) === undefined) {
        if (prefixesOverlap(`${prefix}/`, `${capturePrefix}/`)) {
            problems.add(
                "dataset.prefix",
                `must not overlap the capture prefix "${capturePrefix}" (got "${prefix}"): forwarders are triggered on capture keys, so a dataset written there would be read again by its own forwarder (an S3 notification loop)`,
            );
        }
        for (const [path, other] of [
            ["dataset.prefix", prefix],
            ["prefix", capturePrefix],
        ]) {
            if (prefixesOverlap(`${QUERY_RESULTS_PREFIX}/`, `${other}/`)) {
                problems.add(
                    path,
                    `"${other}" overlaps "${QUERY_RESULTS_PREFIX}", where Athena query results go: choose a prefix that neither starts nor is the start of it`,
                );
            }
        }
    }
    return problems.list();
}

/**
 * The capture bucket's lifecycle rules when it holds a dataset: capture files under the capture
 * prefix (the rule keeps its id), dataset files under theirs, query results under theirs.
 */
export function datasetRetentionRules(capturePrefix: string, captureExpirationDays: number, storage: DatasetStorageArgs): RetentionRule[] {
    return [
        { id: RETENTION_RULE_ID, prefix: `${capturePrefix}/`, expirationDays: captureExpirationDays },
        {
            id: "expire-dataset-after-retention",
            prefix: `${storage.prefix ?? DATASET_STORAGE_DEFAULTS.prefix}/`,
            expirationDays: storage.expirationDays ?? DATASET_STORAGE_DEFAULTS.expirationDays,
        },
        { id: "expire-query-results", prefix: `${QUERY_RESULTS_PREFIX}/`, expirationDays: QUERY_RESULTS_EXPIRATION_DAYS },
    ];
}
