import { evaluatePolicies, hasMandatoryViolation, PolicyConfigError, readPolicyConfig } from "./policyHook";
import { InvalidInputsError } from "./runProgram";
import { runStack } from "./runStack";
import { StackFileError } from "./stackFile";
import { writeArtifacts } from "./writeArtifacts";

/** Exit statuses of the offline-synth contract (docs/ARCHITECTURE.md, "The offline synth contract"). */
export const EXIT = { clean: 0, mandatoryViolation: 1, invalidInputs: 2, internalError: 3 } as const;

interface SynthOptions {
    stack: string;
    configFile?: string;
    outDir: string;
    policyConfigFile?: string;
}

export interface Console {
    out(text: string): void;
    err(text: string): void;
}

const USAGE = "usage: npm run synth -- --stack <name> [--config <file>] [--out <dir>] [--policy-config <file>]";

function parseArgs(argv: string[]): SynthOptions {
    const flags: Record<string, string> = {};
    for (let i = 0; i < argv.length; i += 2) {
        const flag = argv[i];
        if (!["--stack", "--config", "--out", "--policy-config"].includes(flag) || argv[i + 1] === undefined) {
            throw new StackFileError(`unknown or incomplete flag ${JSON.stringify(flag)}; ${USAGE}`);
        }
        flags[flag.slice(2)] = argv[i + 1];
    }
    if (flags.stack === undefined || !/^[A-Za-z0-9_.-]+$/.test(flags.stack)) {
        throw new StackFileError(`--stack is required and must be a stack name of letters, digits, _ . and -; ${USAGE}`);
    }
    return { stack: flags.stack, configFile: flags.config, outDir: flags.out ?? "out", policyConfigFile: flags["policy-config"] };
}

/**
 * The whole `npm run synth` command: arguments in, exit status out. The stack program is loaded
 * afresh on every call, so tests can run it many times in one process.
 */
export async function synthCommand(argv: string[], projectDir: string, io: Console): Promise<number> {
    try {
        const options = parseArgs(argv);
        const policyConfig = readPolicyConfig(projectDir, options.stack, options.policyConfigFile);
        const run = await runStack(projectDir, options.stack, { configFile: options.configFile });
        const violations = evaluatePolicies(run.resources, policyConfig, options.stack);
        const dir = writeArtifacts(options.outDir, options.stack, run.resources, violations);
        io.out(`synth: ${run.resources.length} resources, ${violations.length} policy violations -> ${dir}\n`);
        for (const v of violations) {
            io.err(`${v.enforcementLevel}: ${v.policy}: ${v.type} ${v.name}: ${v.message}\n`);
        }
        return hasMandatoryViolation(violations) ? EXIT.mandatoryViolation : EXIT.clean;
    } catch (error) {
        if (error instanceof InvalidInputsError || error instanceof StackFileError || error instanceof PolicyConfigError) {
            io.err(`synth: ${error.message}\n`);
            return EXIT.invalidInputs;
        }
        io.err(`synth: internal error: ${(error as Error).stack ?? String(error)}\n`);
        return EXIT.internalError;
    }
}
