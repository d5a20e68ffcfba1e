/**
 * Post-deploy smoke check: proves, for each endpoint of a stack, that it answers, that request
 * metadata (a trace ID in CustomAttributes, an InferenceId) reaches the container and the capture
 * record, and that the capture reaches the monitoring platform (the forwarder dead-lettered nothing).
 *
 *   npm run smoke -- --stack <name> [--outputs <file.json>] [--endpoints <a,b>] [--timeout <seconds>] (--help: every flag)
 *
 * Exit status: 0 every check passed; 1 some check failed; 2 bad flags, outputs or stack file.
 */
import * as path from "node:path";
import { S3Client } from "@aws-sdk/client-s3";
import { SageMakerRuntimeClient } from "@aws-sdk/client-sagemaker-runtime";
import { SQSClient } from "@aws-sdk/client-sqs";
import { helpText, usageErrorText, wantsHelp } from "./cli/flags";
import { checkEndpoint, SmokeClients } from "./smoke/checkEndpoint";
import { parseSmokeArgs, SMOKE_COMMAND } from "./smoke/command";
import { smokeTable } from "./smoke/report";
import { SmokeInputError, smokeTargets } from "./smoke/targets";
import type { Console } from "./synth/command";

const PROJECT_DIR = path.resolve(__dirname, "..");

/** The default clients: credentials, region and `AWS_ENDPOINT_URL_*` from the environment, as every AWS SDK reads them. */
function defaultClients(env: NodeJS.ProcessEnv): SmokeClients {
    return {
        runtime: new SageMakerRuntimeClient({}),
        s3: new S3Client({ responseChecksumValidation: "WHEN_REQUIRED" }),
        // The SQS client sends to the queue URL's host even when AWS_ENDPOINT_URL_SQS is set, unless told not to.
        sqs: new SQSClient({ useQueueUrlAsEndpoint: env.AWS_ENDPOINT_URL_SQS === undefined && env.AWS_ENDPOINT_URL === undefined }),
    };
}

/**
 * The whole command: `argv` without node and the script, `env` for the tool's own reads (the AWS SDK
 * reads `process.env` itself). Resolves to the exit status; never rejects.
 */
export async function smokeCommand(argv: string[], io: Console, env: NodeJS.ProcessEnv): Promise<number> {
    try {
        return await smoke(argv, io, env);
    } catch (error) {
        io.err(`smoke: ${error instanceof Error ? error.message : String(error)}\n`);
        return 1;
    }
}

async function smoke(argv: string[], io: Console, env: NodeJS.ProcessEnv): Promise<number> {
    if (wantsHelp(argv)) {
        io.out(helpText(SMOKE_COMMAND));
        return 0;
    }
    const { args, problems } = parseSmokeArgs(argv);
    if (!args) {
        io.err(usageErrorText(SMOKE_COMMAND, problems));
        return 2;
    }
    let targets;
    try {
        targets = smokeTargets(PROJECT_DIR, args);
    } catch (e) {
        if (!(e instanceof SmokeInputError)) throw e;
        io.err(e.problems.map((problem) => `smoke: ${problem}\n`).join(""));
        return 2;
    }
    const clients = defaultClients(env);
    const reports = await Promise.all(targets.map((target) => checkEndpoint(target, args, clients)));
    io.out(smokeTable(reports));
    return reports.some((r) => r.problems.length > 0) ? 1 : 0;
}

if (require.main === module) {
    const io = { out: (text: string) => void process.stdout.write(text), err: (text: string) => void process.stderr.write(text) };
    void smokeCommand(process.argv.slice(2), io, process.env).then((code) => (process.exitCode = code));
}
