/**
 * gpu-endpoint-free-gpu-alarm: GPU endpoints need an alarm on the derived free-GPU metric.
 * Alarms cannot evaluate SEARCH(), so this project publishes FreeGpus per endpoint itself
 * (the GpuCapacityPublisher, see domain/monitoringMetrics.ts), and every InferenceComponentEndpoint
 * on GPUs declares this alarm by default: mandatory, since the fix is now one stack-file entry.
 */
import { isGpuInstanceType } from "../../domain/instanceTypes";
import { FREE_GPUS_METRIC } from "../../domain/monitoringMetrics";
import { checkEach } from "../previewSafe";
import { allVariants } from "../resourceShapes";
import { alarmsOf, alarmsWatching, endpointsOf } from "../stackModel";
import { PackStackPolicy, RuleDefinition, violation } from "./ruleKit";

const { namespace, metricName, endpointDimension } = FREE_GPUS_METRIC;

export const gpuEndpointFreeGpuAlarm: PackStackPolicy = {
    name: "gpu-endpoint-free-gpu-alarm",
    description: `Every endpoint on GPU instances (ml.g*, ml.p*) has a MetricAlarm on ${namespace} ${metricName}.`,
    enforcementLevel: "mandatory",
    severity: "medium",
    remediationSteps: `Declare the endpoint as an InferenceComponentEndpoint (stack kind inference-components), which alarms on ${metricName} and whose stack declares the publisher; or add a MetricAlarm with namespace "${namespace}", metricName "${metricName}" and dimension ${endpointDimension} for each GPU endpoint.`,
    validateStack: (args, reportViolation) => {
        const alarms = alarmsOf(args.resources);
        checkEach(endpointsOf(args.resources), ({ resource, endpoint, config }) => {
            const gpuTypes = config
                ? allVariants(config)
                      .flatMap((variant) => variant.instanceTypes)
                      .filter(isGpuInstanceType)
                : [];
            if (gpuTypes.length === 0) {
                return;
            }
            const name = endpoint.endpointName;
            if (name === undefined || alarmsWatching(alarms, namespace, metricName, name).length === 0) {
                reportViolation(
                    violation(
                        `GPU endpoint ${name === undefined ? "(no physical name)" : `"${name}"`} on ${[...new Set(gpuTypes)].join(", ")} has no MetricAlarm on ${namespace} ${metricName} with dimension ${endpointDimension}=${name ?? "<endpoint name>"}.`,
                        `add an aws.cloudwatch.MetricAlarm with namespace "${namespace}", metricName "${metricName}", dimensions { ${endpointDimension}: "${name ?? "<endpoint name>"}" } and an alarm action.`,
                    ),
                    resource.urn,
                );
            }
        });
    },
};

export const gpuRules: RuleDefinition[] = [{ policy: gpuEndpointFreeGpuAlarm }];
