import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { AlarmDefinition } from "./alarmDefinition";
import { ALARM_LIMITS, alarmDefinitionProblems } from "./alarmLimits";

export interface AlarmWiring {
    /** Where the alarm goes when it fires (SNS topics, scaling policies). At most 5. */
    alarmActions: pulumi.Input<string>[];
    /** Where it goes when it recovers. At most 5. @default [] */
    okActions?: pulumi.Input<string>[];
    tags: Record<string, string>;
}

/** The exact `aws.cloudwatch.MetricAlarm` inputs for a definition. */
export function metricAlarmArgs(definition: AlarmDefinition, wiring: AlarmWiring): aws.cloudwatch.MetricAlarmArgs {
    return {
        name: definition.alarmName,
        alarmDescription: definition.description,
        namespace: definition.namespace,
        metricName: definition.metricName,
        dimensions: { ...definition.dimensions },
        statistic: definition.statistic,
        period: definition.periodSeconds,
        evaluationPeriods: definition.evaluationPeriods,
        datapointsToAlarm: definition.datapointsToAlarm,
        threshold: definition.threshold,
        comparisonOperator: definition.comparisonOperator,
        treatMissingData: definition.treatMissingData,
        alarmActions: [...wiring.alarmActions],
        okActions: [...(wiring.okActions ?? [])],
        tags: wiring.tags,
    };
}

/**
 * Declares one MetricAlarm per definition, named `<componentName>-alarm-<id>`. Generic: any
 * component with alarm definitions (async backlog, GPU, forwarder) uses it. A definition that
 * breaks a CloudWatch limit is a bug in its builder and fails loudly here, before any alarm.
 */
export function declareMetricAlarms(
    parent: pulumi.Resource,
    componentName: string,
    definitions: AlarmDefinition[],
    wiring: AlarmWiring,
): aws.cloudwatch.MetricAlarm[] {
    const broken = definitions.flatMap((d) => alarmDefinitionProblems(d).map((p) => `${d.id}.${p.field} ${p.reason}`));
    for (const [state, actions] of [
        ["alarm", wiring.alarmActions],
        ["ok", wiring.okActions ?? []],
    ] as const) {
        if (actions.length > ALARM_LIMITS.maxActionsPerState) {
            broken.push(`${state} actions: at most ${ALARM_LIMITS.maxActionsPerState} per state (got ${actions.length})`);
        }
    }
    const ids = definitions.map((d) => d.id);
    const names = definitions.map((d) => d.alarmName);
    for (const [what, values] of [
        ["id", ids],
        ["alarm name", names],
    ] as const) {
        const repeated = values.filter((v, i) => values.indexOf(v) !== i);
        if (repeated.length > 0) {
            broken.push(`${what}s must be unique (repeated: ${repeated.join(", ")})`);
        }
    }
    if (broken.length > 0) {
        throw new Error(`invalid alarm definitions for ${componentName}: ${broken.join("; ")}`);
    }
    return definitions.map(
        (definition) =>
            new aws.cloudwatch.MetricAlarm(`${componentName}-alarm-${definition.id}`, metricAlarmArgs(definition, wiring), { parent }),
    );
}
