/** Pure builders: which alarms roll each component back, and its DeploymentConfig. */
import { AnyAlarmDefinition } from "../../core/alarms/alarmDefinition";
import { rollbackAlarmNames } from "../../realtimeEndpoint/rollback/deploymentConfig";
import { CapacitySize, COMPONENT_ROLLBACK_DEFAULTS, ComponentAutoRollbackArgs } from "./componentRollbackArgs";

/** aws-native `InferenceComponent.deploymentConfig` (InferenceComponentDeploymentConfigArgs), as plain data. */
export interface ComponentDeploymentConfigDocument {
    rollingUpdatePolicy: {
        maximumBatchSize: CapacitySize;
        waitIntervalInSeconds: number;
        rollbackMaximumBatchSize?: CapacitySize;
        maximumExecutionTimeoutInSeconds?: number;
    };
    autoRollbackConfiguration: { alarms: { alarmName: string }[] };
}

/** The InferenceComponentName an alarm watches, or undefined for an alarm on the endpoint or its instances. */
function componentWatched(definition: AnyAlarmDefinition): string | undefined {
    const dimensions = "metrics" in definition ? definition.metrics.map((m) => m.dimensions) : [definition.dimensions];
    return dimensions.find((d) => d.InferenceComponentName !== undefined)?.InferenceComponentName;
}

/**
 * The critical alarms of the chosen keys that guard the component `physicalName`: its own alarms,
 * and those of the instances it shares (a bad copy can exhaust them), never another component's.
 */
export function componentRollbackAlarmNames(definitions: AnyAlarmDefinition[], keys: string[], physicalName: string): string[] {
    const guarding = definitions.filter((d) => {
        const watched = componentWatched(d);
        return watched === undefined || watched === physicalName;
    });
    return rollbackAlarmNames(guarding, keys);
}

/**
 * A rolling update of the component's copies with auto-rollback on `alarmNames`: the alarms'
 * deterministic physical names, plain strings, so the component needs no Output of the alarms.
 */
export function buildComponentDeploymentConfig(
    rollback: ComponentAutoRollbackArgs,
    alarmNames: string[],
): ComponentDeploymentConfigDocument {
    return {
        rollingUpdatePolicy: {
            maximumBatchSize: rollback.maximumBatchSize ?? COMPONENT_ROLLBACK_DEFAULTS.maximumBatchSize,
            waitIntervalInSeconds: rollback.waitIntervalSeconds ?? COMPONENT_ROLLBACK_DEFAULTS.waitIntervalSeconds,
            ...(rollback.rollbackMaximumBatchSize === undefined ? {} : { rollbackMaximumBatchSize: rollback.rollbackMaximumBatchSize }),
            ...(rollback.maximumExecutionTimeoutSeconds === undefined
                ? {}
                : { maximumExecutionTimeoutInSeconds: rollback.maximumExecutionTimeoutSeconds }),
        },
        autoRollbackConfiguration: { alarms: alarmNames.map((alarmName) => ({ alarmName })) },
    };
}
