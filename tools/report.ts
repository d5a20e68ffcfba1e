/**
 * `npm run report -- --endpoint <name> --since 1h [--stack dev] [--config <file>]`: instances, GPUs used and free, and
 * cost per interval and cumulative per component of an inference-component GPU endpoint, read from
 * CloudWatch with the publisher's own queries and arithmetic (lambdas/gpu-capacity/capacityModel.ts).
 * Uses the default AWS credentials and the stack's `aws:region`. Exit status: 0 printed; 2 bad flags
 * or stack file; 1 a CloudWatch error.
 */
import { CloudWatchClient } from "@aws-sdk/client-cloudwatch";
import * as path from "path";
import { CommandSpec, helpText, parseFlags, usageErrorText, wantsHelp } from "./cli/flags";
import { stackNameProblem } from "./cli/inputPaths";
import { readReportStack, reportStackFileProblem } from "./report/reportStack";
import { reportTarget } from "./report/reportTarget";
import { renderReport } from "./report/renderReport";
import { computeCapacity, windowBetween } from "../lambdas/gpu-capacity/capacityModel";
import { queryTarget } from "../lambdas/gpu-capacity/cloudWatchCalls";

export const REPORT_COMMAND: CommandSpec = {
    name: "report",
    invocation: "npm run report --",
    summary:
        "Prints the GPU capacity and cost of an inference-component endpoint over a past range, computed like the GPU-capacity publisher.",
    flags: [
        { name: "--endpoint", value: "<name>", required: true, description: "the inference-components endpoint of the stack" },
        { name: "--since", value: "<n>(m|h|d)", description: "how far back the range starts", default: "1h" },
        {
            name: "--stack",
            value: "<name>",
            description: "the stack whose file Pulumi.<name>.yaml at the repository root is read",
            default: "dev",
        },
        {
            name: "--config",
            value: "<file>",
            description: "the stack file to read instead (the format of Pulumi.<stack>.yaml)",
            default: "Pulumi.<stack>.yaml at the repository root",
        },
    ],
    notes: ["exit status: 0 printed, 1 a CloudWatch error, 2 bad flags or stack file"],
    examples: [
        "npm run report -- --endpoint genai-dev --since 1h",
        "npm run report -- --endpoint genai-prod --since 1d --stack prod",
        "npm run report -- --endpoint genai-dev --config ../deployments/Pulumi.dev.yaml",
    ],
};

const SINCE = /^([1-9]\d*)(m|h|d)$/;
const UNIT_MS = { m: 60_000, h: 3_600_000, d: 86_400_000 } as const;

export interface ReportIo {
    out: (text: string) => void;
    err: (text: string) => void;
}

/** The whole command, with its CloudWatch client and clock given (tests pass mocks). */
export async function runReport(
    argv: string[],
    root: string,
    cloudWatch: (region: string) => CloudWatchClient,
    now: Date,
    io: ReportIo,
): Promise<number> {
    if (wantsHelp(argv)) {
        io.out(helpText(REPORT_COMMAND));
        return 0;
    }
    const { values, problems } = parseFlags(argv, REPORT_COMMAND);
    const stackName = values["--stack"] ?? "dev";
    const since = SINCE.exec(values["--since"] ?? "1h");
    if (since === null) {
        problems.push(
            `--since must be a positive whole number of minutes, hours or days such as 30m, 1h or 7d (got "${values["--since"]}")`,
        );
    }
    const badName = stackNameProblem(stackName);
    if (badName !== null) problems.push(badName);
    if (problems.length > 0) {
        // A stack file that is not there is said along with the flags' problems, all at once.
        const badFile = badName === null ? reportStackFileProblem(root, stackName, values["--config"]) : null;
        io.err(usageErrorText(REPORT_COMMAND, badFile === null ? problems : [...problems, badFile]));
        return 2;
    }
    const stack = readReportStack(root, stackName, values["--config"]);
    if ("problem" in stack) {
        io.err(`report: ${stack.problem}\n`);
        return 2;
    }
    const { config, region } = stack;
    const target = reportTarget(config, values["--endpoint"], region);
    if ("problem" in target) {
        io.err(usageErrorText(REPORT_COMMAND, [target.problem]));
        return 2;
    }
    const window = windowBetween(
        now.getTime() - Number(since![1]) * UNIT_MS[since![2] as keyof typeof UNIT_MS],
        now.getTime(),
        target.periodSeconds,
    );
    const { plan, values: series } = await queryTarget(cloudWatch(region), target, window, AbortSignal.timeout(60_000));
    io.out(renderReport(target, region, computeCapacity(target, plan, series, window.timestamps)));
    return 0;
}

if (require.main === module) {
    runReport(process.argv.slice(2), path.resolve(__dirname, ".."), (region) => new CloudWatchClient({ region }), new Date(), {
        out: (t) => process.stdout.write(t),
        err: (t) => process.stderr.write(t),
    }).then(
        (status) => (process.exitCode = status),
        (error: unknown) => {
            process.stderr.write(`report: ${error instanceof Error ? error.message : String(error)}\n`);
            process.exitCode = 1;
        },
    );
}
