import * as pulumi from "@pulumi/pulumi";
import { declareEndpoint } from "./endpoint/declareEndpoint";
import { EndpointArgs } from "./endpoint/endpointArgs";
import { resolveEndpointArgs } from "./endpoint/resolveEndpointArgs";
import { captureDestinationRequired, endpointArgsProblems } from "./endpoint/validateEndpointArgs";
import { ProblemCollector } from "./validation/problems";

export type RealtimeEndpointArgs = EndpointArgs;

export const REALTIME_ENDPOINT_TYPE = "sagemaker-monitoring:endpoint:RealtimeEndpoint";

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
 */
export class RealtimeEndpoint extends pulumi.ComponentResource {
    public readonly endpointName: pulumi.Output<string>;
    public readonly endpointArn: pulumi.Output<string>;
    public readonly endpointConfigName: pulumi.Output<string>;
    public readonly captureS3Uri: pulumi.Output<string>;
    public readonly roleArn: pulumi.Output<string>;
    /** `{ endpoint: { EndpointName }, variants: [{ EndpointName, VariantName }] }` for alarms and dashboards. */
    public readonly metricDimensions: pulumi.Output<{ endpoint: { EndpointName: string }; variants: { EndpointName: string; VariantName: string }[] }>;

    constructor(name: string, args: RealtimeEndpointArgs, opts?: pulumi.ComponentResourceOptions) {
        validateRealtimeEndpointArgs(name, args);
        super(REALTIME_ENDPOINT_TYPE, name, {}, opts);
        const spec = resolveEndpointArgs(name, args);
        const declared = declareEndpoint(this, name, `RealtimeEndpoint "${name}"`, spec, {}, opts);
        this.endpointName = declared.endpoint.endpointName.apply((n) => n as string);
        this.endpointArn = declared.endpoint.endpointArn;
        this.endpointConfigName = declared.endpoint.endpointConfigName;
        this.captureS3Uri = declared.captureS3Uri;
        this.roleArn = declared.roleArn;
        this.metricDimensions = pulumi.output(declared.metricDimensions);
        this.registerOutputs({
            endpointName: this.endpointName,
            endpointArn: this.endpointArn,
            endpointConfigName: this.endpointConfigName,
            captureS3Uri: this.captureS3Uri,
            roleArn: this.roleArn,
            metricDimensions: this.metricDimensions,
        });
    }
}
