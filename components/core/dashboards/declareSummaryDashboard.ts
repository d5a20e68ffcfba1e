import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { dashboardProblems } from "../../../dashboards/limits";
import { buildSummaryDashboard, SummaryEndpoint, SummaryForwarder } from "../../../dashboards/summaryDashboard";
import { forwarderNames } from "../../captureForwarder/forwarderNames";

export interface SummaryDashboardArgs {
    /** The stack the dashboard summarizes; its name derives from it. */
    stack: string;
    /** @default `sagemaker-monitoring-<stack>`, characters CloudWatch refuses replaced by "-" */
    dashboardName?: string;
    /** Each endpoint component's `dashboardSummary`. */
    endpoints: pulumi.Output<SummaryEndpoint>[];
    /** Each capture forwarder's function name. */
    forwarderFunctionNames: pulumi.Input<string>[];
}

/** `sagemaker-monitoring-<stack>`, with any character outside A-Z, a-z, 0-9, "-" and "_" as "-". */
function summaryDashboardName(stack: string): string {
    return `sagemaker-monitoring-${stack}`.replace(/[^A-Za-z0-9_-]/g, "-").slice(0, 255);
}

/**
 * Declares the stack summary dashboard `name`: one row per endpoint (health at a glance, a link to
 * its detail dashboard), one per forwarder (inferences delivered and dead-lettered).
 */
export function declareSummaryDashboard(
    name: string,
    args: SummaryDashboardArgs,
    opts?: pulumi.CustomResourceOptions,
): aws.cloudwatch.Dashboard {
    const dashboardName = args.dashboardName ?? summaryDashboardName(args.stack);
    const region = aws.getRegionOutput({}, opts?.parent === undefined ? {} : { parent: opts.parent }).region;
    const dashboardBody = pulumi
        .all([region, pulumi.all(args.endpoints), pulumi.all(args.forwarderFunctionNames)])
        .apply(([resolvedRegion, endpoints, functionNames]) => {
            const forwarders: SummaryForwarder[] = functionNames.map((functionName) => {
                const names = forwarderNames(functionName);
                return { functionName, logGroupName: names.logGroupName, deadLetterQueueName: names.deadLetterQueueName };
            });
            const built = buildSummaryDashboard({ dashboardName, stack: args.stack, region: resolvedRegion, endpoints, forwarders });
            const problems = dashboardProblems(built.name, built.body);
            if (problems.length > 0) {
                throw new Error(
                    `dashboard ${built.name} breaks CloudWatch limits: ${problems.map((p) => `${p.propertyPath}: ${p.reason}`).join("; ")}`,
                );
            }
            return JSON.stringify(built.body);
        });
    return new aws.cloudwatch.Dashboard(name, { dashboardName, dashboardBody }, opts);
}
