/** One problem in the policy pack config: the property path and what is wrong with it. */
export interface PolicyConfigProblem {
    /** Dotted path from the top of the pack config, e.g. "data-capture-sampling-100.minimumSamplingPercentage". */
    path: string;
    /** The rule that failed and the allowed values. */
    reason: string;
}

/** Thrown for malformed or unknown pack config; carries every problem found, not just the first. */
export class PolicyConfigError extends Error {
    readonly problems: PolicyConfigProblem[];

    constructor(problems: PolicyConfigProblem[]) {
        const count = problems.length === 1 ? "1 problem" : `${problems.length} problems`;
        super(`Invalid policy pack config (${count}):\n${problems.map((p) => `  - ${p.path}: ${p.reason}`).join("\n")}`);
        this.name = "PolicyConfigError";
        this.problems = problems;
    }
}
