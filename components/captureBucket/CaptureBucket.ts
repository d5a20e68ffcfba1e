import * as pulumi from "@pulumi/pulumi";
import { awsContext } from "../core/awsContext";
import { declareSecureBucket } from "../core/bucket/declareSecureBucket";
import { buildCaptureKeyPolicy } from "./captureKeyPolicy";
import { captureDestinationUri, endpointCapturePrefixUri } from "../core/endpoint/dataCaptureConfig";
import { CaptureDestination } from "../core/endpoint/endpointArgs";
import { withComponentTag } from "../core/tags";
import { checkPrefixAndExpiration } from "../core/bucket/retentionProblems";
import { ProblemCollector } from "../core/validation/problems";
import * as rules from "../../domain/validationRules";
import {
    DATASET_STORAGE_DEFAULTS,
    DatasetStorage,
    DatasetStorageArgs,
    datasetRetentionRules,
    datasetStorageProblems,
    QUERY_RESULTS_PREFIX,
} from "../captureDataset/datasetStorage";

export interface ExistingCaptureBucket {
    bucketName: pulumi.Input<string>;
    /** The key the bucket's objects are encrypted with; SageMaker encrypts capture files with it. */
    kmsKeyArn: pulumi.Input<string>;
}

export interface CaptureBucketArgs {
    /** Key prefix capture files go under (SageMaker appends `/<endpoint>/<variant>/...`). @default "datacapture" */
    prefix?: string;
    /** Days before capture files expire; old versions expire a day after. @default 90 */
    expirationDays?: number;
    /** Endpoints that capture here: for the `capturePrefixes` output, and the created key lets CloudWatch Logs encrypt their `/aws/sagemaker/Endpoints/<name>` log groups. @default [] */
    endpointNames?: string[];
    /** Keep a capture dataset (CaptureDataset) under its own prefix of this bucket, with its own lifecycle. @default none */
    dataset?: DatasetStorageArgs;
    /** Use this bucket and key instead of creating them. @default a new bucket and key are created */
    existing?: ExistingCaptureBucket;
    /** Let `pulumi destroy` delete a bucket that still holds capture data. @default false */
    forceDestroy?: boolean;
    /** @default {} */
    tags?: Record<string, string>;
}

const CAPTURE_BUCKET_TYPE = "sagemaker-monitoring:storage:CaptureBucket";
export const CAPTURE_BUCKET_DEFAULTS = { prefix: "datacapture", expirationDays: 90, forceDestroy: false } as const;

export function captureBucketArgsProblems(args: CaptureBucketArgs) {
    const problems = new ProblemCollector();
    checkPrefixAndExpiration(problems, "", args, args.existing !== undefined);
    (args.endpointNames ?? []).forEach((endpointName, i) => problems.check(`endpointNames[${i}]`, rules.sageMakerName(endpointName)));
    if (args.existing !== undefined) {
        if (rules.isKnownString(args.existing.bucketName)) {
            problems.check("existing.bucketName", rules.s3BucketName(args.existing.bucketName));
        }
        if (rules.isKnownString(args.existing.kmsKeyArn)) {
            problems.check("existing.kmsKeyArn", rules.kmsKeyArn(args.existing.kmsKeyArn));
        }
    }
    if (args.dataset !== undefined) {
        problems.addAll(datasetStorageProblems(args.dataset, args.prefix ?? CAPTURE_BUCKET_DEFAULTS.prefix, args.existing !== undefined));
    }
    problems.checkTags(args.tags);
    return problems.list();
}

function validateCaptureBucketArgs(name: string, args: CaptureBucketArgs): void {
    const problems = new ProblemCollector();
    problems.addAll(captureBucketArgsProblems(args));
    problems.throwIfAny(`CaptureBucket "${name}"`);
}

/**
 * The S3 bucket SageMaker Data Capture writes to: KMS-encrypted, private, TLS-only, versioned, expiring.
 *
 * Declares a KMS key and a bucket with its encryption, public access block, ownership controls,
 * versioning, lifecycle and TLS-only policy; with `existing`, declares nothing and only exposes the
 * given bucket. Pass `destination()` as an endpoint's `captureDestination`. Arguments:
 * {@link CaptureBucketArgs}.
 */
export class CaptureBucket extends pulumi.ComponentResource {
    public readonly bucketName: pulumi.Output<string>;
    public readonly bucketArn: pulumi.Output<string>;
    public readonly kmsKeyArn: pulumi.Output<string>;
    public readonly prefix: string;
    /** `s3://bucket/prefix`: the Data Capture destination. */
    public readonly destinationUri: pulumi.Output<string>;
    /** Endpoint name -> `s3://bucket/prefix/<endpoint>/`, where its capture files land. */
    public readonly capturePrefixes: pulumi.Output<Record<string, string>>;
    private readonly datasetArgs: DatasetStorageArgs | undefined;

    constructor(name: string, args: CaptureBucketArgs = {}, opts?: pulumi.ComponentResourceOptions) {
        validateCaptureBucketArgs(name, args);
        super(CAPTURE_BUCKET_TYPE, name, {}, opts);
        this.prefix = args.prefix ?? CAPTURE_BUCKET_DEFAULTS.prefix;
        this.datasetArgs = args.dataset;
        if (args.existing !== undefined) {
            this.bucketName = pulumi.output(args.existing.bucketName);
            this.bucketArn = this.bucketName.apply((bucket) => `arn:aws:s3:::${bucket}`);
            this.kmsKeyArn = pulumi.output(args.existing.kmsKeyArn);
        } else {
            const endpointNames = args.endpointNames ?? [];
            const declared = declareSecureBucket(this, name, {
                purpose: "SageMaker Data Capture files",
                // Endpoints default their volume key and log-group key to the capture key.
                keyAlsoEncrypts: "by default the ML storage volumes and container log groups of the endpoints capturing here",
                keyPolicy:
                    endpointNames.length === 0
                        ? undefined
                        : awsContext(this, opts).apply((c) =>
                              JSON.stringify(buildCaptureKeyPolicy(c.partition, c.region, c.accountId, endpointNames)),
                          ),
                expirationDays: args.expirationDays ?? CAPTURE_BUCKET_DEFAULTS.expirationDays,
                // Only with a dataset: the capture rule then stops at the capture prefix, so it never expires the dataset.
                retentionRules:
                    args.dataset === undefined
                        ? undefined
                        : datasetRetentionRules(this.prefix, args.expirationDays ?? CAPTURE_BUCKET_DEFAULTS.expirationDays, args.dataset),
                forceDestroy: args.forceDestroy ?? CAPTURE_BUCKET_DEFAULTS.forceDestroy,
                tags: withComponentTag(args.tags ?? {}, "capture-bucket"),
            });
            this.bucketName = declared.nameWhenReady;
            this.bucketArn = declared.bucket.arn;
            this.kmsKeyArn = declared.key.arn;
        }
        const prefix = this.prefix;
        this.destinationUri = this.bucketName.apply((bucket) => captureDestinationUri(bucket, prefix));
        const endpointNames = [...(args.endpointNames ?? [])].sort();
        this.capturePrefixes = this.destinationUri.apply((uri) =>
            Object.fromEntries(endpointNames.map((e) => [e, endpointCapturePrefixUri(uri, e)])),
        );
        this.registerOutputs({
            bucketName: this.bucketName,
            bucketArn: this.bucketArn,
            kmsKeyArn: this.kmsKeyArn,
            destinationUri: this.destinationUri,
            capturePrefixes: this.capturePrefixes,
        });
    }

    /** The `captureDestination` argument of an endpoint that captures here. */
    destination(): CaptureDestination {
        return { bucketName: this.bucketName, prefix: this.prefix, kmsKeyArn: this.kmsKeyArn };
    }

    /** Where the dataset lives, for a CaptureDataset's `storage`. Throws when the bucket was declared without `dataset`. */
    datasetStorage(): DatasetStorage {
        if (this.datasetArgs === undefined) {
            throw new Error("CaptureBucket: datasetStorage() needs the `dataset` argument (the dataset's prefix and lifecycle)");
        }
        return {
            bucketName: this.bucketName,
            kmsKeyArn: this.kmsKeyArn,
            prefix: this.datasetArgs.prefix ?? DATASET_STORAGE_DEFAULTS.prefix,
            expirationDays: this.datasetArgs.expirationDays ?? DATASET_STORAGE_DEFAULTS.expirationDays,
            queryResultsPrefix: QUERY_RESULTS_PREFIX,
            capturePrefix: this.prefix,
        };
    }
}
