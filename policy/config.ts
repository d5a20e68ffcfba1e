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
import { CaptureExemption, EXEMPTIONS_POLICY, exemptionProblems, INJECTED_EXEMPTIONS, utcToday } from "./captureExemptions";
import { isBlockingLevel, isMandatoryCaptureRule, weakenedLevelReason } from "./mandatoryCapture";
import { problemsFromIssues, unknownPropertyReason } from "./ruleConfig";
import { RuleDefinition, rules as registry } from "./rules";
import { isObject } from "../domain/values";

export { PolicyConfigError } from "./policyConfigError";
export type { CaptureExemption } from "./captureExemptions";

const ENFORCEMENT_LEVELS: readonly EnforcementLevel[] = ["advisory", "mandatory", "remediate", "disabled"];

/** The special key that sets the enforcement level of every policy. */
const ALL_POLICIES_KEY = "all";

interface ResolvedPolicyConfig {
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

/** The entries of a raw config object, levels checked; `all` kept apart. */
function readEntries(
    config: Record<string, unknown>,
    byName: ReadonlyMap<string, RuleDefinition>,
    problems: PolicyConfigProblem[],
): { allLevel: EnforcementLevel | undefined; entries: Map<string, PolicyEntry> } {
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
            problems.push({ path: key, reason: unknownPolicyReason(key, [...byName.keys()]) });
        } else {
            const entry = readEntry(key, value, problems);
            if (entry) {
                entries.set(key, entry);
            }
        }
    }
    return { allLevel, entries };
}

/** One policy's level and properties (defaults applied), or undefined when its properties are invalid. */
function resolveRule(
    { policy, config: spec }: RuleDefinition,
    enforcementLevel: EnforcementLevel,
    given: Record<string, unknown>,
    problems: PolicyConfigProblem[],
): ResolvedPolicyConfig | undefined {
    if (!spec) {
        for (const property of Object.keys(given)) {
            problems.push({ path: `${policy.name}.${property}`, reason: unknownPropertyReason(property, []) });
        }
        return { enforcementLevel, properties: {} };
    }
    const parsed = spec.schema.safeParse(given);
    if (parsed.success) {
        return { enforcementLevel, properties: parsed.data as Record<string, unknown> };
    }
    problems.push(...problemsFromIssues(policy.name, parsed.error.issues, spec.propertyNames));
    return undefined;
}

/**
 * The mandatory capture rules stay blocking: a level set directly is reported at the entry, one
 * set through "all" once at "all".
 */
function lockProblems(
    resolved: ResolvedPackConfig,
    entries: ReadonlyMap<string, PolicyEntry>,
    allLevel: EnforcementLevel | undefined,
    raw: Record<string, unknown>,
): PolicyConfigProblem[] {
    const problems: PolicyConfigProblem[] = [];
    const throughAll: string[] = [];
    for (const [name, { enforcementLevel }] of Object.entries(resolved)) {
        if (!isMandatoryCaptureRule(name) || isBlockingLevel(enforcementLevel)) {
            continue;
        }
        if (entries.get(name)?.enforcementLevel === undefined) {
            throughAll.push(name);
        } else {
            const path = typeof raw[name] === "string" ? name : `${name}.enforcementLevel`;
            problems.push({ path, reason: weakenedLevelReason(name, enforcementLevel) });
        }
    }
    if (throughAll.length > 0) {
        problems.push({
            path: ALL_POLICIES_KEY,
            reason:
                `cannot make the mandatory capture rules ${throughAll.join(", ")} "${allLevel}": they are always "mandatory" ` +
                `(give each an explicit "mandatory" entry next to "${ALL_POLICIES_KEY}", or exempt a single endpoint in "${EXEMPTIONS_POLICY}")`,
        });
    }
    return problems;
}

/**
 * Copies each exemption to the rule it names, and fixes the exemptions policy at advisory whatever
 * the config says (under the CLI, "all" reaches it as its own level, indistinguishably): exempted
 * violations are reported, never blocking, and never hidden.
 */
function applyExemptions(resolved: ResolvedPackConfig): void {
    const holder = resolved[EXEMPTIONS_POLICY];
    if (holder === undefined) {
        return;
    }
    holder.enforcementLevel = "advisory";
    const exemptions = holder.properties.exemptions as CaptureExemption[];
    for (const [name, config] of Object.entries(resolved)) {
        if (isMandatoryCaptureRule(name)) {
            config.properties = { ...config.properties, [INJECTED_EXEMPTIONS]: exemptions.filter((e) => e.rule === name) };
        }
    }
}

/**
 * Validates raw pack config (parsed JSON; undefined or null means none) and resolves every
 * policy's enforcement level and properties. Throws PolicyConfigError with all problems.
 * `today` (YYYY-MM-DD, UTC) is what exemption expiry dates are compared with.
 */
export function parsePackConfig(raw: unknown, rules: readonly RuleDefinition[] = registry, today: string = utcToday()): ResolvedPackConfig {
    const config = raw ?? {};
    if (!isObject(config)) {
        throw new PolicyConfigError([
            {
                path: "(root)",
                reason: `must be a JSON object mapping policy names (or "${ALL_POLICIES_KEY}") to an enforcement level or an object (got ${JSON.stringify(raw)})`,
            },
        ]);
    }
    const problems: PolicyConfigProblem[] = [];
    const byName = new Map(rules.map((rule) => [rule.policy.name, rule]));
    const { allLevel, entries } = readEntries(config, byName, problems);

    const resolved: ResolvedPackConfig = {};
    for (const rule of rules) {
        const entry = entries.get(rule.policy.name);
        const level = entry?.enforcementLevel ?? allLevel ?? rule.policy.enforcementLevel;
        const result = resolveRule(rule, level, entry?.properties ?? {}, problems);
        if (result !== undefined) {
            resolved[rule.policy.name] = result;
        }
    }
    problems.push(...lockProblems(resolved, entries, allLevel, config));
    problems.push(...exemptionProblems(entries.get(EXEMPTIONS_POLICY)?.properties.exemptions, today));
    if (problems.length > 0) {
        throw new PolicyConfigError(problems);
    }
    applyExemptions(resolved);
    return resolved;
}

/**
 * The exemptions in force under a raw pack config (validated; expired ones are config errors),
 * for reports such as the synth's summary.md. Throws PolicyConfigError like parsePackConfig.
 */
export function activeExemptions(raw: unknown, today: string = utcToday()): CaptureExemption[] {
    const resolved = parsePackConfig(raw, registry, today);
    return [...((resolved[EXEMPTIONS_POLICY]?.properties.exemptions as CaptureExemption[] | undefined) ?? [])];
}
