/**
 * Test harness: runs one CrossGuard policy the way the analyzer does (same args builders as the
 * offline evaluator, modelled on @pulumi/policy's server.js), and classifies the outcome the
 * way the engine does: violations, not applicable, or "can't run during preview" because the
 * rule read an unknown value. Also small helpers to change exactly one field of a fixture.
 */
import type { ResourceValidationPolicy, StackValidationPolicy } from "@pulumi/policy";
import { parsePackConfig } from "../../policy/config";
import { UNKNOWN_VALUE, UnknownValueError } from "../../policy/policySdkInternals";
import {
    ArgsResource,
    makeResourceValidationArgs,
    makeStackValidationArgs,
    NotApplicableError,
} from "../../tools/synth/policy/validationArgs";

export { UNKNOWN_VALUE };

export const TEST_STACK = "test";
export const TEST_PROJECT = "sagemaker-monitoring";

export function urnOf(type: string, name: string): string {
    return `urn:pulumi:${TEST_STACK}::${TEST_PROJECT}::${type}::${name}`;
}

export interface HarnessResource {
    type: string;
    name: string;
    props: Record<string, any>;
    parentUrn?: string;
    /** Stack rules: per property, the URNs its value was computed from (as the engine sends them). */
    propertyDependencies?: Record<string, string[]>;
}

export interface HarnessOptions {
    /** This policy's entry in the pack config, e.g. { minimumSamplingPercentage: 90 }. */
    config?: unknown;
    stackTags?: Record<string, string>;
}

/** How the engine classifies one policy run. */
export type Outcome =
    | { kind: "violations"; messages: string[] }
    | { kind: "notApplicable"; reason: string | undefined }
    /** The rule touched a preview-time unknown: the engine reports this as advisory, not a violation. */
    | { kind: "unknown"; message: string };

export interface StackViolation {
    urn: string | undefined;
    message: string;
}

export type StackOutcome =
    | { kind: "violations"; violations: StackViolation[] }
    | { kind: "notApplicable"; reason: string | undefined }
    | { kind: "unknown"; message: string };

/** The policy's properties after pack-config resolution (defaults applied). */
function policyProperties(policyName: string, config: unknown): Record<string, unknown> {
    const raw = config === undefined ? {} : { [policyName]: config };
    return parsePackConfig(raw)[policyName].properties;
}

function classify<T>(run: () => T): T | { kind: "notApplicable"; reason: string | undefined } | { kind: "unknown"; message: string } {
    try {
        return run();
    } catch (e) {
        if (e instanceof NotApplicableError) {
            return { kind: "notApplicable", reason: e.reason };
        }
        if (e instanceof UnknownValueError) {
            return { kind: "unknown", message: e.message };
        }
        throw e;
    }
}

export function runResourcePolicy(policy: ResourceValidationPolicy, resource: HarnessResource, opts: HarnessOptions = {}): Outcome {
    const args = makeResourceValidationArgs(
        { ...resource, urn: urnOf(resource.type, resource.name) },
        policyProperties(policy.name, opts.config),
        new Map(Object.entries(opts.stackTags ?? {})),
    );
    const validations = Array.isArray(policy.validateResource) ? policy.validateResource : [policy.validateResource!];
    return classify(() => {
        const messages: string[] = [];
        for (const validation of validations) {
            void validation(args, (message) => messages.push(message));
        }
        return { kind: "violations" as const, messages };
    });
}

export function runStackPolicy(policy: StackValidationPolicy, resources: HarnessResource[], opts: HarnessOptions = {}): StackOutcome {
    const argsResources: ArgsResource[] = resources.map((r) => ({ ...r, urn: urnOf(r.type, r.name) }));
    const args = makeStackValidationArgs(
        argsResources,
        policyProperties(policy.name, opts.config),
        new Map(Object.entries(opts.stackTags ?? {})),
    );
    return classify(() => {
        const violations: StackViolation[] = [];
        void policy.validateStack(args, (message, urn) => violations.push({ urn, message }));
        return { kind: "violations" as const, violations };
    });
}

// ---------------------------------------------------------------------------------------------
// Changing exactly one field of a fixture.

/** "a.b[0].c" -> ["a", "b", 0, "c"] */
function pathSegments(path: string): (string | number)[] {
    return path.split(".").flatMap((part) => {
        const [name, ...indexes] = part.split("[");
        return [...(name === "" ? [] : [name]), ...indexes.map((index) => Number(index.replace("]", "")))];
    });
}

function deepCopy<T>(value: T): T {
    return JSON.parse(JSON.stringify(value)) as T;
}

/** A deep copy of `props` with the field at `path` set to `value` (intermediate objects created). */
export function withField<T extends Record<string, any>>(props: T, path: string, value: unknown): T {
    const copy = deepCopy(props);
    const segments = pathSegments(path);
    let node: any = copy;
    for (const segment of segments.slice(0, -1)) {
        node[segment] ??= {};
        node = node[segment];
    }
    node[segments[segments.length - 1]] = value;
    return copy;
}

/** A deep copy of `props` without the field at `path`. */
export function withoutField<T extends Record<string, any>>(props: T, path: string): T {
    const copy = deepCopy(props);
    const segments = pathSegments(path);
    let node: any = copy;
    for (const segment of segments.slice(0, -1)) {
        node = node[segment];
    }
    const last = segments[segments.length - 1];
    if (Array.isArray(node) && typeof last === "number") {
        node.splice(last, 1);
    } else {
        delete node[last];
    }
    return copy;
}

/** A deep copy of `props` whose field at `path` is unknown, as during `pulumi preview`. */
export function withUnknown<T extends Record<string, any>>(props: T, path: string): T {
    return withField(props, path, UNKNOWN_VALUE);
}
