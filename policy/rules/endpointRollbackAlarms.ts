/**
 * endpoint-rollback-alarms-exist: SageMaker rolls a blue/green deployment back only on alarms
 * that exist. A rollback alarm name that is no MetricAlarm of the stack (a typo, a renamed or
 * removed alarm) leaves the deployment with no guardrail, and SageMaker does not complain.
 */
import { uniqueSorted } from "../../domain/values";
import { checkEach } from "../previewSafe";
import { alarmsOf, endpointsOf } from "../stackModel";
import { listOrNone as list, PackStackPolicy, RuleDefinition, violation } from "./ruleKit";

export const endpointRollbackAlarmsExist: PackStackPolicy = {
    name: "endpoint-rollback-alarms-exist",
    description:
        "Every alarm an endpoint's deploymentConfig.autoRollbackConfiguration lists is a MetricAlarm declared in this stack (by alarmName or name).",
    enforcementLevel: "mandatory",
    severity: "high",
    remediationSteps:
        "Set each deploymentConfig.autoRollbackConfiguration.alarms[].alarmName to the name of a MetricAlarm of this stack that watches the endpoint, " +
        "or declare the missing alarm in the stack.",
    validateStack: (args, reportViolation) => {
        const alarms = alarmsOf(args.resources);
        // While an alarm's name is unknown (preview), any missing name may be it: report nothing.
        if (alarms.some(({ alarm }) => alarm.nameUnknown)) {
            return;
        }
        const names = new Set(alarms.flatMap(({ alarm }) => alarm.knownName ?? []));
        checkEach(endpointsOf(args.resources), ({ resource, endpoint }) => {
            const missing = endpoint.rollbackAlarms.filter(({ alarmName }) => !names.has(alarmName));
            if (missing.length === 0) {
                return;
            }
            const endpointName = endpoint.knownName;
            const watching = uniqueSorted(
                alarms
                    .filter(
                        ({ alarm }) => endpointName !== undefined && alarm.metrics.some((m) => m.dimensions.EndpointName === endpointName),
                    )
                    .flatMap(({ alarm }) => alarm.knownName ?? []),
            );
            const subject = endpointName === undefined ? `Endpoint ${resource.name}` : `Endpoint "${endpointName}"`;
            for (const { path, alarmName } of missing) {
                reportViolation(
                    violation(
                        `${subject} rolls back on alarm "${alarmName}" (${path}), which is no MetricAlarm of this stack, so its deployments have no guardrail.`,
                        `set ${path} to one of the stack's alarms watching this endpoint (${list(watching)}), or declare a MetricAlarm named "${alarmName}".`,
                    ),
                    resource.urn,
                );
            }
        });
    },
};

export const endpointRollbackAlarmRules: RuleDefinition[] = [{ policy: endpointRollbackAlarmsExist }];
