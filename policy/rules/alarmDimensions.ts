/**
 * alarm-dimensions-match-endpoint: an alarm on a SageMaker metric watches exactly one series,
 * named by its namespace, metric and full dimension set. If EndpointName matches no endpoint, if
 * VariantName is not one of that endpoint's variants, or if the dimension set is not one SageMaker
 * publishes the metric with (ApproximateBacklogSize with a VariantName, ModelLatency without one),
 * the alarm watches nothing: it sits in INSUFFICIENT_DATA forever, or "OK" with treatMissingData.
 * An inference component's invocation metrics are published with InferenceComponentName alone:
 * such an alarm must name one of the stack's inference components instead of an endpoint.
 * An alarm without actions notifies nobody.
 */
import { checkEach, isUnknownAt, knownString } from "../previewSafe";
import { allVariants, MetricRef } from "../resourceShapes";
import { TYPES } from "../resourceTypes";
import {
    describePublishedDimensions,
    dimensionMismatch,
    publishedComponentDimensions,
    PublishedDimensions,
    publishedDimensions,
} from "../../domain/sageMakerMetrics";
import { alarmsOf, EndpointNode, endpointsByName, endpointsOf, isSageMakerNamespace, resourcesOfType, StackResource } from "../stackModel";
import { uniqueSorted } from "../../domain/values";
import { listOrNone as list, PackStackPolicy, RuleDefinition, violation } from "./ruleKit";

/** The stack's InferenceComponentNames, or undefined while one is unknown (preview). */
function componentNamesOf(resources: readonly StackResource[]): string[] | undefined {
    const components = resourcesOfType(resources, [TYPES.inferenceComponent]);
    if (components.some((c) => isUnknownAt(c.props, "inferenceComponentName"))) {
        return undefined;
    }
    return uniqueSorted(components.flatMap((c) => knownString(c.props, "inferenceComponentName") ?? []));
}

/** A dimension set other than the published one, as a [problem, remediation] pair. */
function mismatchProblem(metric: MetricRef, subject: string, published: PublishedDimensions, variants?: string[]): [string, string][] {
    const given = Object.keys(metric.dimensions).sort();
    const { missing, unexpected } = dimensionMismatch(published, given);
    if (missing.length === 0 && unexpected.length === 0) {
        return [];
    }
    const fixes = [
        ...(unexpected.length > 0 ? [`remove ${unexpected.join(", ")} from dimensions`] : []),
        ...missing.map(
            (name) => `add dimensions.${name}${name === "VariantName" && variants !== undefined ? ` (one of ${list(variants)})` : ""}`,
        ),
    ];
    return [
        [
            `Alarm ${metric.path} (${metric.namespace} ${metric.metricName}) on ${subject} has dimensions ${given.join(", ")}, but SageMaker publishes ${metric.metricName} with ${describePublishedDimensions(published)}, so the alarm never receives data.`,
            `${fixes.join("; ")}.`,
        ],
    ];
}

/**
 * An alarm on an inference component's invocation metrics (InferenceComponentName, no
 * EndpointName): the component must be one of the stack's, and the dimension set the published one.
 */
function componentDimensionProblems(metric: MetricRef, componentName: string, components: string[] | undefined): [string, string][] {
    const where = `${metric.path} (${metric.namespace} ${metric.metricName})`;
    if (components !== undefined && !components.includes(componentName)) {
        return [
            [
                `Alarm ${where} has InferenceComponentName "${componentName}", which matches no inference component of this stack.`,
                `set dimensions.InferenceComponentName to one of this stack's inference components (${list(components)}).`,
            ],
        ];
    }
    const published = publishedComponentDimensions(metric.namespace, metric.metricName);
    if (published === undefined) {
        return [
            [
                `Alarm ${where} has InferenceComponentName "${componentName}", but SageMaker does not publish ${metric.metricName} per inference component, so the alarm never receives data.`,
                "watch an invocation metric (Invocations, Invocation4XXErrors, Invocation5XXErrors, ModelLatency, OverheadLatency, ...) per component, or the endpoint's metric with EndpointName and VariantName.",
            ],
        ];
    }
    return mismatchProblem(metric, `inference component "${componentName}"`, published);
}

/** What is wrong with one metric's dimensions, as [problem, remediation] pairs. */
function dimensionProblems(
    metric: MetricRef,
    endpoints: ReadonlyMap<string, EndpointNode>,
    components: string[] | undefined,
): [string, string][] {
    const where = `${metric.path} (${metric.namespace} ${metric.metricName})`;
    const componentName = metric.dimensions.InferenceComponentName;
    if (componentName !== undefined && metric.dimensions.EndpointName === undefined) {
        return componentDimensionProblems(metric, componentName, components);
    }
    const known = list(uniqueSorted([...endpoints.keys()]));
    const endpointName = metric.dimensions.EndpointName;
    if (endpointName === undefined) {
        return [
            [`Alarm ${where} has no EndpointName dimension.`, `set dimensions.EndpointName to one of this stack's endpoints (${known}).`],
        ];
    }
    const node = endpoints.get(endpointName);
    if (node === undefined) {
        return [
            [
                `Alarm ${where} has EndpointName "${endpointName}", which matches no endpoint of this stack.`,
                `set dimensions.EndpointName to one of this stack's endpoints (${known}).`,
            ],
        ];
    }
    const problems: [string, string][] = [];
    const variants =
        node.config === undefined ? undefined : uniqueSorted(allVariants(node.config).flatMap((variant) => variant.variantName ?? []));
    const variantName = metric.dimensions.VariantName;
    if (variantName !== undefined && variants !== undefined && !variants.includes(variantName)) {
        problems.push([
            `Alarm ${where} has VariantName "${variantName}", which is not a variant of endpoint "${endpointName}" (variants: ${list(variants)}).`,
            `set dimensions.VariantName to one of ${list(variants)}.`,
        ]);
    }
    const published = publishedDimensions(metric.namespace, metric.metricName);
    if (published !== undefined) {
        problems.push(...mismatchProblem(metric, `endpoint "${endpointName}"`, published, variants));
    }
    return problems;
}

export const alarmDimensionsMatchEndpoint: PackStackPolicy = {
    name: "alarm-dimensions-match-endpoint",
    description:
        "Every alarm on an AWS/SageMaker or /aws/sagemaker/* metric names an endpoint of this stack (EndpointName) and one of its variants (VariantName), " +
        "or one of its inference components (InferenceComponentName), " +
        "with the dimension set SageMaker publishes that metric with, and has at least one alarm action.",
    enforcementLevel: "mandatory",
    severity: "medium",
    remediationSteps:
        "Set dimensions.EndpointName to the physical name of an endpoint declared in this stack and dimensions.VariantName to one of its variants, " +
        "use exactly the dimensions the metric is published with (EndpointName alone for ApproximateBacklogSize and the other per-endpoint async metrics), " +
        "and add an SNS topic (or other action) to alarmActions.",
    validateStack: (args, reportViolation) => {
        const endpoints = endpointsByName(endpointsOf(args.resources));
        const components = componentNamesOf(args.resources);
        checkEach(alarmsOf(args.resources), ({ resource, alarm }) => {
            const sagemakerMetrics = alarm.metrics.filter((metric) => isSageMakerNamespace(metric.namespace));
            if (sagemakerMetrics.length === 0) {
                return;
            }
            for (const [problem, remediation] of sagemakerMetrics.flatMap((metric) => dimensionProblems(metric, endpoints, components))) {
                reportViolation(violation(problem, remediation), resource.urn);
            }
            if (!alarm.hasAlarmActions) {
                const watched = uniqueSorted(sagemakerMetrics.flatMap((metric) => metric.dimensions.EndpointName ?? []));
                const subject = watched.length === 0 ? "Alarm" : `Alarm on endpoint ${watched.map((name) => `"${name}"`).join(", ")}`;
                reportViolation(
                    violation(
                        `${subject} has no alarmActions, so nobody is notified when it fires.`,
                        "add at least one alarm action (e.g. an SNS topic ARN).",
                    ),
                    resource.urn,
                );
            }
        });
    },
};

export const alarmDimensionRules: RuleDefinition[] = [{ policy: alarmDimensionsMatchEndpoint }];
