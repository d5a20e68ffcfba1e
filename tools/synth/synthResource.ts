/**
 * One resource as the offline synth saw it. `inputs` are exactly what the program passed to the
 * provider; `outputs` are the mock's state (inputs plus ids, ARNs and names), which stack policy
 * rules read the way CrossGuard reads real outputs.
 */
export interface SynthResource {
    type: string;
    name: string;
    urn: string;
    /** The parent's logical name, or null for top-level resources. */
    parent: string | null;
    parentUrn: string | null;
    inputs: Record<string, any>;
    outputs: Record<string, any>;
}

/** The `resources.json` record: the contract fields only, in a fixed key order. */
export function publicRecord(resource: SynthResource) {
    return { type: resource.type, name: resource.name, parent: resource.parent, inputs: resource.inputs };
}

export function sortResources(resources: SynthResource[]): SynthResource[] {
    return [...resources].sort((a, b) => (a.type === b.type ? compare(a.name, b.name) : compare(a.type, b.type)));
}

function compare(a: string, b: string): number {
    return a < b ? -1 : a > b ? 1 : 0;
}
