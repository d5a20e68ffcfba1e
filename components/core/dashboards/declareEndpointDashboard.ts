import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { buildEndpointDashboard, EndpointDashboardInput } from "../../../dashboards/endpointDashboard";
import { GpuEndpointInput } from "../../../dashboards/gpuWidgets";
import { dashboardProblems } from "../../../dashboards/limits";
import { SummaryEndpoint } from "../../../dashboards/summaryDashboard";
import { AnyAlarmDefinition } from "../alarms/alarmDefinition";
import { AwsContext } from "../awsContext";
import { ResolvedEndpoint } from "../endpoint/resolveEndpointArgs";
import { applyAll } from "../outputs";
import { dashboardAlarms } from "./dashboardAlarms";
import { ResolvedEndpointDashboard } from "./endpointDashboardArgs";

export interface EndpointDashboardFacts {
    kind: "realtime" | "async";
    spec: ResolvedEndpoint;
    settings: ResolvedEndpointDashboard;
    /** The endpoint's alarms: the alarm-status widget and threshold lines. */
    alarms: readonly AnyAlarmDefinition[];
    captureS3Uri: pulumi.Output<string>;
    context: pulumi.Output<AwsContext>;
    /** GPU capacity and cost per inference component, for endpoints that have them; prices depend on the region. @default none */
    gpu?: (region: string) => GpuEndpointInput;
}

/** The body's input once region, account and capture URI are known. */
function endpointDashboardInput(facts: EndpointDashboardFacts, context: AwsContext, captureS3Uri: string): EndpointDashboardInput {
    const { spec, settings } = facts;
    return {
        dashboardName: settings.enabled ? settings.name : spec.endpointName,
        region: context.region,
        kind: facts.kind,
        endpointName: spec.endpointName,
        variants: spec.variants.map((v) => ({ name: v.name, instanceType: v.instanceType })),
        periodSeconds: spec.metrics.publishFrequencySeconds,
        perInstance: spec.metrics.enhancedMetrics,
        captureS3Uri,
        alarms: dashboardAlarms(facts.alarms, context),
        ...(facts.gpu === undefined ? {} : { gpu: facts.gpu(context.region) }),
        ...(settings.enabled ? { extraWidgets: settings.extraWidgets } : {}),
    };
}

/**
 * Declares the endpoint's detail dashboard (`<componentName>-dashboard`) unless it is switched off,
 * and returns the endpoint's row of the stack summary either way. The arguments were checked
 * against CloudWatch's limits before anything was declared; a body that breaks one here is a bug.
 */
export function declareEndpointDashboard(
    parent: pulumi.Resource,
    componentName: string,
    facts: EndpointDashboardFacts,
): { dashboard?: aws.cloudwatch.Dashboard; summary: pulumi.Output<SummaryEndpoint> } {
    const { spec, settings } = facts;
    const summary = facts.context.apply((context): SummaryEndpoint => ({
        endpointName: spec.endpointName,
        kind: facts.kind,
        periodSeconds: spec.metrics.publishFrequencySeconds,
        ...(settings.enabled ? { detailDashboardName: settings.name } : {}),
        alarms: dashboardAlarms(facts.alarms, context),
    }));
    if (!settings.enabled) {
        return { summary };
    }
    const dashboardBody = applyAll({ context: facts.context, captureS3Uri: facts.captureS3Uri }, ({ context, captureS3Uri }) => {
        const built = buildEndpointDashboard(endpointDashboardInput(facts, context, captureS3Uri));
        const problems = dashboardProblems(built.name, built.body);
        if (problems.length > 0) {
            throw new Error(
                `dashboard ${built.name} breaks CloudWatch limits: ${problems.map((p) => `${p.propertyPath}: ${p.reason}`).join("; ")}`,
            );
        }
        return JSON.stringify(built.body);
    });
    const dashboard = new aws.cloudwatch.Dashboard(
        `${componentName}-dashboard`,
        { dashboardName: settings.name, dashboardBody },
        { parent },
    );
    return { dashboard, summary };
}
