import * as pulumi from "@pulumi/pulumi";
import { CaptureMode, MetricPublishFrequency } from "../../../domain/sageMakerLimits";
import { EndpointDashboardArgs } from "../dashboards/endpointDashboardArgs";
import { EndpointLogsArgs } from "./endpointLogs";

/** The model a variant serves. */
export interface ModelArgs {
    /** Amazon ECR image URI, `<account>.dkr.ecr.<region>.amazonaws.com/<repository>[:tag|@digest]`. */
    image: pulumi.Input<string>;
    /** `s3://` URL of the model artifacts (a `.tar.gz` object, or a prefix ending in `/` for uncompressed models). Omit when the image carries the model. */
    modelDataUrl?: pulumi.Input<string>;
    /** KMS key that encrypts the model artifacts; a created role may decrypt with it. @default none */
    modelDataKmsKeyArn?: pulumi.Input<string>;
    /** Extra container environment. Names starting with `SAGEMAKER_MONITORING_` are reserved. @default {} */
    environment?: Record<string, string>;
}

/** One production variant. Unset fields fall back to the endpoint-level values. */
export interface VariantArgs {
    /** @default "AllTraffic" when the endpoint has one variant */
    name?: string;
    /** `ml.*` instance type. @default the endpoint's `instanceType` */
    instanceType?: string;
    /** @default the endpoint's `instanceCount` */
    instanceCount?: number;
    /** Relative traffic weight, 0-1000. @default 1 */
    weight?: number;
    /** A different model for this variant (A/B tests). @default the endpoint's `model` */
    model?: ModelArgs;
}

/** Data Capture. Every default is the safe one: 100 % of inputs and outputs, readable content types. */
export interface DataCaptureArgs {
    /** @default true */
    enabled?: boolean;
    /** Integer 0-100. @default 100 */
    samplingPercentage?: number;
    /** @default ["Input", "Output"] */
    captureModes?: CaptureMode[];
    /** Content types captured as CSV text instead of base64. @default ["text/csv"] */
    csvContentTypes?: string[];
    /** Content types captured as JSON text instead of base64. @default ["application/json"] */
    jsonContentTypes?: string[];
}

/** Enhanced metrics (`MetricsConfig`). */
export interface MetricsArgs {
    /** @default true */
    enhancedMetrics?: boolean;
    /** One of 10, 30, 60, 120, 180, 240, 300. @default 60 */
    publishFrequencySeconds?: MetricPublishFrequency;
    /** Container-level, per-GPU and per-instance metrics. @default false */
    detailedObservability?: boolean;
}

/** Where Data Capture writes: a CaptureBucket's destination or an existing bucket. */
export interface CaptureDestination {
    bucketName: pulumi.Input<string>;
    /** Key prefix without leading or trailing slash. */
    prefix: string;
    /** KMS key SageMaker encrypts capture files with. */
    kmsKeyArn: pulumi.Input<string>;
}

/** Runs the model in a VPC. */
export interface EndpointNetworkArgs {
    subnetIds: pulumi.Input<pulumi.Input<string>[]>;
    securityGroupIds: pulumi.Input<pulumi.Input<string>[]>;
    /** The subnets' VPC: a created execution role may then manage network interfaces in it only (`ec2:Vpc`), besides its subnets (`ec2:Subnet`). @default none (the subnet condition alone) */
    vpcId?: pulumi.Input<string | undefined>;
}

/** Arguments shared by RealtimeEndpoint and AsyncEndpoint. */
export interface EndpointArgs {
    /** Physical endpoint name, at most 54 characters so derived names stay within 63. @default the component name */
    endpointName?: string;
    model: ModelArgs;
    /** Instance type of variants that set none. */
    instanceType?: string;
    /** Instance count of variants that set none. @default 1 */
    instanceCount?: number;
    /** @default one variant "AllTraffic" with the endpoint's model, instance type and count */
    variants?: VariantArgs[];
    captureDestination: CaptureDestination;
    /** @default capture on, 100 %, Input and Output, text/csv and application/json */
    dataCapture?: DataCaptureArgs;
    /** @default enhanced metrics on at 60 s */
    metrics?: MetricsArgs;
    /** Existing execution role. @default a least-privilege role is created */
    executionRoleArn?: pulumi.Input<string>;
    /** KMS key for the ML storage volumes. Not set on instance-store types, which AWS encrypts itself. @default the capture KMS key */
    volumeKmsKeyArn?: pulumi.Input<string>;
    /** @default none (public SageMaker network) */
    network?: EndpointNetworkArgs;
    /** Blocks all container network access. @default true when `network` is set, else false */
    networkIsolation?: boolean;
    /** The container log group `/aws/sagemaker/Endpoints/<endpoint>`, created before the endpoint. @default 30 days, the capture KMS key */
    logs?: EndpointLogsArgs;
    /** Tags for every resource, and passed to the container. @default {} */
    tags?: Record<string, string>;
    /** Stack name passed to the container. @default pulumi.getStack() */
    stackName?: string;
    /** The endpoint's CloudWatch detail dashboard; `false` declares none. @default true: named after the endpoint, no extra widgets */
    dashboard?: boolean | EndpointDashboardArgs;
}
