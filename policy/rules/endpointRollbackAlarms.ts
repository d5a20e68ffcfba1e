/**
 * endpoint-rollback-alarms-exist: SageMaker rolls a deployment back only on alarms that exist: an
 * endpoint's blue/green update, and an inference component's rolling update. A rollback alarm name
 * that is no MetricAlarm of the stack (a typo, a renamed or removed alarm) leaves the deployment
 * with no guardrail, and SageMaker does not complain.
 */
import { uniqueSorted } from "../../domain/values";
import { checkEach, knownString } from "../previewSafe";
import { rollbackAlarmsOf } from "../resourceShapes";
import { TYPES } from "../resourceTypes";
import { alarmsOf, endpointsOf, resourcesOfType, StackResource } from "../stackModel";
import { listOrNone as list, PackStackPolicy, RuleDefinition, violation } from "./ruleKit";

/** What rolls back, on which alarm names, and which alarms of the stack watch it (the allowed values). */
interface RollbackSubject {
    urn: string;
    subject: string;
    /** What the allowed alarms watch, for the remediation. */
    watched: string;
    rollbackAlarms: { path: string; alarmName: string }[];
    watches: (dimensions: Record<string, string>) => boolean;
}

/** Every inference component with its rollback alarms; the alarms watching it or its endpoint are its allowed values. */
function componentSubjects(resources: readonly StackResource[]): RollbackSubject[] {
    return resourcesOfType(resources, [TYPES.inferenceComponent]).map((resource) => {
        const name = knownString(resource.props, "inferenceComponentName");
        const endpointName = knownString(resource.props, "endpointName");
        return {
            urn: resource.urn,
            subject: name === undefined ? `Inference component ${resource.name}` : `Inference component "${name}"`,
            watched: "inference component or its endpoint",
            rollbackAlarms: rollbackAlarmsOf(resource.props),
            watches: (d) =>
                (name !== undefined && d.InferenceComponentName === name) ||
                (endpointName !== undefined && d.EndpointName === endpointName),
        };
    });
}

export const endpointRollbackAlarmsExist: PackStackPolicy = {
    name: "endpoint-rollback-alarms-exist",
    description:
        "Every alarm an endpoint's or inference component's deploymentConfig.autoRollbackConfiguration lists is a MetricAlarm declared in this stack (by alarmName or name).",
    enforcementLevel: "mandatory",
    severity: "high",
    remediationSteps:
        "Set each deploymentConfig.autoRollbackConfiguration.alarms[].alarmName to the name of a MetricAlarm of this stack that watches the endpoint " +
        "(or the inference component), or declare the missing alarm in the stack.",
    validateStack: (args, reportViolation) => {
        const alarms = alarmsOf(args.resources);
        // While an alarm's name is unknown (preview), any missing name may be it: report nothing.
        if (alarms.some(({ alarm }) => alarm.nameUnknown)) {
            return;
        }
        const names = new Set(alarms.flatMap(({ alarm }) => alarm.knownName ?? []));
        const watchingNames = (watches: RollbackSubject["watches"]) =>
            uniqueSorted(
                alarms
                    .filter(({ alarm }) => alarm.metrics.some((m) => watches(m.dimensions)))
                    .flatMap(({ alarm }) => alarm.knownName ?? []),
            );
        const check = ({ urn, subject, watched, rollbackAlarms, watches }: RollbackSubject) => {
            const missing = rollbackAlarms.filter(({ alarmName }) => !names.has(alarmName));
            const watching = missing.length === 0 ? [] : watchingNames(watches);
            for (const { path, alarmName } of missing) {
                reportViolation(
                    violation(
                        `${subject} rolls back on alarm "${alarmName}" (${path}), which is no MetricAlarm of this stack, so its deployments have no guardrail.`,
                        `set ${path} to one of the stack's alarms watching this ${watched} (${list(watching)}), or declare a MetricAlarm named "${alarmName}".`,
                    ),
                    urn,
                );
            }
        };
        checkEach(endpointsOf(args.resources), ({ resource, endpoint }) => {
            const endpointName = endpoint.knownName;
            check({
                urn: resource.urn,
                subject: endpointName === undefined ? `Endpoint ${resource.name}` : `Endpoint "${endpointName}"`,
                watched: "endpoint",
                rollbackAlarms: endpoint.rollbackAlarms,
                watches: (d) => endpointName !== undefined && d.EndpointName === endpointName,
            });
        });
        checkEach(componentSubjects(args.resources), check);
    },
};

export const endpointRollbackAlarmRules: RuleDefinition[] = [{ policy: endpointRollbackAlarmsExist }];
