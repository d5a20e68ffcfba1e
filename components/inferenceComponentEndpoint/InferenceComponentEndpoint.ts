import * as pulumi from "@pulumi/pulumi";
import { ComponentRollback, declareInferenceComponents } from "./declareInferenceComponents";
import { buildComponentAlarmDefinitions } from "./componentAlarms";
import { InferenceComponentEndpointArgs } from "./inferenceComponentEndpointArgs";
import { ResolvedGpuHosting, resolveInferenceComponentEndpoint } from "./resolveInferenceComponentEndpoint";
import { validateInferenceComponentEndpointArgs } from "./validateInferenceComponentEndpointArgs";
import { buildComponentDeploymentConfig, componentRollbackAlarmNames } from "./rollback/componentDeploymentConfig";
import { ComponentAutoRollbackArgs } from "./rollback/componentRollbackArgs";
import { AnyAlarmDefinition } from "../core/alarms/alarmDefinition";
import { topicWiring } from "../core/alarms/alarmActions";
import { declareMetricAlarms } from "../core/alarms/declareMetricAlarms";
import { variantAlarmTarget } from "../core/alarms/variantAlarmTarget";
import { awsContext } from "../core/awsContext";
import { regionBoundKeys } from "../core/endpoint/regionBoundKeys";
import { declareEndpointDashboard } from "../core/dashboards/declareEndpointDashboard";
import { resolveEndpointDashboard } from "../core/dashboards/endpointDashboardArgs";
import { declareEndpoint } from "../core/endpoint/declareEndpoint";
import { EndpointComponent } from "../core/endpoint/EndpointComponent";
import { withComponentTag } from "../core/tags";
import { checkedAtDeploy } from "../core/validation/deployTime";
import { snsTopicArn } from "../../domain/validationRules";
import { GpuEndpointInput } from "../../dashboards/gpuWidgets";
import { hourlyPrice, mergeGpuCatalogue } from "../../domain/gpuCatalogueRules";
import { GPU_DIMENSION_CANDIDATES } from "../../domain/sageMakerMetrics";

export type { InferenceComponentEndpointArgs } from "./inferenceComponentEndpointArgs";

const INFERENCE_COMPONENT_ENDPOINT_TYPE = "sagemaker-monitoring:endpoint:InferenceComponentEndpoint";

/** What the GPU-capacity publisher needs to evaluate one GPU endpoint (everything but the region's price). */
export interface GpuCapacitySubject extends ResolvedGpuHosting {
    endpointName: string;
    variantName: string;
    periodSeconds: number;
    components: { name: string; label: string }[];
}

/** What the GPU widgets of the detail dashboard need, once the region (and so the price) is known. */
function gpuWidgetsInput(
    subject: string,
    gpu: ResolvedGpuHosting,
    components: readonly { physicalName: string }[],
): (region: string) => GpuEndpointInput {
    return (region) => {
        const price = hourlyPrice(gpu.catalogue, gpu.instanceType, region);
        if ("reason" in price) {
            throw new Error(`${subject}: gpuCatalogue ${price.reason}`);
        }
        return {
            instance: { gpusPerInstance: gpu.gpusPerInstance, hourlyPriceUsd: price.usd },
            // The enhanced-metrics guide's name; the publisher discovers the real one, a dashboard cannot.
            perGpuDimension: GPU_DIMENSION_CANDIDATES[0],
            inferenceComponents: components.map((c) => ({ name: c.physicalName })),
        };
    };
}

/** A component's DeploymentConfig and the alarms it names; none without `autoRollback`. */
function componentRollback(
    rollback: ComponentAutoRollbackArgs | undefined,
    definitions: AnyAlarmDefinition[],
    alarms: pulumi.Resource[],
    physicalName: string,
): ComponentRollback | undefined {
    if (rollback === undefined) {
        return undefined;
    }
    const names = componentRollbackAlarmNames(definitions, rollback.alarms, physicalName);
    return {
        deploymentConfig: buildComponentDeploymentConfig(rollback, names),
        alarms: alarms.filter((_alarm, i) => names.includes(definitions[i].alarmName)),
    };
}

/**
 * A real-time endpoint whose models are inference components: several models share the same
 * (GPU) instances, each with its own compute requirements, copies and copy autoscaling. Data
 * Capture and enhanced metrics as on every endpoint; the standard real-time alarms per component
 * (errors, latency) and per instance (utilization); on GPU instances, alarms on the free and idle
 * GPUs the GpuCapacityPublisher derives (declare one per stack: the stack program does).
 *
 * Declares the execution role (unless given), one Model per component, a model-less
 * EndpointConfig with one instance-based variant under managed instance scaling, the Endpoint,
 * one `aws-native:sagemaker:InferenceComponent` per model (with a rolling update that rolls back
 * on the chosen alarms, given `autoRollback`), an Application Auto Scaling target and
 * policy per autoscaled component, and the alarms on `alarmTopicArn`. Arguments:
 * {@link InferenceComponentEndpointArgs}; every invalid one is reported at once, before any resource.
 */
export class InferenceComponentEndpoint extends EndpointComponent {
    /** Physical InferenceComponentNames, in argument order. */
    public readonly inferenceComponentNames: pulumi.Output<string[]>;
    /** Physical names of the alarms: per component, per variant, and the GPU alarms on GPU instances. */
    public readonly alarmNames: pulumi.Output<string[]>;
    /** Set on GPU instance types: what a GpuCapacityPublisher needs to evaluate this endpoint. */
    public readonly gpuCapacitySubject?: GpuCapacitySubject;

    constructor(name: string, args: InferenceComponentEndpointArgs, opts?: pulumi.ComponentResourceOptions) {
        validateInferenceComponentEndpointArgs(name, args);
        super(INFERENCE_COMPONENT_ENDPOINT_TYPE, name, {}, opts);
        const subject = `InferenceComponentEndpoint "${name}"`;
        const spec = resolveInferenceComponentEndpoint(name, args);
        const declared = declareEndpoint(
            this,
            name,
            subject,
            spec.endpoint,
            {
                modelLessVariant: spec.hostVariant,
                regionBoundKeys: regionBoundKeys(args),
            },
            opts,
        );
        const { endpointName } = spec.endpoint;
        const { enhancedMetrics, publishFrequencySeconds } = spec.endpoint.metrics;
        const definitions = buildComponentAlarmDefinitions(
            {
                endpointName,
                target: variantAlarmTarget(spec.hostVariant.variantName, args.instanceType, mergeGpuCatalogue(args.gpuCatalogue)),
                components: spec.components,
                publish: { enhancedMetrics, publishFrequencySeconds },
                ...(spec.gpu === undefined ? {} : { gpuAlarms: args.gpuAlarms ?? {} }),
            },
            args.alarms,
        );
        const topic = checkedAtDeploy(subject, "alarmTopicArn", args.alarmTopicArn, snsTopicArn);
        const tags = withComponentTag(spec.endpoint.tags, "inference-component-endpoint");
        const alarms = declareMetricAlarms(this, name, definitions, topicWiring(topic, tags, args.alarms?.actions));
        const components = declareInferenceComponents(this, name, spec, declared, (physicalName) =>
            componentRollback(args.autoRollback, definitions, alarms, physicalName),
        );
        if (spec.gpu !== undefined) {
            this.gpuCapacitySubject = {
                ...spec.gpu,
                endpointName,
                variantName: spec.hostVariant.variantName,
                periodSeconds: spec.endpoint.metrics.publishFrequencySeconds,
                components: spec.components.map((c) => ({ name: c.physicalName, label: c.label })),
            };
        }
        const settings = resolveEndpointDashboard(endpointName, args.dashboard);
        const { summary } = declareEndpointDashboard(this, name, {
            kind: "realtime",
            spec: spec.endpoint,
            settings,
            alarms: definitions,
            captureS3Uri: declared.captureS3Uri,
            context: awsContext(this, opts),
            ...(spec.gpu === undefined ? {} : { gpu: gpuWidgetsInput(subject, spec.gpu, spec.components) }),
        });
        this.exposeDashboard(summary, settings.enabled ? settings.name : undefined);
        const endpointOutputs = this.exposeEndpointOutputs(declared);
        this.inferenceComponentNames = pulumi.all(components.map((c) => c.inferenceComponentName as pulumi.Output<string>));
        this.alarmNames = pulumi.output(definitions.map((d) => d.alarmName));
        this.registerOutputs({ ...endpointOutputs, inferenceComponentNames: this.inferenceComponentNames, alarmNames: this.alarmNames });
    }
}
