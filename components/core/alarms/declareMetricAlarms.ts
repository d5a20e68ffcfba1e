import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { AnyAlarmDefinition, isMetricMath, isPercentile, MathMetric } from "./alarmDefinition";
import { actionsFor, AlarmWiring } from "./alarmActions";
import { ALARM_LIMITS, alarmDefinitionProblems } from "./alarmLimits";

/** `statistic` or `extendedStatistic`, whichever the value is. */
function statisticInput(statistic: string): { statistic: string } | { extendedStatistic: string } {
    return isPercentile(statistic) ? { extendedStatistic: statistic } : { statistic };
}

function mathMetricQuery(metric: MathMetric, periodSeconds: number): aws.types.input.cloudwatch.MetricAlarmMetricQuery {
    return {
        id: metric.id,
        metric: {
            namespace: metric.namespace,
            metricName: metric.metricName,
            dimensions: { ...metric.dimensions },
            period: periodSeconds,
            stat: metric.statistic,
        },
        returnData: false,
    };
}

/** The exact `aws.cloudwatch.MetricAlarm` inputs for a definition. */
export function metricAlarmArgs(definition: AnyAlarmDefinition, wiring: AlarmWiring): aws.cloudwatch.MetricAlarmArgs {
    const actions = actionsFor(wiring, definition.level);
    const watched = isMetricMath(definition)
        ? {
              metricQueries: [
                  ...definition.metrics.map((metric) => mathMetricQuery(metric, definition.periodSeconds)),
                  { id: "expression", expression: definition.expression, label: definition.expressionLabel, returnData: true },
              ],
          }
        : {
              namespace: definition.namespace,
              metricName: definition.metricName,
              dimensions: { ...definition.dimensions },
              ...statisticInput(definition.statistic),
              period: definition.periodSeconds,
          };
    return {
        name: definition.alarmName,
        alarmDescription: definition.description,
        ...watched,
        evaluationPeriods: definition.evaluationPeriods,
        datapointsToAlarm: definition.datapointsToAlarm,
        threshold: definition.threshold,
        comparisonOperator: definition.comparisonOperator,
        treatMissingData: definition.treatMissingData,
        alarmActions: [...actions.alarmActions],
        okActions: [...actions.okActions],
        tags: wiring.tags,
    };
}

/** What is wrong with a set of definitions and their wiring; empty when they can be declared. */
function wiringProblems(definitions: AnyAlarmDefinition[], wiring: AlarmWiring): string[] {
    const broken = definitions.flatMap((d) => alarmDefinitionProblems(d).map((p) => `${d.id}.${p.field} ${p.reason}`));
    const states = [
        ["alarm", wiring.alarmActions],
        ["ok", wiring.okActions ?? []],
        ["warning alarm", wiring.warning?.alarmActions ?? []],
        ["warning ok", wiring.warning?.okActions ?? []],
    ] as const;
    for (const [state, actions] of states) {
        if (actions.length > ALARM_LIMITS.maxActionsPerState) {
            broken.push(`${state} actions: at most ${ALARM_LIMITS.maxActionsPerState} per state (got ${actions.length})`);
        }
    }
    for (const [what, values] of [
        ["id", definitions.map((d) => d.id)],
        ["alarm name", definitions.map((d) => d.alarmName)],
    ] as const) {
        const repeated = values.filter((v, i) => values.indexOf(v) !== i);
        if (repeated.length > 0) {
            broken.push(`${what}s must be unique (repeated: ${repeated.join(", ")})`);
        }
    }
    return broken;
}

/**
 * Declares one MetricAlarm per definition, named `<componentName>-alarm-<id>`, with the wiring's
 * actions for the definition's level. Generic: every component with alarms (endpoints, GPU,
 * forwarder, scaling triggers) uses it. A definition that breaks a CloudWatch limit, or a metric
 * query with SEARCH, is a bug in its builder and fails loudly here, before any alarm.
 */
export function declareMetricAlarms(
    parent: pulumi.Resource,
    componentName: string,
    definitions: AnyAlarmDefinition[],
    wiring: AlarmWiring,
): aws.cloudwatch.MetricAlarm[] {
    const broken = wiringProblems(definitions, wiring);
    if (broken.length > 0) {
        throw new Error(`invalid alarm definitions for ${componentName}: ${broken.join("; ")}`);
    }
    // A loop, not map: Pulumi records the whole call stack of every resource (source-mapped under
    // ts-node), and a callback would add two frames to each alarm's.
    const alarms: aws.cloudwatch.MetricAlarm[] = [];
    for (const definition of definitions) {
        alarms.push(
            new aws.cloudwatch.MetricAlarm(`${componentName}-alarm-${definition.id}`, metricAlarmArgs(definition, wiring), { parent }),
        );
    }
    return alarms;
}
