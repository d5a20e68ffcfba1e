import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { dashboardProblems } from "../../../dashboards/limits";
import { buildSummaryDashboard, planSummaryPages, SummaryEndpoint, SummaryForwarder } from "../../../dashboards/summaryDashboard";
import { forwarderNames } from "../../captureForwarder/forwarderNames";
import { applyAll } from "../outputs";

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

/** Page `n` (from 2) of a summary: its name with `-<n>`, cut to CloudWatch's 255 characters. */
function pageName(dashboardName: string, n: number): string {
    const suffix = `-${n}`;
    return `${dashboardName.slice(0, 255 - suffix.length)}${suffix}`;
}

/**
 * Declares the stack summary dashboard `name`: one row per endpoint (health at a glance, a link to
 * its detail dashboard), one per forwarder (inferences delivered and dead-lettered). A stack with
 * more rows than CloudWatch's 500 widgets allow gets further pages, `<dashboardName>-2`, ...
 * (resources `<name>-2`, ...), each linking the others.
 */
export function declareSummaryDashboard(
    name: string,
    args: SummaryDashboardArgs,
    opts?: pulumi.CustomResourceOptions,
): aws.cloudwatch.Dashboard[] {
    const dashboardName = args.dashboardName ?? summaryDashboardName(args.stack);
    const region = aws.getRegionOutput({}, opts?.parent === undefined ? {} : { parent: opts.parent }).region;
    const pages = planSummaryPages(args.endpoints.length, args.forwarderFunctionNames.length);
    const pageNames = pages.map((_, i) => (i === 0 ? dashboardName : pageName(dashboardName, i + 1)));
    return pages.map((page, i) => {
        const pageInputs = {
            region,
            endpoints: args.endpoints.slice(page.endpoints.start, page.endpoints.end),
            functionNames: args.forwarderFunctionNames.slice(page.forwarders.start, page.forwarders.end),
        };
        const dashboardBody = applyAll(pageInputs, ({ region: resolvedRegion, endpoints, functionNames }) => {
            const forwarders: SummaryForwarder[] = functionNames.map((functionName) => {
                const names = forwarderNames(functionName);
                return { functionName, logGroupName: names.logGroupName, deadLetterQueueName: names.deadLetterQueueName };
            });
            const built = buildSummaryDashboard({
                dashboardName: pageNames[i],
                stack: args.stack,
                region: resolvedRegion,
                endpoints,
                forwarders,
                ...(pages.length > 1 ? { pageNames } : {}),
            });
            const problems = dashboardProblems(built.name, built.body);
            if (problems.length > 0) {
                throw new Error(
                    `dashboard ${built.name} breaks CloudWatch limits: ${problems.map((p) => `${p.propertyPath}: ${p.reason}`).join("; ")}`,
                );
            }
            return JSON.stringify(built.body);
        });
        return new aws.cloudwatch.Dashboard(i === 0 ? name : `${name}-${i + 1}`, { dashboardName: pageNames[i], dashboardBody }, opts);
    });
}
