import { CommandSpec, integerValue, parseFlags } from "../cli/flags";
import { qualifiedStackNameProblem } from "../cli/inputPaths";

/** What one smoke run checks, from the command line. */
export interface SmokeArgs {
    stack: string;
    /** `--outputs`: a file holding `pulumi stack output --json`. @default none (ask the Pulumi CLI) */
    outputsFile?: string;
    /** `--config`: the stack file the sample requests come from. @default Pulumi.<stack>.yaml */
    configFile?: string;
    /** `--endpoints`: only these endpoints (stack entry names). @default every endpoint of the outputs */
    endpoints?: string[];
    /** `--timeout`: seconds to wait for each capture record (and an async endpoint's output). @default 300 */
    timeoutSeconds: number;
    /** `--poll-interval-ms`: pause between looks at S3. @default 2000 */
    pollIntervalMs: number;
}

const SMOKE_DEFAULTS = { timeoutSeconds: 300, pollIntervalMs: 2000 } as const;
const LIMITS = { timeoutSeconds: { min: 1, max: 3600 }, pollIntervalMs: { min: 10, max: 60_000 } } as const;

export const SMOKE_COMMAND: CommandSpec = {
    name: "smoke",
    invocation: "npm run smoke --",
    summary:
        "After a deploy, invokes each endpoint of a stack with a sample request, a fresh trace ID (in CustomAttributes) and InferenceId; " +
        "reports status, latency and whether the container echoed the trace ID; waits for the request's Data Capture record and checks it " +
        "holds input and output as text (not BASE64); and checks that the dead-letter queue of each forwarder reading the endpoint is empty. " +
        "Honours AWS_ENDPOINT_URL_SAGEMAKER_RUNTIME, AWS_ENDPOINT_URL_S3 and AWS_ENDPOINT_URL_SQS.",
    flags: [
        { name: "--stack", value: "<name>", description: "the stack: its outputs and its stack file's sample requests", required: true },
        {
            name: "--outputs",
            value: "<file.json>",
            description: "the stack outputs as `pulumi stack output --json` prints them",
            default: "`pulumi stack output --json --stack <name>` when the Pulumi CLI is installed",
        },
        {
            name: "--config",
            value: "<file>",
            description: "the stack file holding each endpoint's `smoke` sample",
            default: "Pulumi.<stack>.yaml",
        },
        {
            name: "--endpoints",
            value: "<a,b>",
            description: "check only these endpoints (stack entry names, comma-separated); without outputs, only the call is checked",
            default: "every endpoint of the outputs",
        },
        {
            name: "--timeout",
            value: "<seconds>",
            description: `how long to wait for each capture record and async output, ${LIMITS.timeoutSeconds.min}-${LIMITS.timeoutSeconds.max}`,
            default: String(SMOKE_DEFAULTS.timeoutSeconds),
            integer: LIMITS.timeoutSeconds,
        },
        {
            name: "--poll-interval-ms",
            value: "<ms>",
            description: `pause between looks at S3, ${LIMITS.pollIntervalMs.min}-${LIMITS.pollIntervalMs.max}`,
            default: String(SMOKE_DEFAULTS.pollIntervalMs),
            integer: LIMITS.pollIntervalMs,
        },
    ],
    notes: ["exit status: 0 every check passed; 1 some check failed (the table says which); 2 bad flags, outputs or stack file"],
    examples: ["npm run smoke -- --stack dev", "npm run smoke -- --stack dev --outputs outputs.json --endpoints churn-dev --timeout 120"],
};

/** The smoke arguments, or every problem with the flags. */
export function parseSmokeArgs(argv: readonly string[]): { args?: SmokeArgs; problems: string[] } {
    const parsed = parseFlags(argv, SMOKE_COMMAND);
    const problems = [...parsed.problems];
    const v = parsed.values;
    const endpoints = v["--endpoints"]?.split(",").map((name) => name.trim());
    const badName = v["--stack"] === undefined ? null : qualifiedStackNameProblem(v["--stack"]);
    if (badName !== null) problems.push(badName);
    if (endpoints?.some((name) => name === "")) {
        problems.push(`--endpoints must list endpoint names separated by commas (got ${JSON.stringify(v["--endpoints"])})`);
    }
    if (problems.length > 0) return { problems };
    return {
        problems,
        args: {
            stack: v["--stack"],
            outputsFile: v["--outputs"],
            configFile: v["--config"],
            endpoints,
            // parseFlags checked the range; the defaults fill in absent flags.
            timeoutSeconds: integerValue(SMOKE_COMMAND, v, "--timeout")!,
            pollIntervalMs: integerValue(SMOKE_COMMAND, v, "--poll-interval-ms")!,
        },
    };
}
