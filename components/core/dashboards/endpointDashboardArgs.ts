import { buildEndpointDashboard } from "../../../dashboards/endpointDashboard";
import { dashboardNameProblem, dashboardProblems } from "../../../dashboards/limits";
import { UnplacedWidget } from "../../../dashboards/model";
import { Problem } from "../validation/problems";

/** The endpoint's detail dashboard. */
export interface EndpointDashboardArgs {
    /** CloudWatch dashboard name (dashboards are global to the account: put the environment in it). @default the endpoint name */
    name?: string;
    /** Widgets appended as a last row; checked against CloudWatch's limits like the built-in ones. @default [] */
    extraWidgets?: UnplacedWidget[];
}

/** The detail dashboard as decided: off, or its name and extra widgets. */
export type ResolvedEndpointDashboard = { enabled: false } | { enabled: true; name: string; extraWidgets: UnplacedWidget[] };

export function resolveEndpointDashboard(
    endpointName: string,
    value: boolean | EndpointDashboardArgs | undefined,
): ResolvedEndpointDashboard {
    if (value === false) {
        return { enabled: false };
    }
    const given = value === true || value === undefined ? {} : value;
    return { enabled: true, name: given.name ?? endpointName, extraWidgets: given.extraWidgets ?? [] };
}

/**
 * Problems with `dashboard`, found before anything is declared: the name's pattern, and every
 * CloudWatch limit the body would break, built with stand-ins for what is known only at deploy time
 * (region, capture URI, alarm ARNs). Extra widgets are reported at `dashboard.extraWidgets[i]`.
 */
export function endpointDashboardProblems(
    componentName: string,
    args: { endpointName?: string; dashboard?: unknown; variants?: unknown; instanceType?: unknown },
    kind: "realtime" | "async",
): Problem[] {
    const value = args.dashboard;
    if (value === undefined || value === true || value === false) {
        return [];
    }
    if (value === null || typeof value !== "object" || Array.isArray(value)) {
        return [{ propertyPath: "dashboard", reason: `must be true, false or { name, extraWidgets } (got ${JSON.stringify(value)})` }];
    }
    const given = value as EndpointDashboardArgs;
    if (given.extraWidgets !== undefined && !Array.isArray(given.extraWidgets)) {
        return [{ propertyPath: "dashboard.extraWidgets", reason: "must be a list of dashboard widgets" }];
    }
    const endpointName = args.endpointName ?? componentName;
    const resolved = resolveEndpointDashboard(endpointName, given) as Extract<ResolvedEndpointDashboard, { enabled: true }>;
    if (typeof resolved.name !== "string" || dashboardNameProblem(resolved.name) !== undefined) {
        return [{ propertyPath: "dashboard.name", reason: `dashboard name ${dashboardNameProblem(String(resolved.name))}` }];
    }
    const built = buildEndpointDashboard({
        dashboardName: resolved.name,
        region: "us-east-1",
        kind,
        endpointName,
        variants: [{ name: "AllTraffic", instanceType: typeof args.instanceType === "string" ? args.instanceType : "ml.m5.large" }],
        periodSeconds: 60,
        perInstance: true,
        captureS3Uri: `s3://stand-in/${endpointName}/`,
        alarms: [],
        extraWidgets: resolved.extraWidgets,
    });
    // Whole-dashboard counts are the extra widgets' doing: the built-in ones are far below every limit.
    return dashboardProblems(resolved.name, built.body, {
        namePath: "dashboard.name",
        widgetPath: (i) =>
            i < built.builtInWidgetCount ? `dashboard.widgets[${i}]` : `dashboard.extraWidgets[${i - built.builtInWidgetCount}]`,
    }).map((p) => (p.propertyPath === "widgets" ? { ...p, propertyPath: "dashboard.extraWidgets" } : p));
}
