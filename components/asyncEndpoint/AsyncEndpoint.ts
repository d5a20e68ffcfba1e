import * as pulumi from "@pulumi/pulumi";
import { buildAsyncAlarmDefinitions } from "./alarms/asyncAlarms";
import { declareMetricAlarms } from "../core/alarms/declareMetricAlarms";
import { topicWiring } from "../core/alarms/alarmActions";
import { AsyncEndpointArgs } from "./asyncEndpointArgs";
import { buildAsyncInferenceConfig } from "./asyncInferenceConfig";
import { declareNotificationTopics, NotificationTopics } from "./declareNotificationTopics";
import { validateAsyncEndpointArgs } from "./validateAsyncEndpointArgs";
import { AsyncOutputBucket } from "../asyncOutputBucket/AsyncOutputBucket";
import { declareEndpoint, EndpointKindExtras } from "../core/endpoint/declareEndpoint";
import { EndpointComponent } from "../core/endpoint/EndpointComponent";
import { resolveEndpointArgs } from "../core/endpoint/resolveEndpointArgs";
import { resolveBacklogScaling } from "./scaling/backlogScalingArgs";
import { declareBacklogScaling } from "./scaling/declareBacklogScaling";
import { withComponentTag } from "../core/tags";
import { checkedAtDeploy } from "../core/validation/deployTime";
import { awsContext } from "../core/awsContext";
import { regionBoundKeys } from "../core/endpoint/regionBoundKeys";
import { declareEndpointDashboard } from "../core/dashboards/declareEndpointDashboard";
import { resolveEndpointDashboard } from "../core/dashboards/endpointDashboardArgs";
import * as rules from "../../domain/validationRules";

export type { AsyncEndpointArgs } from "./asyncEndpointArgs";

const ASYNC_ENDPOINT_TYPE = "sagemaker-monitoring:endpoint:AsyncEndpoint";

/** Where requests, results and failures live, and the key results are encrypted with. */
interface IoLocations {
    inputPrefix: pulumi.Input<string>;
    outputPath: pulumi.Input<string>;
    failurePath: pulumi.Input<string>;
    kmsKeyArn: pulumi.Input<string>;
}

/**
 * An asynchronous SageMaker endpoint that queues requests from S3 and writes results back:
 * results and failures in a KMS-encrypted, TLS-only, private bucket, success and error
 * notifications on encrypted SNS topics, Data Capture and enhanced metrics as for real-time,
 * scaling on the queue (ApproximateBacklogSizePerInstance) with scale-from-zero, and alarms on
 * the queue and its failures. Never on Invocations, InvocationsPerInstance or OverheadLatency,
 * which async endpoints do not publish.
 *
 * Declares what RealtimeEndpoint does, plus an AsyncOutputBucket (unless
 * `async.existingLocations`), a KMS key and the success and error SNS topics with their policies
 * (unless given), an Application Auto Scaling target and policies per variant (unless scaling is
 * off), and CloudWatch alarms on `alarmTopicArn`. Arguments: {@link AsyncEndpointArgs}; every
 * invalid one is reported at once, before any resource is declared.
 */
export class AsyncEndpoint extends EndpointComponent {
    /** `s3://.../` prefix callers upload request payloads under (the InputLocation of InvokeEndpointAsync); the execution role may read it. */
    public readonly inputLocationPrefix: pulumi.Output<string>;
    /** Where results land (`S3OutputPath`). */
    public readonly outputPath: pulumi.Output<string>;
    /** Where failures land (`S3FailurePath`). */
    public readonly failurePath: pulumi.Output<string>;
    /** The key results are encrypted with; callers uploading requests to a created bucket encrypt with it too. */
    public readonly outputKmsKeyArn: pulumi.Output<string>;
    public readonly successTopicArn: pulumi.Output<string>;
    public readonly errorTopicArn: pulumi.Output<string>;
    /** Physical names of the alarms that notify the alarm topic. */
    public readonly alarmNames: pulumi.Output<string[]>;

    constructor(name: string, args: AsyncEndpointArgs, opts?: pulumi.ComponentResourceOptions) {
        validateAsyncEndpointArgs(name, args);
        super(ASYNC_ENDPOINT_TYPE, name, {}, opts);
        const subject = `AsyncEndpoint "${name}"`;
        const spec = resolveEndpointArgs(name, args);
        const async = args.async ?? {};
        const tags = withComponentTag(spec.tags, "async-endpoint");
        const { alarmTopicArn, notifications } = checkedTopicArns(subject, args);

        const locations = this.locations(name, subject, spec.endpointName, async, spec.tags);
        const topics = declareNotificationTopics(this, name, notifications, {
            executionRoleArn: args.executionRoleArn,
            tags,
            componentOpts: opts,
        });
        const scaling = resolveBacklogScaling(args.scaling);
        const extras = asyncEndpointExtras(async, locations, topics, scaling.enabled);
        const declared = declareEndpoint(this, name, subject, spec, { ...extras, regionBoundKeys: regionBoundKeys(args) }, opts);

        const variantNames = spec.variants.map((v) => v.name);
        declareBacklogScaling(this, name, { endpointName: spec.endpointName, variantNames, scaling, endpoint: declared.endpoint, tags });
        const definitions = buildAsyncAlarmDefinitions(spec.endpointName, variantNames, args.alarms);
        declareMetricAlarms(this, name, definitions, topicWiring(alarmTopicArn, tags, args.alarms?.actions));
        const settings = resolveEndpointDashboard(spec.endpointName, args.dashboard);
        const context = awsContext(this, opts);
        const { summary } = declareEndpointDashboard(this, name, {
            kind: "async",
            spec,
            settings,
            alarms: definitions,
            captureS3Uri: declared.captureS3Uri,
            context,
        });
        this.exposeDashboard(summary, settings.enabled ? settings.name : undefined);

        const endpointOutputs = this.exposeEndpointOutputs(declared);
        this.inputLocationPrefix = pulumi.output(locations.inputPrefix);
        this.outputPath = pulumi.output(locations.outputPath);
        this.failurePath = pulumi.output(locations.failurePath);
        this.outputKmsKeyArn = pulumi.output(locations.kmsKeyArn);
        this.successTopicArn = topics.successTopicArn;
        this.errorTopicArn = topics.errorTopicArn;
        this.alarmNames = pulumi.output(definitions.map((d) => d.alarmName));
        this.registerOutputs({
            ...endpointOutputs,
            inputLocationPrefix: this.inputLocationPrefix,
            outputPath: this.outputPath,
            failurePath: this.failurePath,
            outputKmsKeyArn: this.outputKmsKeyArn,
            successTopicArn: this.successTopicArn,
            errorTopicArn: this.errorTopicArn,
            alarmNames: this.alarmNames,
        });
    }

    /** The caller's locations (checked again once Outputs resolve), or a created AsyncOutputBucket's. */
    private locations(
        name: string,
        subject: string,
        endpointName: string,
        async: NonNullable<AsyncEndpointArgs["async"]>,
        tags: Record<string, string>,
    ): IoLocations {
        const existing = async.existingLocations;
        if (existing !== undefined) {
            const path = (key: "inputPrefix" | "outputPath" | "failurePath") =>
                checkedAtDeploy(subject, `async.existingLocations.${key}`, existing[key], rules.s3Uri);
            return {
                inputPrefix: path("inputPrefix"),
                outputPath: path("outputPath"),
                failurePath: path("failurePath"),
                kmsKeyArn: checkedAtDeploy(subject, "async.existingLocations.kmsKeyArn", existing.kmsKeyArn, rules.kmsKeyArn),
            };
        }
        const bucket = new AsyncOutputBucket(
            `${name}-io`,
            { endpointName, expirationDays: async.expirationDays, forceDestroy: async.forceDestroy, tags },
            { parent: this },
        );
        return {
            inputPrefix: bucket.inputPrefix,
            outputPath: bucket.outputPath,
            failurePath: bucket.failurePath,
            kmsKeyArn: bucket.kmsKeyArn,
        };
    }
}

/** The alarm topic and any given notification topics: plain values were validated above, Outputs are checked with the same rule once they resolve. */
function checkedTopicArns(subject: string, args: AsyncEndpointArgs) {
    const topicArn = (path: string, value: pulumi.Input<string> | undefined) =>
        value === undefined ? undefined : checkedAtDeploy(subject, path, value, rules.snsTopicArn);
    const alarmTopicArn = topicArn("alarmTopicArn", args.alarmTopicArn)!;
    const given = args.async?.notifications ?? {};
    const notifications = {
        ...given,
        successTopicArn: topicArn("async.notifications.successTopicArn", given.successTopicArn),
        errorTopicArn: topicArn("async.notifications.errorTopicArn", given.errorTopicArn),
    };
    return { alarmTopicArn, notifications };
}

/** What an async endpoint adds to the shared declaration: its AsyncInferenceConfig, the grants its role needs, and scaling. */
function asyncEndpointExtras(
    async: NonNullable<AsyncEndpointArgs["async"]>,
    locations: IoLocations,
    topics: NotificationTopics,
    autoscaled: boolean,
): EndpointKindExtras {
    const asyncInferenceConfig = pulumi
        .output({
            outputPath: locations.outputPath,
            failurePath: locations.failurePath,
            outputKmsKeyArn: locations.kmsKeyArn,
            successTopicArn: topics.successTopicArn,
            errorTopicArn: topics.errorTopicArn,
        })
        .apply((resolved) =>
            buildAsyncInferenceConfig({
                ...resolved,
                includeInferenceResponseIn: async.notifications?.includeInferenceResponseIn ?? [],
                maxConcurrentInvocationsPerInstance: async.maxConcurrentInvocationsPerInstance,
            }),
        );
    const roleScope = {
        writePrefixes: [locations.outputPath, locations.failurePath],
        readPrefixes: [locations.inputPrefix],
        encryptKmsKeyArns: [locations.kmsKeyArn, ...topics.kmsKeyArns],
        publishTopicArns: [topics.successTopicArn, topics.errorTopicArn],
    };
    return { asyncInferenceConfig, roleScope, autoscaled };
}
