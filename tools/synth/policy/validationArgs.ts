/**
 * Builds the arguments a rule receives exactly as the CrossGuard analyzer does
 * (@pulumi/policy server.js): props wrapped in the unknown-checking proxy, default resource
 * options, stack tags, getConfig() returning the policy's properties without enforcementLevel,
 * and notApplicable() throwing. Used by the offline evaluator and the test harness alike.
 */
import type { PolicyResource, PolicyResourceOptions, ResourceValidationArgs, StackValidationArgs } from "@pulumi/policy";
import { unknownCheckingProxy } from "../../../policy/policySdkInternals";

/** Thrown by `args.notApplicable(reason)`; the policy is skipped for this resource or stack. */
export class NotApplicableError extends Error {
    constructor(readonly reason?: string) {
        super(reason ?? "Policy does not apply");
        this.name = "NotApplicableError";
    }
}

function throwNotApplicable(reason?: string): never {
    throw new NotApplicableError(reason);
}

/** What the builders need to know about a resource. */
export interface ArgsResource {
    type: string;
    name: string;
    urn: string;
    /** Inputs for resource rules, outputs for stack rules. */
    props: Record<string, any>;
    parentUrn?: string | null;
    /** Stack rules: per property, the URNs its value came from (see SynthResource.propertyDependencies). */
    propertyDependencies?: Record<string, readonly string[]>;
    /** Stack rules: URNs of every resource this one depends on. */
    dependencies?: readonly string[];
}

/** The options the engine reports for a resource declared without special options. */
function defaultResourceOptions(parentUrn?: string | null): PolicyResourceOptions {
    const opts: PolicyResourceOptions = {
        protect: false,
        ignoreChanges: [],
        aliases: [],
        customTimeouts: { createSeconds: 0, updateSeconds: 0, deleteSeconds: 0 },
        additionalSecretOutputs: [],
    };
    if (parentUrn) {
        opts.parent = parentUrn;
    }
    return opts;
}

/** The engine's isType: compares the class's `__pulumiType`, else asks its `isInstance`. */
function isTypeOf(type: string, resourceClass: unknown): boolean {
    const cls = resourceClass as { __pulumiType?: string; isInstance?: (obj: unknown) => boolean };
    if (typeof cls.__pulumiType === "string") {
        return cls.__pulumiType === type;
    }
    return typeof cls.isInstance === "function" && cls.isInstance({ __pulumiType: type }) === true;
}

/** What resource and stack rules both see of one resource: props behind the unknown-checking proxy. */
function resourceView(
    resource: ArgsResource,
): Pick<PolicyResource, "type" | "props" | "urn" | "name" | "opts" | "isType"> & { asType: unknown } {
    const props = unknownCheckingProxy(resource.props);
    return {
        type: resource.type,
        props,
        urn: resource.urn,
        name: resource.name,
        opts: defaultResourceOptions(resource.parentUrn),
        isType: (resourceClass) => isTypeOf(resource.type, resourceClass),
        // Resource and stack rules type asType differently (inputs vs outputs); each caller narrows it.
        asType: (resourceClass: unknown) => (isTypeOf(resource.type, resourceClass) ? props : undefined),
    };
}

/** A copy, so a rule cannot change the caller's tags. */
function copyTags(tags: ReadonlyMap<string, string>): ReadonlyMap<string, string> {
    return new Map(tags);
}

export function makeResourceValidationArgs(
    resource: ArgsResource,
    policyProperties: Record<string, unknown>,
    stackTags: ReadonlyMap<string, string> = new Map(),
): ResourceValidationArgs {
    const view = resourceView(resource);
    return {
        ...view,
        asType: view.asType as ResourceValidationArgs["asType"],
        stackTags: copyTags(stackTags),
        getConfig: <T extends object>() => ({ ...policyProperties }) as T,
        notApplicable: throwNotApplicable,
    };
}

export function makeStackValidationArgs(
    resources: readonly ArgsResource[],
    policyProperties: Record<string, unknown>,
    stackTags: ReadonlyMap<string, string> = new Map(),
): StackValidationArgs {
    const policyResources: PolicyResource[] = resources.map((resource) => {
        const view = resourceView(resource);
        return {
            ...view,
            asType: view.asType as PolicyResource["asType"],
            // Filled in below, once every resource exists (as the engine does).
            dependencies: [],
            propertyDependencies: {},
        };
    });
    // As the engine does: URNs become the resource objects, and URNs of resources outside the
    // list are dropped.
    const byUrn = new Map(policyResources.map((r) => [r.urn, r]));
    const resolve = (urns: readonly string[]) => urns.map((urn) => byUrn.get(urn)).filter((r): r is PolicyResource => r !== undefined);
    resources.forEach((resource, i) => {
        const parent = resource.parentUrn ? byUrn.get(resource.parentUrn) : undefined;
        if (parent) {
            policyResources[i].parent = parent;
        }
        policyResources[i].dependencies = resolve(resource.dependencies ?? []);
        for (const [property, urns] of Object.entries(resource.propertyDependencies ?? {})) {
            policyResources[i].propertyDependencies[property] = resolve(urns);
        }
    });
    return {
        resources: policyResources,
        stackTags: copyTags(stackTags),
        getConfig: <T extends object>() => ({ ...policyProperties }) as T,
        notApplicable: throwNotApplicable,
    };
}
