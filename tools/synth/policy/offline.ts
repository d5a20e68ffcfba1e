/**
 * Runs the policy pack without the Pulumi engine, on the resources of the offline synth, with
 * CrossGuard's semantics:
 * - enforcement: the pack config's level for the policy, else "all", else the policy's own;
 *   "disabled" skips the policy; "remediate" is reported as "mandatory" (the engine does the
 *   same: no rule here implements remediateResource, and the analyzer downgrades remediate
 *   violations to mandatory; stack policies cannot be remediated at all);
 * - resource rules see each resource's inputs, stack rules see every resource's outputs, with
 *   parent, dependencies and propertyDependencies resolved to resources as the engine does;
 * - args.notApplicable() skips silently;
 * - a rule that reads a preview-time unknown value yields one advisory "can't run policy ...
 *   during preview" entry instead of a violation, as the engine reports it.
 */
import type { ResourceValidationPolicy, StackValidationPolicy } from "@pulumi/policy";
import { parsePackConfig, ResolvedPackConfig } from "../../../policy/config";
import { UnknownValueError } from "../../../policy/policySdkInternals";
import { PolicyConfigError } from "../../../policy/policyConfigError";
import { rules as registry, RuleDefinition } from "../../../policy/rules";
import { SynthResource } from "./synthResource";
import { ArgsResource, makeResourceValidationArgs, makeStackValidationArgs, NotApplicableError } from "./validationArgs";

export { PolicyConfigError } from "../../../policy/policyConfigError";

export interface PolicyViolation {
    policy: string;
    enforcementLevel: "advisory" | "mandatory";
    /** Type token of the violating resource; "pulumi:pulumi:Stack" for stack-wide violations. */
    type: string;
    /** Logical name of the violating resource; the stack name for stack-wide violations. */
    name: string;
    message: string;
}

export interface EvaluateOptions {
    /** Name reported for stack-wide violations. @default "stack" */
    stackName?: string;
    /** Stack tags passed to the rules as `args.stackTags`. @default {} */
    stackTags?: Record<string, string>;
}

const STACK_TYPE = "pulumi:pulumi:Stack";

/** `urn:pulumi:<stack>::<project>::<parent$type>::<name>` -> { type, name }. */
function resourceOfUrn(urn: string): { type: string; name: string } {
    const parts = urn.split("::");
    const qualifiedType = parts[2] ?? "";
    return { type: qualifiedType.split("$").pop() ?? "", name: parts.slice(3).join("::") };
}

function compareViolations(a: PolicyViolation, b: PolicyViolation): number {
    for (const key of ["type", "name", "policy", "message"] as const) {
        if (a[key] !== b[key]) {
            return a[key] < b[key] ? -1 : 1;
        }
    }
    return 0;
}

/** Runs one validation callback, turning engine-style control flow into results. */
function runValidation(
    policyName: string,
    subject: string,
    validation: () => void | Promise<void>,
    onUnknown: (message: string) => void,
): void {
    try {
        const result = validation();
        if (result instanceof Promise) {
            throw new Error("returned a Promise; offline evaluation needs synchronous rules");
        }
    } catch (e) {
        if (e instanceof NotApplicableError) {
            return;
        }
        if (e instanceof UnknownValueError) {
            onUnknown(`can't run policy '${policyName}' during preview: ${e.message}`);
            return;
        }
        if (e instanceof PolicyConfigError) {
            throw e;
        }
        throw new Error(`Error validating ${subject} with policy '${policyName}': ${(e as Error).message ?? String(e)}`, { cause: e });
    }
}

/** How one rule reports: its name, the level its violations get, and what it is configured with. */
interface RuleRun {
    policy: string;
    enforcementLevel: "advisory" | "mandatory";
    properties: Record<string, unknown>;
    stackTags: Map<string, string>;
}

/** A stack rule sees every resource's outputs; a violation without a URN is the stack's. */
function evaluateStackRule(
    policy: StackValidationPolicy,
    run: RuleRun,
    resources: readonly SynthResource[],
    stack: { type: string; name: string },
): PolicyViolation[] {
    const violations: PolicyViolation[] = [];
    const byUrn = new Map(resources.map((r) => [r.urn, r]));
    const args = makeStackValidationArgs(
        resources.map((r): ArgsResource => ({
            type: r.type,
            name: r.name,
            urn: r.urn,
            props: r.outputs,
            parentUrn: r.parentUrn,
            propertyDependencies: r.propertyDependencies,
            dependencies: r.dependencies,
        })),
        run.properties,
        run.stackTags,
    );
    runValidation(
        run.policy,
        "the stack",
        () =>
            policy.validateStack(args, (message, urn) => {
                const target = urn === undefined ? stack : (byUrn.get(urn) ?? resourceOfUrn(urn));
                violations.push({
                    policy: run.policy,
                    enforcementLevel: run.enforcementLevel,
                    type: target.type,
                    name: target.name,
                    message,
                });
            }),
        (message) => violations.push({ policy: run.policy, enforcementLevel: "advisory", ...stack, message }),
    );
    return violations;
}

/** A resource rule sees each resource's inputs, once per validation function it has. */
function evaluateResourceRule(policy: ResourceValidationPolicy, run: RuleRun, resources: readonly SynthResource[]): PolicyViolation[] {
    const violations: PolicyViolation[] = [];
    const validateResource = policy.validateResource;
    const validations = validateResource === undefined ? [] : Array.isArray(validateResource) ? validateResource : [validateResource];
    for (const resource of resources) {
        const at = { type: resource.type, name: resource.name };
        for (const validation of validations) {
            const args = makeResourceValidationArgs(
                { type: resource.type, name: resource.name, urn: resource.urn, props: resource.inputs, parentUrn: resource.parentUrn },
                run.properties,
                run.stackTags,
            );
            runValidation(
                run.policy,
                `${resource.type} "${resource.name}"`,
                () =>
                    validation(args, (message) =>
                        violations.push({ policy: run.policy, enforcementLevel: run.enforcementLevel, ...at, message }),
                    ),
                (message) => violations.push({ policy: run.policy, enforcementLevel: "advisory", ...at, message }),
            );
        }
    }
    return violations;
}

function evaluateRule(
    rule: RuleDefinition,
    resolved: ResolvedPackConfig,
    resources: readonly SynthResource[],
    options: Required<EvaluateOptions>,
): PolicyViolation[] {
    const { policy } = rule;
    const { enforcementLevel: configured, properties } = resolved[policy.name];
    if (configured === "disabled") {
        return [];
    }
    const run: RuleRun = {
        policy: policy.name,
        enforcementLevel: configured === "remediate" ? "mandatory" : configured,
        properties,
        stackTags: new Map(Object.entries(options.stackTags)),
    };
    return "validateStack" in policy
        ? evaluateStackRule(policy as StackValidationPolicy, run, resources, { type: STACK_TYPE, name: options.stackName })
        : evaluateResourceRule(policy as ResourceValidationPolicy, run, resources);
}

/**
 * Validates `rawConfig` (parsed pack config JSON; undefined for none), then runs every rule of
 * the pack. Returns violations sorted by type, name, policy and message. Throws
 * PolicyConfigError (with every problem) for malformed or unknown config.
 */
export function evaluatePolicyPack(resources: SynthResource[], rawConfig: unknown, opts: EvaluateOptions = {}): PolicyViolation[] {
    return evaluateRules(registry, resources, rawConfig, opts);
}

/** {@link evaluatePolicyPack} for any list of rules (the pack's registry, or rules under test). */
export function evaluateRules(
    rules: readonly RuleDefinition[],
    resources: readonly SynthResource[],
    rawConfig: unknown,
    opts: EvaluateOptions = {},
): PolicyViolation[] {
    const resolved = parsePackConfig(rawConfig, rules);
    const options: Required<EvaluateOptions> = { stackName: opts.stackName ?? "stack", stackTags: opts.stackTags ?? {} };
    return rules.flatMap((rule) => evaluateRule(rule, resolved, resources, options)).sort(compareViolations);
}

/** True when any violation blocks a deployment (synth exits 1). */
export function hasMandatoryViolation(violations: readonly PolicyViolation[]): boolean {
    return violations.some((violation) => violation.enforcementLevel === "mandatory");
}
