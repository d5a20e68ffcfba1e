/**
 * The policy pack config, in CrossGuard's shape (the JSON given to `pulumi preview
 * --policy-pack-config`, or to the offline synth's `--policy-config`):
 *
 *   {
 *     "all": "mandatory",                                   // optional: level for every policy
 *     "data-capture-sampling-100": { "enforcementLevel": "mandatory", "minimumSamplingPercentage": 100 },
 *     "gpu-endpoint-free-gpu-alarm": "advisory",            // a level alone
 *     "min-instance-count": { "enabled": true, "minimumInstanceCount": 2 },
 *     "min-scaling-capacity": { "enabled": true, "minimumCapacity": 2, "allowScaleToZeroForAsync": true }
 *   }
 *
 * Resolution mirrors the Pulumi CLI (ReconcilePolicyPackConfig): start from each policy's own
 * level and its schema defaults, apply "all", then each policy's entry. Unlike the CLI, unknown
 * policy or property names are errors here (the CLI ignores them), with a "did you mean".
 */
import type { EnforcementLevel } from "@pulumi/policy";
import { closestName } from "../domain/closestName";
import { PolicyConfigError, PolicyConfigProblem } from "./policyConfigError";
import { problemsFromIssues, unknownPropertyReason } from "./ruleConfig";
import { RuleDefinition, rules as registry } from "./rules";
import { isObject } from "../domain/values";

export { PolicyConfigError } from "./policyConfigError";
export type { PolicyConfigProblem } from "./policyConfigError";

export const ENFORCEMENT_LEVELS: readonly EnforcementLevel[] = ["advisory", "mandatory", "remediate", "disabled"];

/** The special key that sets the enforcement level of every policy. */
export const ALL_POLICIES_KEY = "all";

export interface ResolvedPolicyConfig {
    enforcementLevel: EnforcementLevel;
    /** Every property of the policy, defaults applied (what `args.getConfig()` returns). */
    properties: Record<string, unknown>;
}

/** Every policy of the pack, by name, with its effective config. */
export type ResolvedPackConfig = Record<string, ResolvedPolicyConfig>;

const levelReason = (value: unknown) => `must be one of ${ENFORCEMENT_LEVELS.join(", ")} (got ${JSON.stringify(value)})`;

interface PolicyEntry {
    enforcementLevel?: EnforcementLevel;
    properties: Record<string, unknown>;
}

/** Splits one entry ("mandatory" or { enforcementLevel, ...properties }) and checks its level. */
function readEntry(path: string, value: unknown, problems: PolicyConfigProblem[]): PolicyEntry | undefined {
    if (typeof value === "string") {
        if (!ENFORCEMENT_LEVELS.includes(value as EnforcementLevel)) {
            problems.push({ path, reason: levelReason(value) });
            return undefined;
        }
        return { enforcementLevel: value as EnforcementLevel, properties: {} };
    }
    if (!isObject(value)) {
        problems.push({
            path,
            reason: `must be an enforcement level (${ENFORCEMENT_LEVELS.join(", ")}) or an object with enforcementLevel and the policy's properties (got ${JSON.stringify(value)})`,
        });
        return undefined;
    }
    const { enforcementLevel, ...properties } = value;
    if (enforcementLevel !== undefined && !ENFORCEMENT_LEVELS.includes(enforcementLevel as EnforcementLevel)) {
        // Keep the properties so their problems are reported in the same run.
        problems.push({ path: `${path}.enforcementLevel`, reason: levelReason(enforcementLevel) });
        return { properties };
    }
    return { enforcementLevel: enforcementLevel as EnforcementLevel | undefined, properties };
}

function unknownPolicyReason(key: string, names: readonly string[]): string {
    const suggestion = closestName(key, [ALL_POLICIES_KEY, ...names]);
    return suggestion
        ? `unknown policy; did you mean "${suggestion}"?`
        : `unknown policy (valid: "${ALL_POLICIES_KEY}", ${names.map((n) => `"${n}"`).join(", ")})`;
}

/**
 * Validates raw pack config (parsed JSON; undefined or null means none) and resolves every
 * policy's enforcement level and properties. Throws PolicyConfigError with all problems.
 */
export function parsePackConfig(raw: unknown, rules: readonly RuleDefinition[] = registry): ResolvedPackConfig {
    const problems: PolicyConfigProblem[] = [];
    const config = raw ?? {};
    if (!isObject(config)) {
        throw new PolicyConfigError([
            {
                path: "(root)",
                reason: `must be a JSON object mapping policy names (or "${ALL_POLICIES_KEY}") to an enforcement level or an object (got ${JSON.stringify(raw)})`,
            },
        ]);
    }
    const byName = new Map(rules.map((rule) => [rule.policy.name, rule]));
    const names = [...byName.keys()];

    let allLevel: EnforcementLevel | undefined;
    const entries = new Map<string, PolicyEntry>();
    for (const [key, value] of Object.entries(config)) {
        if (key === ALL_POLICIES_KEY) {
            const entry = readEntry(key, value, problems);
            for (const property of Object.keys(entry?.properties ?? {})) {
                problems.push({
                    path: `${key}.${property}`,
                    reason: `unknown property; "${ALL_POLICIES_KEY}" accepts only enforcementLevel`,
                });
            }
            allLevel = entry?.enforcementLevel;
        } else if (!byName.has(key)) {
            problems.push({ path: key, reason: unknownPolicyReason(key, names) });
        } else {
            const entry = readEntry(key, value, problems);
            if (entry) {
                entries.set(key, entry);
            }
        }
    }

    const resolved: ResolvedPackConfig = {};
    for (const { policy, config: spec } of rules) {
        const entry = entries.get(policy.name);
        const enforcementLevel = entry?.enforcementLevel ?? allLevel ?? policy.enforcementLevel;
        const given = entry?.properties ?? {};
        if (!spec) {
            for (const property of Object.keys(given)) {
                problems.push({ path: `${policy.name}.${property}`, reason: unknownPropertyReason(property, []) });
            }
            resolved[policy.name] = { enforcementLevel, properties: {} };
            continue;
        }
        const parsed = spec.schema.safeParse(given);
        if (parsed.success) {
            resolved[policy.name] = { enforcementLevel, properties: parsed.data as Record<string, unknown> };
        } else {
            problems.push(...problemsFromIssues(policy.name, parsed.error.issues, spec.propertyNames));
        }
    }
    if (problems.length > 0) {
        throw new PolicyConfigError(problems);
    }
    return resolved;
}
