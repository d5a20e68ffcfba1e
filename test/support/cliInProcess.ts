import { Writable } from "node:stream";
import type { Console } from "../../tools/synth/command";

/** What a CLI run printed and its exit status, whether it ran in a child process or in this one. */
export interface CliRun {
    status: number | null;
    stdout: string;
    stderr: string;
}

/** A CLI's command function: argv without node and the script, where it writes, the environment; resolves to the exit status. */
type Command<Io> = (argv: string[], io: Io, env: NodeJS.ProcessEnv) => Promise<number>;

let previousRun: Promise<unknown> = Promise.resolve();

/**
 * Runs `run` as if this process had a child's environment `env`: the AWS SDK reads `process.env`
 * itself, so for the run every `AWS_*` variable of this process is hidden and `env`'s are set, then
 * all are put back. Runs started together (`Promise.all`) take turns, each in its own environment.
 */
function withChildEnvironment<T>(env: Record<string, string>, run: () => Promise<T>): Promise<T> {
    const turn = previousRun.then(async () => {
        const saved = { ...process.env };
        for (const key of Object.keys(process.env)) if (key.startsWith("AWS_")) delete process.env[key];
        Object.assign(process.env, env);
        try {
            return await run();
        } finally {
            for (const key of Object.keys(process.env)) if (!(key in saved)) delete process.env[key];
            Object.assign(process.env, saved);
        }
    });
    previousRun = turn.catch(() => undefined);
    return turn;
}

/** Runs a command that writes through a `Console` in this process, as a child given exactly `env` would run. */
export async function cliInProcess(command: Command<Console>, argv: string[], env: Record<string, string>): Promise<CliRun> {
    let stdout = "";
    let stderr = "";
    const status = await withChildEnvironment(env, () =>
        command(argv, { out: (t) => (stdout += t), err: (t) => (stderr += t) }, { ...env }),
    );
    return { status, stdout, stderr };
}

/** A stream that keeps what is written to it, as text. */
function collecting(): { stream: Writable; text: () => string } {
    let text = "";
    const stream = new Writable({
        write(chunk: Buffer | string, _encoding, done) {
            text += chunk.toString();
            done();
        },
    });
    return { stream, text: () => text };
}

/** Runs a command that writes to `stdout`/`stderr` streams in this process, as a child given exactly `env` would run. */
export async function streamCliInProcess(
    command: Command<{ stdout: Writable; stderr: Writable }>,
    argv: string[],
    env: Record<string, string>,
): Promise<CliRun> {
    const stdout = collecting();
    const stderr = collecting();
    const status = await withChildEnvironment(env, () => command(argv, { stdout: stdout.stream, stderr: stderr.stream }, { ...env }));
    return { status, stdout: stdout.text(), stderr: stderr.text() };
}
