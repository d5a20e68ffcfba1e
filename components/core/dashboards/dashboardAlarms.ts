import { DashboardAlarm } from "../../../dashboards/alarmAnnotations";
import { AnyAlarmDefinition, isMetricMath } from "../alarms/alarmDefinition";
import { AwsContext } from "../awsContext";

/** `arn:<partition>:cloudwatch:<region>:<account>:alarm:<name>`: what the alarm-status widget lists. */
function alarmArn(context: AwsContext, alarmName: string): string {
    return `arn:${context.partition}:cloudwatch:${context.region}:${context.accountId}:alarm:${alarmName}`;
}

/** The dashboards' view of the project's alarm definitions (components/core/alarms/alarmDefinition.ts). */
export function dashboardAlarms(definitions: readonly AnyAlarmDefinition[], context: AwsContext): DashboardAlarm[] {
    return definitions.map((d) => ({
        alarmName: d.alarmName,
        alarmArn: alarmArn(context, d.alarmName),
        ...(isMetricMath(d) ? { dimensions: {} } : { namespace: d.namespace, metricName: d.metricName, dimensions: d.dimensions }),
        threshold: d.threshold,
        comparisonOperator: d.comparisonOperator,
    }));
}
