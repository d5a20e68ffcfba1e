import { HorizontalAnnotation } from "./model";

/**
 * What a dashboard needs of an alarm: its ARN for the alarm-status widget, and what it watches and
 * where it fires for threshold annotations. components/ adapts its alarm definitions to this.
 */
export interface DashboardAlarm {
    alarmName: string;
    alarmArn: string;
    /** Unset on a metric-math alarm: it watches no single metric, so it gets no threshold line (only the status widget). */
    namespace?: string;
    metricName?: string;
    dimensions: Readonly<Record<string, string>>;
    threshold: number;
    comparisonOperator: string;
}

/** A graph's metric, as far as alarms are concerned. */
export interface GraphedMetric {
    namespace: string;
    metricName: string;
    endpointName: string;
}

/** One horizontal line per alarm on a graphed metric of the endpoint, shaded on the side that fires. */
export function thresholdAnnotations(alarms: readonly DashboardAlarm[], graphed: readonly GraphedMetric[]): HorizontalAnnotation[] {
    const watched = alarms.filter((alarm) =>
        graphed.some(
            (g) => g.namespace === alarm.namespace && g.metricName === alarm.metricName && alarm.dimensions.EndpointName === g.endpointName,
        ),
    );
    return watched.map((alarm) => ({
        label: alarm.alarmName,
        value: alarm.threshold,
        fill: alarm.comparisonOperator.startsWith("Greater") ? "above" : "below",
    }));
}
