/**
 * Cross-resource lookups the stack rules share: endpoints joined to their endpoint configs,
 * alarms and what they watch, and references between resources. Stack rules see resource
 * outputs (props), read lazily.
 *
 * Joins prefer what the engine knows during preview: `propertyDependencies` (which resources a
 * property's value was computed from) and parents. On a new stack, the values that name other
 * resources (a hashed endpoint config name, an ARN, a queue URL) are unknown until deployment;
 * a join on them would stop the rule ("can't run policy ... during preview"). Only when a
 * property depends on no resource of the wanted type (a literal name, a resource outside the
 * stack) do the joins compare names, which are then known.
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
    scalingTargetShape,
    ScalingTargetShape,
} from "./resourceShapes";
import { UnknownValueError } from "./policySdkInternals";
import { knownString, knownStrings, requireKnown } from "./previewSafe";
import { SAGEMAKER_METRIC_NAMESPACE } from "../domain/sageMakerMetrics";
import { parseVariantResourceId, SAGEMAKER_VARIANT_SCALING } from "../domain/variantScaling";

/** The part of a CrossGuard PolicyResource the stack rules use (plain objects work too). */
export interface StackResource {
    readonly type: string;
    readonly name: string;
    readonly urn: string;
    readonly props: Props;
    /** Per property, the resources its value was computed from (the engine fills this in). */
    readonly propertyDependencies?: Readonly<Record<string, readonly StackResource[]>>;
    readonly parent?: StackResource;
    /** The resource options the engine reports; `parent` is the parent's URN. */
    readonly opts?: { readonly parent?: string };
}

/** `AWS/SageMaker` and the `/aws/sagemaker/*` namespaces (Endpoints, InferenceComponents, ...). */
export function isSageMakerNamespace(namespace: string | undefined): boolean {
    return namespace === SAGEMAKER_METRIC_NAMESPACE || (namespace?.startsWith("/aws/sagemaker/") ?? false);
}

export function resourcesOfType(resources: readonly StackResource[], types: readonly string[]): StackResource[] {
    return resources.filter((resource) => types.includes(resource.type));
}

/** The resources of `types` that `property` of `resource` was computed from (known at preview). */
export function dependenciesOf(resource: StackResource, property: string, types: readonly string[]): StackResource[] {
    return (resource.propertyDependencies?.[property] ?? []).filter((dependency) => types.includes(dependency.type));
}

/** How {@link referencedResources} may treat values unknown at preview. */
export interface ReferenceOptions {
    /**
     * The candidates' identities are assigned by AWS (ARNs with generated ids, queue URLs), so a
     * value that depends on no candidate cannot be one, even while unknown. Leave false for
     * names a program chooses: two resources may compute the same name from a third one.
     * @default false
     */
    readonly assignedIdentities?: boolean;
    /**
     * The known values in the property that can name a candidate.
     * @default the property itself, a string or a list of strings (see knownStrings)
     */
    readonly values?: (props: Props) => readonly (string | undefined)[];
}

/**
 * The resources among `candidates` that `property` of `resource` refers to: when its value was
 * computed from resources of the candidates' types, those of them that are candidates (known at
 * preview); else the candidates whose `identities` include one of the property's values. An unknown value then stops the caller (UnknownValueError, so the
 * engine reports "can't run ... during preview"), unless `assignedIdentities` says it cannot name a
 * candidate. A candidate whose identities are unknown is skipped while another matches; if none
 * matches and some were unknown, the unknown is rethrown, since the answer may be among them.
 */
export function referencedResources(
    resource: StackResource,
    property: string,
    candidates: readonly StackResource[],
    identities: (candidate: StackResource) => readonly (string | undefined)[],
    options: ReferenceOptions = {},
): StackResource[] {
    const types = [...new Set(candidates.map((candidate) => candidate.type))];
    const candidateUrns = new Set(candidates.map((candidate) => candidate.urn));
    const dependencies = dependenciesOf(resource, property, types);
    if (dependencies.length > 0) {
        // Built from resources of the wanted types: it refers to those (which may not be among `candidates`).
        return dependencies.filter((dependency) => candidateUrns.has(dependency.urn));
    }
    if (!options.assignedIdentities) {
        requireKnown(resource.props, property);
    }
    const wanted = (options.values?.(resource.props) ?? knownStrings(resource.props, property)).filter(
        (value): value is string => value !== undefined,
    );
    if (wanted.length === 0) {
        return [];
    }
    let unknown: unknown;
    const matches = candidates.filter((candidate) => {
        try {
            return identities(candidate).some((identity) => identity !== undefined && wanted.includes(identity));
        } catch (e) {
            if (!(e instanceof UnknownValueError)) {
                throw e;
            }
            unknown ??= e;
            return false;
        }
    });
    if (matches.length === 0 && unknown !== undefined) {
        throw unknown;
    }
    return matches;
}

export interface EndpointNode {
    readonly resource: StackResource;
    readonly endpoint: EndpointShape;
    /** The endpoint config resource declared in this stack, if any (read on first use: the join may need an unknown value). */
    readonly configResource: StackResource | undefined;
    /** Its shape. */
    readonly config: EndpointConfigShape | undefined;
}

/**
 * Every endpoint of the stack, joined to its endpoint config through the propertyDependencies
 * of `endpointConfigName` (known at preview), else by physical config name.
 */
export function endpointsOf(resources: readonly StackResource[]): EndpointNode[] {
    const configs = resourcesOfType(resources, ENDPOINT_CONFIG_TYPES);
    return resourcesOfType(resources, ENDPOINT_TYPES).map((resource) => {
        let joined: { resource: StackResource | undefined } | undefined;
        const configResource = () =>
            (joined ??= {
                resource: referencedResources(resource, "endpointConfigName", configs, (config) => [
                    endpointConfigShape(config.type, config.props)!.name,
                ])[0],
            }).resource;
        return {
            resource,
            endpoint: endpointShape(resource.type, resource.props)!,
            get configResource() {
                return configResource();
            },
            get config() {
                const found = configResource();
                return found === undefined ? undefined : endpointConfigShape(found.type, found.props);
            },
        };
    });
}

/** The endpoint nodes by physical endpoint name (endpoint names are literals, known at preview). */
export function endpointsByName(endpoints: readonly EndpointNode[]): Map<string, EndpointNode> {
    const byName = new Map<string, EndpointNode>();
    for (const node of endpoints) {
        const name = node.endpoint.endpointName;
        if (name !== undefined) {
            byName.set(name, node);
        }
    }
    return byName;
}

export interface AlarmNode {
    readonly resource: StackResource;
    readonly alarm: MetricAlarmShape;
}

export function alarmsOf(resources: readonly StackResource[]): AlarmNode[] {
    return resourcesOfType(resources, [TYPES.metricAlarm]).map((resource) => ({ resource, alarm: metricAlarmShape(resource.props) }));
}

/** True when the metric is `namespace`/`metricName` with dimension EndpointName = `endpointName`. */
function metricIs(metric: MetricRef, namespace: string, metricName: string, endpointName: string): boolean {
    return metric.namespace === namespace && metric.metricName === metricName && metric.dimensions.EndpointName === endpointName;
}

/** The alarms that watch `namespace`/`metricName` for `endpointName` (directly or in metricQueries). */
export function alarmsWatching(alarms: readonly AlarmNode[], namespace: string, metricName: string, endpointName: string): AlarmNode[] {
    return alarms.filter(({ alarm }) => alarm.metrics.some((metric) => metricIs(metric, namespace, metricName, endpointName)));
}

export interface VariantTargetNode {
    readonly resource: StackResource;
    readonly target: ScalingTargetShape;
    /** The resource id (`endpoint/<endpoint>/variant/<variant>`) when known, else the logical name: for messages. */
    readonly label: string;
}

/** Every Application Auto Scaling target of a SageMaker variant's instance count. */
export function variantTargetsOf(resources: readonly StackResource[]): VariantTargetNode[] {
    return resourcesOfType(resources, [TYPES.scalingTarget])
        .map((resource) => ({
            resource,
            target: scalingTargetShape(resource.props),
            label: knownString(resource.props, "resourceId") ?? resource.name,
        }))
        .filter(
            ({ target }) =>
                target.serviceNamespace === SAGEMAKER_VARIANT_SCALING.serviceNamespace &&
                target.scalableDimension === SAGEMAKER_VARIANT_SCALING.scalableDimension,
        );
}

/**
 * The endpoint a variant target scales: the Endpoint its resourceId was computed from (known at
 * preview), else the endpoint the resource id names (reading it; an unknown one throws
 * UnknownValueError). Undefined for an endpoint outside the stack.
 */
export function endpointOfTarget(node: VariantTargetNode, endpoints: readonly EndpointNode[]): EndpointNode | undefined {
    const [dependency] = dependenciesOf(node.resource, "resourceId", ENDPOINT_TYPES);
    if (dependency !== undefined) {
        return endpoints.find((endpoint) => endpoint.resource.urn === dependency.urn);
    }
    const parsed = parseVariantResourceId(node.target.resourceId ?? "");
    return parsed === undefined ? undefined : endpointsByName(endpoints).get(parsed.endpointName);
}
