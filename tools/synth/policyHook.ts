import { PolicyViolation } from "./policyViolation";
import { SynthResource } from "./synthResource";

/**
 * Where the policy pack's rules plug into synth. Until the pack lands this finds nothing; the pack
 * replaces the body with its offline evaluator.
 */
export function evaluatePolicies(_resources: SynthResource[], _policyConfig: unknown): PolicyViolation[] {
    return [];
}
