import * as pulumi from "@pulumi/pulumi";
import { declareEndpoint } from "../core/endpoint/declareEndpoint";
import { EndpointComponent } from "../core/endpoint/EndpointComponent";
import { EndpointArgs } from "../core/endpoint/endpointArgs";
import { resolveEndpointArgs } from "../core/endpoint/resolveEndpointArgs";
import { captureDestinationRequired, endpointArgsProblems } from "../core/endpoint/validateEndpointArgs";
import { ProblemCollector } from "../core/validation/problems";
import { awsContext } from "../core/awsContext";
import { declareEndpointDashboard } from "../core/dashboards/declareEndpointDashboard";
import { resolveEndpointDashboard } from "../core/dashboards/endpointDashboardArgs";

export type RealtimeEndpointArgs = EndpointArgs;

const REALTIME_ENDPOINT_TYPE = "sagemaker-monitoring:endpoint:RealtimeEndpoint";

/** Throws one InputPropertiesError listing every invalid argument. */
export function validateRealtimeEndpointArgs(name: string, args: RealtimeEndpointArgs): void {
    const problems = new ProblemCollector();
    problems.addAll(captureDestinationRequired(args));
    problems.addAll(endpointArgsProblems(name, args));
    problems.throwIfAny(`RealtimeEndpoint "${name}"`);
}

/**
 * A real-time SageMaker endpoint that is observable from its first deployment: Data Capture of
 * 100 % of inputs and outputs in readable content types, enhanced metrics, a least-privilege
 * execution role, and endpoint metadata handed to the container.
 *
 * Declares a SageMaker Model per variant, an EndpointConfig (Data Capture into
 * `captureDestination`, enhanced metrics) and the Endpoint, plus an IAM execution role and its
 * policy unless `executionRoleArn` is given. Arguments: {@link RealtimeEndpointArgs}; every invalid
 * one is reported at once, before any resource is declared.
 */
export class RealtimeEndpoint extends EndpointComponent {
    constructor(name: string, args: RealtimeEndpointArgs, opts?: pulumi.ComponentResourceOptions) {
        validateRealtimeEndpointArgs(name, args);
        super(REALTIME_ENDPOINT_TYPE, name, {}, opts);
        const spec = resolveEndpointArgs(name, args);
        const declared = declareEndpoint(this, name, `RealtimeEndpoint "${name}"`, spec, {}, opts);
        const settings = resolveEndpointDashboard(spec.endpointName, args.dashboard);
        const { summary } = declareEndpointDashboard(this, name, {
            kind: "realtime",
            spec,
            settings,
            alarms: [],
            captureS3Uri: declared.captureS3Uri,
            context: awsContext(this, opts),
        });
        this.exposeDashboard(summary, settings.enabled ? settings.name : undefined);
        this.registerOutputs(this.exposeEndpointOutputs(declared));
    }
}
