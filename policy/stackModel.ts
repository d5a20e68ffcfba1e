/**
 * Cross-resource lookups the stack rules share: endpoints joined to their endpoint configs,
 * alarms and what they watch. Stack rules see resource outputs (props), read lazily.
 */
import { ENDPOINT_CONFIG_TYPES, ENDPOINT_TYPES, TYPES } from "./resourceTypes";
import {
    endpointConfigShape,
    EndpointConfigShape,
    endpointShape,
    EndpointShape,
    metricAlarmShape,
    MetricAlarmShape,
    MetricRef,
    Props,
} from "./resourceShapes";
import { SAGEMAKER_METRIC_NAMESPACE } from "./sageMakerMetrics";

/** The part of a CrossGuard PolicyResource the stack rules use (plain objects work too). */
export interface StackResource {
    readonly type: string;
    readonly name: string;
    readonly urn: string;
    readonly props: Props;
}

/** `AWS/SageMaker` and the `/aws/sagemaker/*` namespaces (Endpoints, InferenceComponents, ...). */
export function isSageMakerNamespace(namespace: string | undefined): boolean {
    return namespace === SAGEMAKER_METRIC_NAMESPACE || (namespace?.startsWith("/aws/sagemaker/") ?? false);
}

export function resourcesOfType(resources: readonly StackResource[], types: readonly string[]): StackResource[] {
    return resources.filter((resource) => types.includes(resource.type));
}

export interface EndpointNode {
    readonly resource: StackResource;
    readonly endpoint: EndpointShape;
    /** The endpoint config declared in this stack, if any. */
    readonly config: EndpointConfigShape | undefined;
}

/** Every endpoint of the stack, joined to its endpoint config by physical config name. */
export function endpointsOf(resources: readonly StackResource[]): EndpointNode[] {
    const configsByName = new Map<string, EndpointConfigShape>();
    for (const resource of resourcesOfType(resources, ENDPOINT_CONFIG_TYPES)) {
        const config = endpointConfigShape(resource.type, resource.props)!;
        if (config.name !== undefined) {
            configsByName.set(config.name, config);
        }
    }
    return resourcesOfType(resources, ENDPOINT_TYPES).map((resource) => {
        const endpoint = endpointShape(resource.type, resource.props)!;
        const configName = endpoint.endpointConfigName;
        return { resource, endpoint, config: configName === undefined ? undefined : configsByName.get(configName) };
    });
}

export interface AlarmNode {
    readonly resource: StackResource;
    readonly alarm: MetricAlarmShape;
}

export function alarmsOf(resources: readonly StackResource[]): AlarmNode[] {
    return resourcesOfType(resources, [TYPES.metricAlarm]).map((resource) => ({ resource, alarm: metricAlarmShape(resource.props) }));
}

/** True when the metric is `namespace`/`metricName` with dimension EndpointName = `endpointName`. */
export function metricIs(metric: MetricRef, namespace: string, metricName: string, endpointName: string): boolean {
    return metric.namespace === namespace && metric.metricName === metricName && metric.dimensions.EndpointName === endpointName;
}

/** The alarms that watch `namespace`/`metricName` for `endpointName` (directly or in metricQueries). */
export function alarmsWatching(alarms: readonly AlarmNode[], namespace: string, metricName: string, endpointName: string): AlarmNode[] {
    return alarms.filter(({ alarm }) => alarm.metrics.some((metric) => metricIs(metric, namespace, metricName, endpointName)));
}
