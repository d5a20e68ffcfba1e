/**
 * alarm-dimensions-match-endpoint: an alarm on a SageMaker metric whose EndpointName matches no
 * endpoint watches nothing (it sits in INSUFFICIENT_DATA forever, or "OK" with treatMissingData),
 * and an alarm without actions notifies nobody.
 */
import { alarmsOf, endpointsOf, isSageMakerNamespace } from "../stackModel";
import { uniqueSorted } from "../values";
import { PackStackPolicy, RuleDefinition, violation } from "./ruleKit";

export const alarmDimensionsMatchEndpoint: PackStackPolicy = {
    name: "alarm-dimensions-match-endpoint",
    description: "Every alarm on an AWS/SageMaker or /aws/sagemaker/* metric has an EndpointName dimension naming an endpoint of this stack, and at least one alarm action.",
    enforcementLevel: "mandatory",
    severity: "medium",
    remediationSteps: "Set dimensions.EndpointName to the physical name of an endpoint declared in this stack, and add an SNS topic (or other action) to alarmActions.",
    validateStack: (args, reportViolation) => {
        const endpointNames = endpointsOf(args.resources)
            .map(({ endpoint }) => endpoint.endpointName)
            .filter((name): name is string => name !== undefined);
        const known = endpointNames.length > 0 ? uniqueSorted(endpointNames).join(", ") : "none";
        for (const { resource, alarm } of alarmsOf(args.resources)) {
            const sagemakerMetrics = alarm.metrics.filter((metric) => isSageMakerNamespace(metric.namespace));
            if (sagemakerMetrics.length === 0) {
                continue;
            }
            for (const metric of sagemakerMetrics) {
                const where = `${metric.path} (${metric.namespace} ${metric.metricName})`;
                const endpointName = metric.dimensions.EndpointName;
                if (endpointName === undefined) {
                    reportViolation(
                        violation(`Alarm ${where} has no EndpointName dimension.`, `set dimensions.EndpointName to one of this stack's endpoints (${known}).`),
                        resource.urn,
                    );
                } else if (!endpointNames.includes(endpointName)) {
                    reportViolation(
                        violation(
                            `Alarm ${where} has EndpointName "${endpointName}", which matches no endpoint of this stack.`,
                            `set dimensions.EndpointName to one of this stack's endpoints (${known}).`,
                        ),
                        resource.urn,
                    );
                }
            }
            if (alarm.alarmActions.length === 0) {
                reportViolation(violation("Alarm has no alarmActions, so nobody is notified when it fires.", "add at least one alarm action (e.g. an SNS topic ARN)."), resource.urn);
            }
        }
    },
};

export const alarmDimensionRules: RuleDefinition[] = [{ policy: alarmDimensionsMatchEndpoint }];
