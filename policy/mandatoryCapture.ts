/**
 * The mandatory capture rules: the Data Capture guarantees no pack config may weaken. A pull
 * request can edit the pack config as easily as the stack, so these rules stay mandatory whatever
 * the config says: making one advisory or disabled (directly or through "all") or lowering its
 * threshold is a config error, offline (synth exit 2) and under the Pulumi CLI (the configure
 * guard, configureGuard.ts). The one way around a rule is an exemption for one endpoint, with a
 * reason and an expiry, in the `data-capture-exemptions` entry (captureExemptions.ts).
 */
import type { EnforcementLevel } from "@pulumi/policy";

export const MANDATORY_CAPTURE_RULES = [
    "data-capture-enabled",
    "data-capture-sampling-100",
    "data-capture-input-and-output",
    "data-capture-content-types",
    "data-capture-kms",
    "data-capture-config-in-stack",
] as const;

export type MandatoryCaptureRule = (typeof MANDATORY_CAPTURE_RULES)[number];

export function isMandatoryCaptureRule(name: string): name is MandatoryCaptureRule {
    return (MANDATORY_CAPTURE_RULES as readonly string[]).includes(name);
}

/** Levels that keep a violation blocking ("remediate" is reported as mandatory: no rule can remediate). */
export function isBlockingLevel(level: EnforcementLevel): boolean {
    return level === "mandatory" || level === "remediate";
}

/** The problem text for a mandatory capture rule set to a non-blocking level. */
export function weakenedLevelReason(rule: string, level: EnforcementLevel): string {
    return (
        `cannot make ${rule} "${level}": it is a mandatory capture rule, always "mandatory"; ` +
        `exempt a single endpoint in "data-capture-exemptions" (with a reason and an expiry) instead`
    );
}
