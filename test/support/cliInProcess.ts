import type { Console } from "../../tools/synth/command";

/** What a CLI run printed and its exit status, whether it ran in a child process or in this one. */
export interface CliRun {
    status: number | null;
    stdout: string;
    stderr: string;
}

/** A CLI's command function: argv without node and the script, the streams, the environment; resolves to the exit status. */
export type CliCommand = (argv: string[], io: Console, env: NodeJS.ProcessEnv) => Promise<number>;

/**
 * Runs `command` in this process as a child given exactly `env` would run it: the AWS SDK reads
 * `process.env` itself, so for the run every `AWS_*` variable of this process is hidden and `env`'s
 * are set, then all are put back. Runs must not overlap (mocha runs tests one at a time).
 */
export async function cliInProcess(command: CliCommand, argv: string[], env: Record<string, string>): Promise<CliRun> {
    const saved = { ...process.env };
    for (const key of Object.keys(process.env)) if (key.startsWith("AWS_")) delete process.env[key];
    Object.assign(process.env, env);
    let stdout = "";
    let stderr = "";
    try {
        const status = await command(argv, { out: (t) => (stdout += t), err: (t) => (stderr += t) }, { ...process.env });
        return { status, stdout, stderr };
    } finally {
        for (const key of Object.keys(process.env)) if (!(key in saved)) delete process.env[key];
        Object.assign(process.env, saved);
    }
}
