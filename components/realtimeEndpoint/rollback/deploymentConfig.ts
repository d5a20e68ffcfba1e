import { AnyAlarmDefinition } from "../../core/alarms/alarmDefinition";
import { AUTO_ROLLBACK_DEFAULTS, AutoRollbackArgs } from "./autoRollbackArgs";

/** aws-native `Endpoint.deploymentConfig` (EndpointDeploymentConfigArgs), as plain data. */
export interface DeploymentConfigDocument {
    blueGreenUpdatePolicy: {
        trafficRoutingConfiguration: {
            type: string;
            waitIntervalInSeconds: number;
            canarySize?: { type: "CAPACITY_PERCENT"; value: number };
            linearStepSize?: { type: "CAPACITY_PERCENT"; value: number };
        };
        terminationWaitInSeconds: number;
    };
    autoRollbackConfiguration: { alarms: { alarmName: string }[] };
}

/** The critical alarms of the chosen keys, in definition order: what rolls an update back. */
export function rollbackAlarmNames(definitions: AnyAlarmDefinition[], keys: string[]): string[] {
    return definitions.filter((d) => d.key !== undefined && keys.includes(d.key) && d.level !== "warning").map((d) => d.alarmName);
}

/**
 * Blue/green traffic shifting with auto-rollback on `alarmNames`. The names are the alarms'
 * deterministic physical names, plain strings: the endpoint needs no Output of the alarm resources,
 * and the alarms need only the endpoint's name, so there is no cycle (docs/alarms.md#auto-rollback).
 */
export function buildDeploymentConfig(rollback: AutoRollbackArgs, alarmNames: string[]): DeploymentConfigDocument {
    const type = rollback.trafficShifting ?? AUTO_ROLLBACK_DEFAULTS.trafficShifting;
    const size =
        type === "ALL_AT_ONCE"
            ? undefined
            : { type: "CAPACITY_PERCENT" as const, value: rollback.stepPercent ?? AUTO_ROLLBACK_DEFAULTS.stepPercent[type] };
    return {
        blueGreenUpdatePolicy: {
            trafficRoutingConfiguration: {
                type,
                waitIntervalInSeconds: rollback.waitIntervalSeconds ?? AUTO_ROLLBACK_DEFAULTS.waitIntervalSeconds,
                ...(type === "CANARY" ? { canarySize: size } : {}),
                ...(type === "LINEAR" ? { linearStepSize: size } : {}),
            },
            terminationWaitInSeconds: rollback.terminationWaitSeconds ?? AUTO_ROLLBACK_DEFAULTS.terminationWaitSeconds,
        },
        autoRollbackConfiguration: { alarms: alarmNames.map((alarmName) => ({ alarmName })) },
    };
}
