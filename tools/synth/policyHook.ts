import * as fs from "fs";
import * as path from "path";
import { evaluatePolicyPack, PolicyViolation } from "./policy/offline";
import { StackFileError } from "./stackFile";
import { SynthResource } from "./synthResource";

export { hasMandatoryViolation, PolicyConfigError } from "./policy/offline";
export type { PolicyViolation } from "./policy/offline";

/** The pack config a stack is checked with: `--policy-config`, else `policy/stacks/<stack>.json`, else defaults. */
export function readPolicyConfig(projectDir: string, stack: string, explicitFile: string | undefined): unknown {
    const file = explicitFile ?? path.join(projectDir, "policy", "stacks", `${stack}.json`);
    if (explicitFile === undefined && !fs.existsSync(file)) {
        return {};
    }
    try {
        return JSON.parse(fs.readFileSync(file, "utf8"));
    } catch (error) {
        throw new StackFileError(`policy config ${file} is not readable JSON: ${(error as Error).message}`);
    }
}

/** Runs every rule of the policy pack on the synthesized resources, with CrossGuard's enforcement semantics. */
export function evaluatePolicies(resources: SynthResource[], policyConfig: unknown, stack: string): PolicyViolation[] {
    return evaluatePolicyPack(resources, policyConfig, { stackName: stack });
}
