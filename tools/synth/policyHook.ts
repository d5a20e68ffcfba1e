import * as fs from "fs";
import * as path from "path";
import { activeExemptions, CaptureExemption } from "../../policy/config";
import { evaluatePolicyPack, PolicyViolation } from "./policy/offline";
import { StackFileError } from "./stackFile";
import { SynthResource } from "./synthResource";

export { hasMandatoryViolation, PolicyConfigError } from "./policy/offline";
export type { PolicyViolation } from "./policy/offline";
export type { CaptureExemption } from "../../policy/config";

/** A pack config and where it came from, for messages about it. */
export interface PolicyConfig {
    config: unknown;
    /** e.g. "--policy-config x.json", "policy/stacks/prod.json", "the pack's defaults" */
    source: string;
}

/**
 * The pack config a stack is checked with: `--policy-config`, else `policy/stacks/<stack>.json`,
 * else the pack's defaults (a stack needs no config file).
 */
export function readPolicyConfig(projectDir: string, stack: string, explicitFile: string | undefined): PolicyConfig {
    const file = explicitFile ?? path.join(projectDir, "policy", "stacks", `${stack}.json`);
    if (explicitFile === undefined && !fs.existsSync(file)) {
        return { config: {}, source: "the pack's defaults" };
    }
    const source = explicitFile === undefined ? path.relative(projectDir, file) : `--policy-config ${explicitFile}`;
    try {
        return { config: JSON.parse(fs.readFileSync(file, "utf8")), source };
    } catch (error) {
        throw new StackFileError(`${source} is not valid JSON (${(error as Error).message}); fix the file`);
    }
}

/** Runs every rule of the policy pack on the synthesized resources, with CrossGuard's enforcement semantics. */
export function evaluatePolicies(resources: SynthResource[], policyConfig: unknown, stack: string): PolicyViolation[] {
    return evaluatePolicyPack(resources, policyConfig, { stackName: stack });
}

/** The Data Capture exemptions in force under the pack config, for summary.md (reviewers see every one). */
export function exemptionsOf(policyConfig: unknown): CaptureExemption[] {
    return activeExemptions(policyConfig);
}
