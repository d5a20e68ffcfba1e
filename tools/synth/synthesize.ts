/**
 * The run behind `npm run synth` once its flags are valid: the stack program under the mock
 * runtime, the policy pack, the artifacts. tools/synth/command.ts loads this module only then.
 */
import type { Console } from "./command";
import { inputFileProblems } from "./inputFiles";
import {
    CaptureExemption,
    evaluatePolicies,
    exemptionsOf,
    hasMandatoryViolation,
    PolicyConfig,
    PolicyConfigError,
    PolicyViolation,
    readPolicyConfig,
} from "./policyHook";
import { InvalidInputsError } from "./runProgram";
import { runStack } from "./runStack";
import { StackFileError } from "./stackFile";
import { EXIT, InvalidInput, SynthOptions } from "./synthOptions";
import { SynthResource } from "./synthResource";
import { writeArtifacts } from "./writeArtifacts";

/** The policy pack's verdict and the exemptions it granted; a bad pack config is invalid input, named by where it came from. */
function checkPolicies(
    resources: SynthResource[],
    policy: PolicyConfig,
    stack: string,
): { violations: PolicyViolation[]; exemptions: CaptureExemption[] } {
    try {
        return { violations: evaluatePolicies(resources, policy.config, stack), exemptions: exemptionsOf(policy.config) };
    } catch (error) {
        throw error instanceof PolicyConfigError ? new InvalidInput([`${policy.source}: ${error.message}`], false) : error;
    }
}

/** The checked run: every input problem first, then the program, the pack and the artifacts. */
async function runAndCheck(options: SynthOptions, projectDir: string, io: Console): Promise<number> {
    const problems = inputFileProblems(projectDir, options);
    if (problems.length > 0) {
        throw new InvalidInput(problems, false);
    }
    const policy = readPolicyConfig(projectDir, options.stack, options.policyConfigFile);
    const run = await runStack(projectDir, options.stack, { configFile: options.configFile, programFile: options.programFile });
    const verdict = checkPolicies(run.resources, policy, options.stack);
    const { violations } = verdict;
    const dir = writeArtifacts(options.outDir, options.stack, run.resources, verdict);
    io.out(`synth: ${run.resources.length} resources, ${violations.length} policy violations -> ${dir}\n`);
    for (const v of violations) {
        io.err(`${v.enforcementLevel}: ${v.policy}: ${v.type} ${v.name}: ${v.message}\n`);
    }
    return hasMandatoryViolation(violations) ? EXIT.mandatoryViolation : EXIT.clean;
}

/** Runs the stack, checks it, writes the artifacts; returns the exit status. Bad input throws InvalidInput. */
export async function synthesize(options: SynthOptions, projectDir: string, io: Console): Promise<number> {
    try {
        return await runAndCheck(options, projectDir, io);
    } catch (error) {
        if (error instanceof InvalidInputsError || error instanceof StackFileError) {
            throw new InvalidInput([error.message], false);
        }
        throw error;
    }
}
