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
}
