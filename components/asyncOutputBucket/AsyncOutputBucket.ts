import * as pulumi from "@pulumi/pulumi";
import { asyncLocations } from "../asyncEndpoint/asyncLocations";
import { ASYNC_INFERENCE_DEFAULTS } from "../asyncEndpoint/asyncEndpointArgs";
import { declareSecureBucket } from "../core/bucket/declareSecureBucket";
import { withComponentTag } from "../core/tags";
import { ProblemCollector } from "../core/validation/problems";
import * as rules from "../../domain/validationRules";

export interface AsyncOutputBucketArgs {
    /** The endpoint whose requests, results and failures the bucket holds. */
    endpointName: string;
    /** Days before objects expire; old versions expire a day after. @default 30 */
    expirationDays?: number;
    /** Let `pulumi destroy` delete a bucket that still holds objects. @default false */
    forceDestroy?: boolean;
    /** @default {} */
    tags?: Record<string, string>;
}

const ASYNC_OUTPUT_BUCKET_TYPE = "sagemaker-monitoring:storage:AsyncOutputBucket";

/** Problems with the arguments; `expirationDays` keeps its path so AsyncEndpoint can prefix it with `async.`. */
export function asyncOutputBucketArgsProblems(args: Omit<AsyncOutputBucketArgs, "endpointName">) {
    const problems = new ProblemCollector();
    if (args.expirationDays !== undefined) {
        problems.check(
            "expirationDays",
            rules.integerInRange(args.expirationDays, rules.S3_EXPIRATION_DAYS.min, rules.S3_EXPIRATION_DAYS.max),
        );
    }
    if (args.forceDestroy !== undefined) {
        problems.check("forceDestroy", rules.isBoolean(args.forceDestroy));
    }
    return problems.list();
}

/**
 * The bucket an asynchronous endpoint reads requests from and writes results and failures to.
 * Built on the same secure-bucket code as CaptureBucket: its own KMS key, SSE-KMS, all public
 * access blocked, TLS only, versioned, expiring.
 *
 * Declares a KMS key and a bucket with its encryption, public access block, ownership controls,
 * versioning, lifecycle and TLS-only policy. AsyncEndpoint declares one unless given existing
 * locations. Arguments: {@link AsyncOutputBucketArgs}.
 */
export class AsyncOutputBucket extends pulumi.ComponentResource {
    public readonly bucketName: pulumi.Output<string>;
    public readonly bucketArn: pulumi.Output<string>;
    public readonly kmsKeyArn: pulumi.Output<string>;
    public readonly inputPrefix: pulumi.Output<string>;
    public readonly outputPath: pulumi.Output<string>;
    public readonly failurePath: pulumi.Output<string>;

    constructor(name: string, args: AsyncOutputBucketArgs, opts?: pulumi.ComponentResourceOptions) {
        const problems = new ProblemCollector();
        problems.check("endpointName", rules.sageMakerName(args.endpointName));
        problems.addAll(asyncOutputBucketArgsProblems(args));
        problems.throwIfAny(`AsyncOutputBucket "${name}"`);
        super(ASYNC_OUTPUT_BUCKET_TYPE, name, {}, opts);
        const declared = declareSecureBucket(this, name, {
            purpose: "asynchronous inference requests, results and failures",
            expirationDays: args.expirationDays ?? ASYNC_INFERENCE_DEFAULTS.expirationDays,
            forceDestroy: args.forceDestroy ?? ASYNC_INFERENCE_DEFAULTS.forceDestroy,
            tags: withComponentTag(args.tags ?? {}, "async-output-bucket"),
        });
        this.bucketName = declared.nameWhenReady;
        this.bucketArn = declared.bucket.arn;
        this.kmsKeyArn = declared.key.arn;
        const locations = this.bucketName.apply((bucket) => asyncLocations(bucket, args.endpointName));
        this.inputPrefix = locations.inputPrefix;
        this.outputPath = locations.outputPath;
        this.failurePath = locations.failurePath;
        this.registerOutputs({
            bucketName: this.bucketName,
            bucketArn: this.bucketArn,
            kmsKeyArn: this.kmsKeyArn,
            inputPrefix: this.inputPrefix,
            outputPath: this.outputPath,
            failurePath: this.failurePath,
        });
    }
}
