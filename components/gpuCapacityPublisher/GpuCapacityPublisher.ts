import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import {
    buildGpuCapacityRolePolicy,
    buildGpuCapacityTargets,
    buildPublisherErrorAlarm,
    GPU_CAPACITY_SCHEDULE,
} from "./gpuCapacityDocuments";
import { cachedBundle, LAMBDA_RUNTIME, lambdaCodeArchive, lambdaSourceCodeHash } from "../captureForwarder/bundleLambda";
import { buildForwarderKeyPolicy } from "../captureForwarder/forwarderKeyPolicy";
import { declareMetricAlarms } from "../core/alarms/declareMetricAlarms";
import { AwsContext, awsContext } from "../core/awsContext";
import { serviceTrustPolicy } from "../core/iam/policyDocument";
import { withComponentTag } from "../core/tags";
import { inputPropertiesError } from "../core/validation/problems";
import { GpuCapacitySubject } from "../inferenceComponentEndpoint/InferenceComponentEndpoint";
import { GPU_CAPACITY_ENVIRONMENT } from "../../domain/gpuCapacityContract";

/** Without extension: the `.ts` source from the repository, the compiled `.js` from the installed package. */
const GPU_CAPACITY_ENTRY = "lambdas/gpu-capacity/index";

export interface GpuCapacityPublisherArgs {
    /** The GPU endpoints to evaluate: each InferenceComponentEndpoint's `gpuCapacitySubject`. */
    endpoints: GpuCapacitySubject[];
    /** SNS topic the publisher's error alarm notifies on ALARM and OK. */
    alarmTopicArn: pulumi.Input<string>;
    /** @default `<component name>-<stack>` */
    functionName?: string;
    /** Days its logs are kept. @default 30 */
    logRetentionDays?: number;
    /** @default {} */
    tags?: Record<string, string>;
}

/**
 * Publishes, every minute, the GPU capacity of inference-component endpoints that CloudWatch alarms
 * cannot compute (alarms cannot evaluate SEARCH): instances, GPUs in use, free and idle GPUs and
 * cost per component (docs/gpu-capacity.md). Declares its KMS key, log group (retention,
 * encrypted), execution role and least-privilege policy, the Lambda (bundled with esbuild), an
 * EventBridge rule every minute with its target and invoke permission, and an alarm on its errors.
 * Declare one per stack: the stack program does when any GPU endpoint exists.
 */
export class GpuCapacityPublisher extends pulumi.ComponentResource {
    public readonly functionName: pulumi.Output<string>;
    public readonly functionArn: pulumi.Output<string>;

    constructor(name: string, args: GpuCapacityPublisherArgs, opts?: pulumi.ComponentResourceOptions) {
        super("sagemaker-monitoring:monitoring:GpuCapacityPublisher", name, {}, opts);
        const functionName = args.functionName ?? `${name}-${pulumi.getStack()}`;
        const tags = withComponentTag(args.tags ?? {}, "gpu-capacity-publisher");
        const context = awsContext(this, opts);
        const { logGroup, role, rolePolicy } = this.declareAccess(name, functionName, args.logRetentionDays ?? 30, tags, context);
        const targets = context.apply((c) => {
            const built = buildGpuCapacityTargets(args.endpoints, c.region);
            if ("problems" in built) {
                throw inputPropertiesError(`GpuCapacityPublisher "${name}"`, built.problems);
            }
            return JSON.stringify(built.targets);
        });
        const bundle = cachedBundle(GPU_CAPACITY_ENTRY);
        const fn = new aws.lambda.Function(
            `${name}-function`,
            {
                name: functionName,
                description:
                    "Publishes GPU capacity, idle GPUs and cost of inference-component endpoints every minute (sagemaker-monitoring)",
                runtime: LAMBDA_RUNTIME,
                handler: "index.handler",
                code: lambdaCodeArchive(bundle),
                sourceCodeHash: lambdaSourceCodeHash(bundle),
                role: role.arn,
                // Under the schedule's minute, so runs never overlap.
                timeout: 50,
                memorySize: 256,
                environment: {
                    variables: { [GPU_CAPACITY_ENVIRONMENT.targets]: targets, [GPU_CAPACITY_ENVIRONMENT.publisher]: functionName },
                },
                tags,
            },
            { parent: this, dependsOn: [logGroup, rolePolicy] },
        );
        this.declareSchedule(name, fn, tags);
        const topic = args.alarmTopicArn;
        declareMetricAlarms(this, name, [buildPublisherErrorAlarm(functionName)], { alarmActions: [topic], okActions: [topic], tags });
        this.functionName = fn.name;
        this.functionArn = fn.arn;
        this.registerOutputs({ functionName: this.functionName, functionArn: this.functionArn });
    }

    /** Its KMS key and encrypted log group with retention, and its role with the least-privilege policy. */
    private declareAccess(
        name: string,
        functionName: string,
        retentionInDays: number,
        tags: Record<string, string>,
        context: pulumi.Output<AwsContext>,
    ) {
        const parent = { parent: this };
        const logGroupArn = context.apply(
            (c) => `arn:${c.partition}:logs:${c.region}:${c.accountId}:log-group:/aws/lambda/${functionName}`,
        );
        const key = new aws.kms.Key(
            `${name}-key`,
            {
                description: `Encrypts the logs of GPU-capacity publisher ${functionName}`,
                enableKeyRotation: true,
                deletionWindowInDays: 30,
                policy: pulumi
                    .output({ context, logGroupArn })
                    .apply(({ context: c, logGroupArn: arn }) =>
                        JSON.stringify(buildForwarderKeyPolicy(c.partition, c.region, c.accountId, arn)),
                    ),
                tags,
            },
            parent,
        );
        const logGroup = new aws.cloudwatch.LogGroup(
            `${name}-logs`,
            { name: `/aws/lambda/${functionName}`, retentionInDays, kmsKeyId: key.arn, tags },
            parent,
        );
        const role = new aws.iam.Role(
            `${name}-role`,
            {
                description: `Execution role of GPU-capacity publisher ${functionName}: reads endpoint metrics, publishes to its namespace only`,
                assumeRolePolicy: context.apply((c) => JSON.stringify(serviceTrustPolicy("lambda.amazonaws.com", c.accountId))),
                tags,
            },
            parent,
        );
        const rolePolicy = new aws.iam.RolePolicy(
            `${name}-policy`,
            { role: role.name, policy: logGroupArn.apply((arn) => JSON.stringify(buildGpuCapacityRolePolicy(arn))) },
            parent,
        );
        return { logGroup, role, rolePolicy };
    }

    /** The EventBridge rule every minute, its target, and its permission to invoke this function only. */
    private declareSchedule(name: string, fn: aws.lambda.Function, tags: Record<string, string>): void {
        const parent = { parent: this };
        const rule = new aws.cloudwatch.EventRule(
            `${name}-schedule`,
            { description: "Runs the GPU-capacity publisher every minute", scheduleExpression: GPU_CAPACITY_SCHEDULE, tags },
            parent,
        );
        new aws.lambda.Permission(
            `${name}-invoke`,
            { action: "lambda:InvokeFunction", function: fn.name, principal: "events.amazonaws.com", sourceArn: rule.arn },
            parent,
        );
        new aws.cloudwatch.EventTarget(`${name}-target`, { rule: rule.name, arn: fn.arn }, parent);
    }
}
