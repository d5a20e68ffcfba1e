import * as pulumi from "@pulumi/pulumi";
import { topicWiring } from "../core/alarms/alarmActions";
import { declareMetricAlarms } from "../core/alarms/declareMetricAlarms";
import { declareEndpoint } from "../core/endpoint/declareEndpoint";
import { EndpointComponent } from "../core/endpoint/EndpointComponent";
import { resolveEndpointArgs } from "../core/endpoint/resolveEndpointArgs";
import { captureDestinationRequired, endpointArgsProblems, WithoutWiring } from "../core/endpoint/validateEndpointArgs";
import { withComponentTag } from "../core/tags";
import { checkedAtDeploy } from "../core/validation/deployTime";
import { Problem, ProblemCollector } from "../core/validation/problems";
import { buildRealtimeAlarmDefinitions } from "./alarms/realtimeAlarms";
import { publishSettingsOf, realtimeAlarmProblems } from "./alarms/validateRealtimeAlarms";
import { buildDeploymentConfig, rollbackAlarmNames } from "./rollback/deploymentConfig";
import { autoRollbackProblems } from "./rollback/validateAutoRollback";
import { AlarmTarget, resolveSetting } from "../core/alarms/thresholdAlarms";
import { variantAlarmTarget } from "../core/alarms/variantAlarmTarget";
import { REALTIME_ALARM_DEFAULTS } from "./alarms/realtimeAlarmArgs";
import { gpuCatalogueOverrideProblems, gpusPerInstance, mergeGpuCatalogue } from "../../domain/gpuCatalogueRules";
import { isGpuInstanceType, isInstanceType } from "../../domain/instanceTypes";
import { isObject } from "../../domain/values";
import { RealtimeEndpointArgs } from "./realtimeEndpointArgs";
import * as rules from "../../domain/validationRules";
import { awsContext } from "../core/awsContext";
import { regionBoundKeys } from "../core/endpoint/regionBoundKeys";
import { declareEndpointDashboard } from "../core/dashboards/declareEndpointDashboard";
import { resolveEndpointDashboard } from "../core/dashboards/endpointDashboardArgs";

export type { RealtimeEndpointArgs } from "./realtimeEndpointArgs";

const REALTIME_ENDPOINT_TYPE = "sagemaker-monitoring:endpoint:RealtimeEndpoint";

/** The stack validates entries before the capture bucket and alarm topic they are wired to exist. */
export type RealtimeEndpointArgsWithoutWiring = WithoutWiring<RealtimeEndpointArgs>;

/** Every problem with RealtimeEndpoint arguments, paths relative to the arguments; Outputs are checked at deploy time. */
export function realtimeEndpointArgsProblems(componentName: string, args: RealtimeEndpointArgsWithoutWiring): Problem[] {
    const problems = new ProblemCollector();
    problems.addAll(endpointArgsProblems(componentName, args));
    if (args.alarmTopicArn !== undefined && rules.isKnownString(args.alarmTopicArn)) {
        problems.check("alarmTopicArn", rules.snsTopicArn(args.alarmTopicArn));
    }
    const alarmProblems = realtimeAlarmProblems(args.alarms, args.metrics);
    problems.addAll(alarmProblems);
    problems.addAll(gpuCatalogueOverrideProblems(args.gpuCatalogue), "gpuCatalogue");
    if (alarmProblems.length === 0) {
        problems.addAll(gpuCatalogueProblems(args));
    }
    if (alarmProblems.length === 0 && args.autoRollback !== undefined) {
        // Keys are checked against the alarms the endpoint would declare, so only once the thresholds
        // are valid; without autoRollback there is nothing to check them for (validation runs twice
        // per stack endpoint, the stack's and the component's, so the build is worth skipping).
        const definitions = buildRealtimeAlarmDefinitions("endpoint", alarmTargetsOf(args), publishSettingsOf(args.metrics), args.alarms);
        autoRollbackProblems(problems, args.autoRollback, definitions, { ...args.alarms });
    }
    return problems.list();
}

/** The stack's effective GPU catalogue as far as its override is an object (a broken one is reported at gpuCatalogue). */
function catalogueOf(args: { gpuCatalogue?: unknown }) {
    return mergeGpuCatalogue(isObject(args.gpuCatalogue) ? (args.gpuCatalogue as RealtimeEndpointArgs["gpuCatalogue"]) : {});
}

/** Each variant's name, instance type and GPUs as far as given (invalid ones are reported elsewhere). */
function alarmTargetsOf(args: RealtimeEndpointArgsWithoutWiring): AlarmTarget[] {
    const variants = Array.isArray(args.variants) ? args.variants : [{}];
    const catalogue = catalogueOf(args);
    return variants.map((variant, i) =>
        variantAlarmTarget(
            typeof variant?.name === "string" ? variant.name : `variant-${i}`,
            String(variant?.instanceType ?? args.instanceType ?? ""),
            catalogue,
        ),
    );
}

/**
 * A GPU instance type whose GPUs neither the built-in catalogue nor the stack's `gpuCatalogue`
 * knows, while a GPU alarm is on: its threshold is a percent of all the instance's GPUs.
 */
function gpuCatalogueProblems(args: RealtimeEndpointArgsWithoutWiring): Problem[] {
    const gpuAlarmsOn = (["maxGpuUtilizationPercent", "maxGpuMemoryUtilizationPercent"] as const).some(
        (key) => resolveSetting(args.alarms?.[key], REALTIME_ALARM_DEFAULTS[key]).levels.length > 0,
    );
    if (!gpuAlarmsOn) {
        return [];
    }
    const catalogue = catalogueOf(args);
    const variants = Array.isArray(args.variants) ? args.variants : [{}];
    const problems = new ProblemCollector();
    variants.forEach((variant, i) => {
        const own = isObject(variant) && variant.instanceType !== undefined;
        const instanceType = own ? variant.instanceType : args.instanceType;
        if (typeof instanceType !== "string" || !isInstanceType(instanceType) || !isGpuInstanceType(instanceType)) {
            return;
        }
        const found = gpusPerInstance(catalogue, instanceType);
        const path = own ? `variants[${i}].instanceType` : "instanceType";
        if ("reason" in found && !problems.list().some((p) => p.propertyPath === path)) {
            problems.add(
                path,
                `${found.reason}; or set alarms.maxGpuUtilizationPercent and alarms.maxGpuMemoryUtilizationPercent to false`,
            );
        }
    });
    return problems.list();
}

/** Throws one InputPropertiesError listing every invalid argument. */
export function validateRealtimeEndpointArgs(name: string, args: RealtimeEndpointArgs): void {
    const problems = new ProblemCollector();
    problems.addAll(captureDestinationRequired(args));
    if (args.alarmTopicArn === undefined || args.alarmTopicArn === null) {
        problems.add("alarmTopicArn", "is required: the SNS topic every alarm notifies, e.g. AlarmNotifications' topicArn");
    }
    problems.addAll(realtimeEndpointArgsProblems(name, args));
    problems.throwIfAny(`RealtimeEndpoint "${name}"`);
}

/**
 * A real-time SageMaker endpoint that is observable from its first deployment: Data Capture of
 * 100 % of inputs and outputs in readable content types, enhanced metrics, a least-privilege
 * execution role, endpoint metadata handed to the container, and the standard alarms per variant
 * (5xx errors, 4xx rate, p99 model and overhead latency, CPU, memory, disk and GPU utilization).
 *
 * Declares a SageMaker Model per variant, an EndpointConfig (Data Capture into
 * `captureDestination`, enhanced metrics) and the Endpoint, an IAM execution role and its policy
 * unless `executionRoleArn` is given, and CloudWatch alarms on `alarmTopicArn`. Arguments:
 * {@link RealtimeEndpointArgs}; every invalid one is reported at once, before any resource is declared.
 */
export class RealtimeEndpoint extends EndpointComponent {
    /** Physical names of the alarms that notify the alarm topic. */
    public readonly alarmNames: pulumi.Output<string[]>;

    constructor(name: string, args: RealtimeEndpointArgs, opts?: pulumi.ComponentResourceOptions) {
        validateRealtimeEndpointArgs(name, args);
        super(REALTIME_ENDPOINT_TYPE, name, {}, opts);
        const subject = `RealtimeEndpoint "${name}"`;
        const spec = resolveEndpointArgs(name, args);
        const catalogue = catalogueOf(args);
        const targets = spec.variants.map((v) => variantAlarmTarget(v.name, v.instanceType, catalogue));
        const publish = { enhancedMetrics: spec.metrics.enhancedMetrics, publishFrequencySeconds: spec.metrics.publishFrequencySeconds };
        const definitions = buildRealtimeAlarmDefinitions(spec.endpointName, targets, publish, args.alarms);
        const alarmTopicArn = checkedAtDeploy(subject, "alarmTopicArn", args.alarmTopicArn, rules.snsTopicArn);
        const tags = withComponentTag(spec.tags, "realtime-endpoint");
        // Alarms first: they need only the endpoint's name (a string), and the endpoint waits for its rollback alarms.
        const alarms = declareMetricAlarms(this, name, definitions, topicWiring(alarmTopicArn, tags, args.alarms?.actions));
        const rollbackNames = args.autoRollback === undefined ? [] : rollbackAlarmNames(definitions, args.autoRollback.alarms);
        const extras =
            args.autoRollback === undefined
                ? {}
                : {
                      deploymentConfig: buildDeploymentConfig(args.autoRollback, rollbackNames),
                      endpointDependsOn: alarms.filter((_alarm, i) => rollbackNames.includes(definitions[i].alarmName)),
                  };
        const declared = declareEndpoint(this, name, subject, spec, { ...extras, regionBoundKeys: regionBoundKeys(args) }, opts);
        const settings = resolveEndpointDashboard(spec.endpointName, args.dashboard);
        const { summary } = declareEndpointDashboard(this, name, {
            kind: "realtime",
            spec,
            settings,
            alarms: definitions,
            captureS3Uri: declared.captureS3Uri,
            context: awsContext(this, opts),
        });
        this.exposeDashboard(summary, settings.enabled ? settings.name : undefined);
        this.alarmNames = pulumi.output(definitions.map((d) => d.alarmName));
        this.registerOutputs({ ...this.exposeEndpointOutputs(declared), alarmNames: this.alarmNames });
    }
}
