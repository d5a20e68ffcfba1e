import { CommandSpec, helpText, parseFlags, usageErrorText } from "../cli/flags";
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
import { SynthResource } from "./synthResource";
import { writeArtifacts } from "./writeArtifacts";

/** Exit statuses of the offline-synth contract (docs/ARCHITECTURE.md, "The offline synth contract"). */
const EXIT = { clean: 0, mandatoryViolation: 1, invalidInputs: 2, internalError: 3 } as const;

interface SynthOptions {
    stack: string;
    configFile?: string;
    /** `--program`: another Pulumi TypeScript program than this repository's index.ts. */
    programFile?: string;
    outDir: string;
    policyConfigFile?: string;
}

export interface Console {
    out(text: string): void;
    err(text: string): void;
}

const SYNTH_COMMAND: CommandSpec = {
    name: "synth",
    invocation: "npm run synth --",
    summary:
        "Runs the stack program (this repository's index.ts, or any Pulumi TypeScript program with --program) offline under Pulumi's" +
        " mock runtime (no cloud credentials), checks the resources with this repository's policy pack," +
        " and writes resources.json, policy.json, summary.md and dashboards/ to <out>/<stack>/.",
    flags: [
        { name: "--stack", value: "<name>", required: true, description: "the stack: letters, digits, _ . and -" },
        {
            name: "--config",
            value: "<file>",
            default: "Pulumi.<stack>.yaml next to the program (with --program: none when there is none)",
            description: "the stack file to read",
        },
        {
            name: "--program",
            value: "<index.ts>",
            default: "this repository's index.ts",
            description: "any Pulumi TypeScript program to run instead; the Pulumi.yaml next to it, if any, names the project",
        },
        { name: "--out", value: "<dir>", default: "out", description: "where to write; the files go to <dir>/<stack>/" },
        {
            name: "--policy-config",
            value: "<file>",
            default: "this repository's policy/stacks/<stack>.json when it exists, else the pack's defaults",
            description: "the policy pack config: JSON, as pulumi --policy-pack-config takes it",
        },
    ],
    notes: ["exit status: 0 clean, 1 a mandatory policy violation, 2 invalid input (flags, stack file, policy config), 3 internal error"],
    examples: [
        "npm run synth -- --stack dev",
        "npm run synth -- --stack staging --config ./Pulumi.dev.yaml --out /tmp/synth",
        "npm run synth -- --stack dev --program ../other-project/index.ts --config ../other-project/Pulumi.dev.yaml",
    ],
};

/** Bad input caught before the stack program runs: every problem, each naming the flag and the fix. */
class InvalidInput extends Error {
    constructor(
        readonly problems: string[],
        /** The problems are with the flags themselves: print the usage line too. */
        readonly withUsage: boolean,
    ) {
        super(problems.join("\n"));
    }
}

/** The options, or "help"; throws InvalidInput with every problem with the flags. */
function parseArgs(argv: string[]): SynthOptions | "help" {
    const { values, help, problems } = parseFlags(argv, SYNTH_COMMAND);
    if (help) {
        return "help";
    }
    const stack = values["--stack"];
    if (stack !== undefined && !/^[A-Za-z0-9_.-]+$/.test(stack)) {
        problems.push(`--stack ${JSON.stringify(stack)} is not a stack name; use letters, digits, _ . and -`);
    }
    if (problems.length > 0) {
        throw new InvalidInput(problems, true);
    }
    return {
        stack,
        configFile: values["--config"],
        programFile: values["--program"],
        outDir: values["--out"] ?? "out",
        policyConfigFile: values["--policy-config"],
    };
}

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

/** Runs the stack, checks it, writes the artifacts; returns the exit status. */
async function synthesize(options: SynthOptions, projectDir: string, io: Console): Promise<number> {
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

/**
 * The whole `npm run synth` command: arguments in, exit status out. The stack program is loaded
 * afresh on every call, so tests can run it many times in one process.
 */
export async function synthCommand(argv: string[], projectDir: string, io: Console): Promise<number> {
    try {
        const options = parseArgs(argv);
        if (options === "help") {
            io.out(helpText(SYNTH_COMMAND));
            return EXIT.clean;
        }
        return await synthesize(options, projectDir, io);
    } catch (error) {
        if (error instanceof InvalidInput) {
            io.err(error.withUsage ? usageErrorText(SYNTH_COMMAND, error.problems) : error.problems.map((p) => `synth: ${p}\n`).join(""));
            return EXIT.invalidInputs;
        }
        if (error instanceof InvalidInputsError || error instanceof StackFileError) {
            io.err(`synth: ${error.message}\n`);
            return EXIT.invalidInputs;
        }
        io.err(`synth: internal error: ${(error as Error).stack ?? String(error)}\n`);
        return EXIT.internalError;
    }
}
