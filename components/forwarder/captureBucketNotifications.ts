import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { inputPropertiesError, Problem, ProblemCollector } from "../validation/problems";
import { notificationOverlapProblems } from "./notificationOverlaps";
import { bucketNotificationRules, CaptureNotificationRule } from "./notificationRules";

/** What the bucket's notification needs of a forwarder (a CaptureForwarder has all of it). */
export interface NotifyingForwarder {
    /** The forwarder's component name, for messages. */
    readonly forwarderName: string;
    readonly bucketName: pulumi.Output<string>;
    readonly functionArn: pulumi.Output<string>;
    readonly notificationRules: CaptureNotificationRule[];
    /** S3's invoke permission: S3 refuses a notification whose function it may not invoke. */
    readonly invokePermission: pulumi.Resource;
}

export interface CaptureBucketNotificationsArgs {
    bucketName: pulumi.Input<string>;
    /** Every forwarder triggered by this bucket, at least one. */
    forwarders: NotifyingForwarder[];
}

export const CAPTURE_BUCKET_NOTIFICATIONS_TYPE = "sagemaker-monitoring:forwarding:CaptureBucketNotifications";

function bucketLabel(bucketName: pulumi.Input<string>): string {
    return typeof bucketName === "string" ? `bucket ${JSON.stringify(bucketName)}` : "the bucket";
}

/** Overlapping rules among the forwarders, at `forwarders[i]`. */
export function captureBucketNotificationsProblems(args: CaptureBucketNotificationsArgs): Problem[] {
    const problems = new ProblemCollector();
    if (args.forwarders.length === 0) {
        problems.add("forwarders", "must list at least one forwarder (a notification configuration without rules would remove the bucket's triggers)");
    }
    const labelled = args.forwarders.map((forwarder, i) => ({ label: `forwarders[${i}]`, propertyPath: `forwarders[${i}]`, name: forwarder.forwarderName, rules: forwarder.notificationRules }));
    problems.addAll(notificationOverlapProblems(labelled, bucketLabel(args.bucketName)));
    return problems.list();
}

/**
 * The one notification configuration of a capture bucket, gathering the rules of every forwarder
 * on it. S3 keeps a single configuration per bucket, so per-forwarder declarations would replace
 * each other; overlapping rules, which S3 refuses at deploy time, are refused here first.
 */
export class CaptureBucketNotifications extends pulumi.ComponentResource {
    public readonly bucketName: pulumi.Output<string>;
    /** Every rule, in declaration order, with its function's ARN. */
    public readonly rules: pulumi.Output<{ id: string; lambdaFunctionArn: string; events: string[]; filterPrefix: string; filterSuffix: string }[]>;

    constructor(name: string, args: CaptureBucketNotificationsArgs, opts?: pulumi.ComponentResourceOptions) {
        const subject = `CaptureBucketNotifications "${name}"`;
        const problems = new ProblemCollector();
        problems.addAll(captureBucketNotificationsProblems(args));
        problems.throwIfAny(subject);
        super(CAPTURE_BUCKET_NOTIFICATIONS_TYPE, name, {}, opts);
        // Each forwarder's bucket resolves only at deploy time; a forwarder of another bucket is an input error then.
        const bucket = pulumi.all([args.bucketName, ...args.forwarders.map((f) => f.bucketName)]).apply(([own, ...theirs]) => {
            const strangers = theirs.flatMap((other, i) =>
                other === own ? [] : [{ propertyPath: `forwarders[${i}]`, reason: `reads bucket ${JSON.stringify(other)}, not ${JSON.stringify(own)}: only forwarders of this bucket can be in its notification configuration` }],
            );
            if (strangers.length > 0) {
                throw inputPropertiesError(subject, strangers);
            }
            return own;
        });
        const lambdaFunctions = bucketNotificationRules(args.forwarders.map((forwarder) => ({ functionArn: forwarder.functionArn, rules: forwarder.notificationRules })));
        new aws.s3.BucketNotification(`${name}-notification`, { bucket, lambdaFunctions }, { parent: this, dependsOn: args.forwarders.map((f) => f.invokePermission) });
        this.bucketName = bucket;
        this.rules = pulumi.output(lambdaFunctions);
        this.registerOutputs({ bucketName: this.bucketName, rules: this.rules });
    }
}
