import * as pulumi from "@pulumi/pulumi";
import { DeclaredEndpoint } from "./declareEndpoint";
import { SummaryEndpoint } from "../../../dashboards/summaryDashboard";

export interface MetricDimensions {
    endpoint: { EndpointName: string };
    variants: { EndpointName: string; VariantName: string }[];
}

/** The outputs every endpoint kind has. */
export interface EndpointOutputs {
    endpointName: pulumi.Output<string>;
    endpointArn: pulumi.Output<string>;
    endpointConfigName: pulumi.Output<string>;
    captureS3Uri: pulumi.Output<string>;
    roleArn: pulumi.Output<string>;
    metricDimensions: pulumi.Output<MetricDimensions>;
}

/** Base of RealtimeEndpoint and AsyncEndpoint: one place that turns a declared endpoint into outputs. */
export abstract class EndpointComponent extends pulumi.ComponentResource implements EndpointOutputs {
    declare public readonly endpointName: pulumi.Output<string>;
    declare public readonly endpointArn: pulumi.Output<string>;
    declare public readonly endpointConfigName: pulumi.Output<string>;
    /** `s3://bucket/prefix/<endpoint>/`: where this endpoint's capture files land. */
    declare public readonly captureS3Uri: pulumi.Output<string>;
    declare public readonly roleArn: pulumi.Output<string>;
    /** `{ endpoint: { EndpointName }, variants: [{ EndpointName, VariantName }] }` for alarms and dashboards. */
    declare public readonly metricDimensions: pulumi.Output<MetricDimensions>;

    /** The endpoint's row of a stack summary dashboard: name, kind, period, detail dashboard, alarms. */
    declare public readonly dashboardSummary: pulumi.Output<SummaryEndpoint>;
    /** The detail dashboard's name; undefined when `dashboard: false`. */
    declare public readonly dashboardName: string | undefined;

    /** The outputs every endpoint kind has, as one record (stack exports, `registerOutputs`). */
    endpointOutputs(): EndpointOutputs {
        const { endpointName, endpointArn, endpointConfigName, captureS3Uri, roleArn, metricDimensions } = this;
        return { endpointName, endpointArn, endpointConfigName, captureS3Uri, roleArn, metricDimensions };
    }

    /** Records what the detail dashboard declaration returned. */
    protected exposeDashboard(summary: pulumi.Output<SummaryEndpoint>, dashboardName: string | undefined): void {
        Object.assign(this, { dashboardSummary: summary, dashboardName });
    }

    /** Sets the shared outputs and returns them, for `registerOutputs`. */
    protected exposeEndpointOutputs(declared: DeclaredEndpoint): EndpointOutputs {
        Object.assign(this, {
            endpointName: declared.endpoint.endpointName as pulumi.Output<string>,
            endpointArn: declared.endpoint.endpointArn,
            endpointConfigName: declared.endpoint.endpointConfigName,
            captureS3Uri: declared.captureS3Uri,
            roleArn: declared.roleArn,
            metricDimensions: pulumi.output(declared.metricDimensions),
        });
        return this.endpointOutputs();
    }
}
