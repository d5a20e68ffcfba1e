/** What `synth` parsed from its flags and how it ends: shared by the flag parsing and the run it starts. */

/** Exit statuses of the offline-synth contract (docs/ARCHITECTURE.md, "The offline synth contract"). */
export const EXIT = { clean: 0, mandatoryViolation: 1, invalidInputs: 2, internalError: 3 } as const;

export interface SynthOptions {
    stack: string;
    configFile?: string;
    /** `--program`: another Pulumi TypeScript program than this repository's index.ts. */
    programFile?: string;
    outDir: string;
    policyConfigFile?: string;
}

/** Bad input caught before the stack program runs: every problem, each naming the flag and the fix. */
export class InvalidInput extends Error {
    constructor(
        readonly problems: string[],
        /** The problems are with the flags themselves: print the usage line too. */
        readonly withUsage: boolean,
    ) {
        super(problems.join("\n"));
    }
}
