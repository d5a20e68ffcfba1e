import { AsyncEndpointArgsWithoutWiring } from "../components/asyncEndpoint/validateAsyncEndpointArgs";
import { EndpointArgsWithoutDestination } from "../components/core/endpoint/validateEndpointArgs";
import { EndpointEntry } from "./schema";

/**
 * A stack file's endpoint entry as component arguments. Field names are the same on both sides,
 * so a validator's property path is also the path in the stack file (the component's name is `name`).
 */
export function endpointEntryArgs(entry: EndpointEntry, stackTags: Record<string, string>): EndpointArgsWithoutDestination {
    const { name: _name, kind: _kind, tags, ...args } = entry;
    // Values are typed loosely here (numbers, strings); the validators narrow them.
    return { ...args, tags: { ...stackTags, ...(tags ?? {}) } } as EndpointArgsWithoutDestination;
}

/** An async entry as AsyncEndpoint arguments: the same fields plus `async`, `scaling` and `alarms`, passed as they are. */
export function asyncEndpointEntryArgs(entry: EndpointEntry, stackTags: Record<string, string>): AsyncEndpointArgsWithoutWiring {
    return endpointEntryArgs(entry, stackTags) as AsyncEndpointArgsWithoutWiring;
}
