import { CommandSpec, helpText, parseFlags, usageErrorText } from "../cli/flags";
import { stackNameProblem } from "../cli/inputPaths";
import { EXIT, InvalidInput, SynthOptions } from "./synthOptions";
import type { synthesize } from "./synthesize";

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

/** The options, or "help"; throws InvalidInput with every problem with the flags. */
function parseArgs(argv: string[]): SynthOptions | "help" {
    const { values, help, problems } = parseFlags(argv, SYNTH_COMMAND);
    if (help) {
        return "help";
    }
    const stack = values["--stack"];
    const badName = stack === undefined ? null : stackNameProblem(stack);
    if (badName !== null) {
        problems.push(badName);
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

/**
 * The stack program, Pulumi and the policy pack load only once the flags are valid: `--help` and
 * usage errors answer without them (the policy gate asks the base branch's synth for `--help`).
 */
const loadSynthesize = (): typeof synthesize => (require("./synthesize") as typeof import("./synthesize")).synthesize;

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
        return await loadSynthesize()(options, projectDir, io);
    } catch (error) {
        if (error instanceof InvalidInput) {
            io.err(error.withUsage ? usageErrorText(SYNTH_COMMAND, error.problems) : error.problems.map((p) => `synth: ${p}\n`).join(""));
            return EXIT.invalidInputs;
        }
        io.err(`synth: internal error: ${(error as Error).stack ?? String(error)}\n`);
        return EXIT.internalError;
    }
}
