import * as pulumi from "@pulumi/pulumi";
import { CaptureDestination, EndpointArgs, EndpointNetworkArgs, ModelArgs } from "./endpointArgs";
import { CaptureMode, DEFAULT_VARIANT_NAME, MetricPublishFrequency, usesInstanceStore } from "../../../domain/sageMakerLimits";

export const CAPTURE_DEFAULTS = {
    enabled: true,
    samplingPercentage: 100,
    captureModes: ["Input", "Output"] as CaptureMode[],
    csvContentTypes: ["text/csv"],
    jsonContentTypes: ["application/json"],
};

export const METRICS_DEFAULTS = {
    enhancedMetrics: true,
    publishFrequencySeconds: 60 as MetricPublishFrequency,
    detailedObservability: false,
};

/** A variant's instance count when neither it nor the endpoint sets one, and its traffic weight. */
export const VARIANT_DEFAULTS = { instanceCount: 1, weight: 1 } as const;

interface ResolvedVariant {
    name: string;
    instanceType: string;
    instanceCount: number;
    weight: number;
    model: ModelArgs & { environment: Record<string, string> };
    /** Where this variant's model came from in the arguments, for deploy-time error paths. */
    modelPath: string;
}

/** Endpoint arguments with every default applied. Only built from arguments that passed validation. */
export interface ResolvedEndpoint {
    endpointName: string;
    variants: ResolvedVariant[];
    captureDestination: CaptureDestination;
    capture: typeof CAPTURE_DEFAULTS;
    metrics: typeof METRICS_DEFAULTS;
    executionRoleArn?: pulumi.Input<string>;
    /** Undefined when any variant runs on instance storage, where AWS rejects a volume key. */
    volumeKmsKeyArn?: pulumi.Input<string>;
    network?: EndpointNetworkArgs;
    networkIsolation: boolean;
    logs?: EndpointArgs["logs"];
    tags: Record<string, string>;
    stackName: string;
}

export function resolveEndpointArgs(componentName: string, args: EndpointArgs): ResolvedEndpoint {
    const variantArgs = args.variants ?? [{}];
    const variants = variantArgs.map((v, index): ResolvedVariant => {
        const model = v.model ?? args.model;
        return {
            name: v.name ?? (variantArgs.length === 1 ? DEFAULT_VARIANT_NAME : `variant-${index}`),
            instanceType: (v.instanceType ?? args.instanceType) as string,
            instanceCount: v.instanceCount ?? args.instanceCount ?? VARIANT_DEFAULTS.instanceCount,
            weight: v.weight ?? VARIANT_DEFAULTS.weight,
            model: { ...model, environment: model.environment ?? {} },
            modelPath: v.model === undefined ? "model" : `variants[${index}].model`,
        };
    });
    const anyInstanceStore = variants.some((v) => usesInstanceStore(v.instanceType));
    return {
        endpointName: args.endpointName ?? componentName,
        variants,
        captureDestination: args.captureDestination,
        capture: { ...CAPTURE_DEFAULTS, ...definedOnly(args.dataCapture ?? {}) },
        metrics: { ...METRICS_DEFAULTS, ...definedOnly(args.metrics ?? {}) },
        executionRoleArn: args.executionRoleArn,
        volumeKmsKeyArn: anyInstanceStore ? undefined : (args.volumeKmsKeyArn ?? args.captureDestination.kmsKeyArn),
        network: args.network,
        networkIsolation: args.networkIsolation ?? args.network !== undefined,
        logs: args.logs,
        tags: args.tags ?? {},
        stackName: args.stackName ?? pulumi.getStack(),
    };
}

/** `{ a: undefined }` must not override a default. */
function definedOnly<T extends object>(value: T): Partial<T> {
    return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
