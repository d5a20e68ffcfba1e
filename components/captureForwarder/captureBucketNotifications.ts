import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { Problem, ProblemCollector } from "../core/validation/problems";
import { notificationOverlapProblems } from "./notificationOverlaps";
import { bucketNotificationRules, CaptureNotificationRule } from "./notificationRules";

/** What the bucket's notification needs of a forwarder (a CaptureForwarder has all of it). */
export interface NotifyingForwarder {
    /** The forwarder's component name, for messages. */
    readonly forwarderName: string;
    /** The bucket as the forwarder was given it (a name, or an Output such as a CaptureBucket's `bucketName`). */
    readonly captureBucketName: pulumi.Input<string>;
    readonly functionArn: pulumi.Output<string>;
    readonly notificationRules: CaptureNotificationRule[];
    /** S3's invoke permission: S3 refuses a notification whose function it may not invoke. */
    readonly invokePermission: pulumi.Resource;
}

export interface CaptureBucketNotificationsArgs {
    /**
     * The bucket. Every forwarder must read this bucket: plain names are compared now; an Output
     * must be the very Input the forwarders were given (a CaptureBucket's `bucketName`), since its
     * value is unknown before deployment.
     */
    bucketName: pulumi.Input<string>;
    /** Every forwarder triggered by this bucket, at least one. */
    forwarders: NotifyingForwarder[];
    /**
     * Whether this program created the bucket: true for a CaptureBucket without `existing`. A bucket
     * has one notification configuration and this component declares all of it, so on a bucket
     * created elsewhere it would delete the triggers its owner set up (see `manageExistingNotifications`).
     */
    bucketCreatedHere: boolean;
    /**
     * For a bucket this program did not create: let this component own the bucket's whole
     * notification configuration. Every trigger not declared here (Lambda, SQS, SNS, EventBridge) is
     * removed at each `pulumi up`, so set it only once the bucket has no other triggers.
     * @default false (an existing bucket is refused)
     */
    manageExistingNotifications?: boolean;
}

const CAPTURE_BUCKET_NOTIFICATIONS_TYPE = "sagemaker-monitoring:forwarding:CaptureBucketNotifications";

function bucketLabel(bucketName: pulumi.Input<string>): string {
    return typeof bucketName === "string" ? `bucket ${JSON.stringify(bucketName)}` : "the bucket";
}

const describeBucket = (bucket: pulumi.Input<string>) =>
    typeof bucket === "string" ? JSON.stringify(bucket) : "a value known only at deploy time";

/**
 * Why forwarders on a bucket this program did not create need an explicit opt-in; `optIn` is
 * the property that gives it, as the caller spells it.
 */
export function existingBucketNotificationsReason(bucketLabel: string, optIn: string, value: unknown): string {
    return (
        `must be true to declare forwarders on ${bucketLabel}, which this program did not create: a bucket has one notification configuration, ` +
        "and the forwarders' rules would replace it, deleting every other trigger (Lambda, SQS, SNS, EventBridge) its owner set up. " +
        `Set ${optIn}: true once the bucket has no other triggers, or forward from a capture bucket this program creates (got ${JSON.stringify(value)})`
    );
}

/** Forwarders of other buckets and overlapping rules among the forwarders, at `forwarders[i]`. */
function captureBucketNotificationsProblems(args: CaptureBucketNotificationsArgs): Problem[] {
    const problems = new ProblemCollector();
    if (args.forwarders.length === 0) {
        problems.add(
            "forwarders",
            "must list at least one forwarder (a notification configuration without rules would remove the bucket's triggers)",
        );
    }
    if (typeof args.bucketCreatedHere !== "boolean") {
        problems.add(
            "bucketCreatedHere",
            `is required: true when this program created the bucket, false for an existing one (got ${JSON.stringify(args.bucketCreatedHere)})`,
        );
    } else if (!args.bucketCreatedHere && args.manageExistingNotifications !== true) {
        problems.add(
            "manageExistingNotifications",
            existingBucketNotificationsReason(
                bucketLabel(args.bucketName),
                "manageExistingNotifications",
                args.manageExistingNotifications,
            ),
        );
    } else if (args.bucketCreatedHere && args.manageExistingNotifications !== undefined) {
        problems.add(
            "manageExistingNotifications",
            "must not be set for a bucket this program created: its notification configuration is this component's already",
        );
    }
    args.forwarders.forEach((forwarder, i) => {
        // Equal names, or the very same Input: an Output's value is unknown before deployment.
        if (forwarder.captureBucketName !== args.bucketName) {
            problems.add(
                `forwarders[${i}]`,
                `reads bucket ${describeBucket(forwarder.captureBucketName)}, not ${describeBucket(args.bucketName)}: only forwarders of this bucket can be in its notification configuration ` +
                    "(pass the forwarders and this component the same bucketName Input)",
            );
        }
    });
    const labelled = args.forwarders.map((forwarder, i) => ({
        label: `forwarders[${i}]`,
        propertyPath: `forwarders[${i}]`,
        name: forwarder.forwarderName,
        rules: forwarder.notificationRules,
    }));
    problems.addAll(notificationOverlapProblems(labelled, bucketLabel(args.bucketName)));
    return problems.list();
}

/**
 * The one notification configuration of a capture bucket, gathering the rules of every forwarder
 * on it. S3 keeps a single configuration per bucket, so per-forwarder declarations would replace
 * each other; overlapping rules, which S3 refuses at deploy time, are refused here first.
 *
 * Declares one S3 BucketNotification that invokes each forwarder's function on its rules, after
 * the forwarders' invoke permissions. Arguments: {@link CaptureBucketNotificationsArgs}.
 */
export class CaptureBucketNotifications extends pulumi.ComponentResource {
    public readonly bucketName: pulumi.Output<string>;
    /** Every rule, in declaration order, with its function's ARN. */
    public readonly rules: pulumi.Output<
        { id: string; lambdaFunctionArn: string; events: string[]; filterPrefix: string; filterSuffix: string }[]
    >;

    constructor(name: string, args: CaptureBucketNotificationsArgs, opts?: pulumi.ComponentResourceOptions) {
        const subject = `CaptureBucketNotifications "${name}"`;
        const problems = new ProblemCollector();
        problems.addAll(captureBucketNotificationsProblems(args));
        problems.throwIfAny(subject);
        super(CAPTURE_BUCKET_NOTIFICATIONS_TYPE, name, {}, opts);
        const lambdaFunctions = bucketNotificationRules(
            args.forwarders.map((forwarder) => ({ functionArn: forwarder.functionArn, rules: forwarder.notificationRules })),
        );
        new aws.s3.BucketNotification(
            `${name}-notification`,
            { bucket: args.bucketName, lambdaFunctions },
            { parent: this, dependsOn: args.forwarders.map((f) => f.invokePermission) },
        );
        this.bucketName = pulumi.output(args.bucketName);
        this.rules = pulumi.output(lambdaFunctions);
        this.registerOutputs({ bucketName: this.bucketName, rules: this.rules });
    }
}
