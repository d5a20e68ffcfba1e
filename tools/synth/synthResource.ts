import { SynthResource } from "./policy/synthResource";

/** The type is the policy pack's: it is the contract between synth and the offline evaluator. */
export type { SynthResource } from "./policy/synthResource";

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
