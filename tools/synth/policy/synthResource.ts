/**
 * One resource collected by the offline synth (tools/synth.ts) from Pulumi's mock runtime.
 * This is the contract between the synth and the offline policy evaluator: the synth imports
 * this type from here.
 */
export interface SynthResource {
    /** Pulumi type token, e.g. "aws-native:sagemaker:EndpointConfig". */
    type: string;
    /** Logical (Pulumi) name. */
    name: string;
    urn: string;
    /** The parent's logical name, or null for top-level resources. */
    parent: string | null;
    parentUrn: string | null;
    /** Exact inputs passed to the provider, Outputs resolved. */
    inputs: Record<string, any>;
    /** Mock state: inputs plus `id`, `arn` and name-ish fields. */
    outputs: Record<string, any>;
    /**
     * Per input property, the URNs of the resources its value was computed from (the engine's
     * `propertyDependencies`: known at preview even when the values are not), sorted; properties
     * without any are left out. Absent when not recorded.
     */
    propertyDependencies?: Record<string, string[]>;
    /** URNs of every resource this one depends on (the engine's `dependencies`), sorted. Absent when not recorded. */
    dependencies?: string[];
}

/**
 * The URN the synth gives a resource for an engine URN: the parent type chain is dropped
 * (`...::sagemaker-monitoring:endpoint:RealtimeEndpoint$aws:s3/bucket:Bucket::capture` ->
 * `...::aws:s3/bucket:Bucket::capture`), as SynthResource.urn and parentUrn are.
 */
export function synthUrnOf(engineUrn: string): string {
    const parts = engineUrn.split("::");
    return [parts[0], parts[1], parts[2].split("$").pop(), ...parts.slice(3)].join("::");
}
