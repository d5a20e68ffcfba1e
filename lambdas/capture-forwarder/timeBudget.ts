/**
 * Bounded time for every call the forwarder makes to AWS. The SDK's own timeouts (awsClients.ts)
 * bound one HTTP request; this bounds a whole call, the SDK's retries included, by a per-call limit
 * and by the invocation's deadline, so a hung S3 read, GetSecretValue, DynamoDB or SQS call ends in
 * time for the summary line instead of running until Lambda kills the container.
 * The clients are built once per container; the handler sets the deadline of each invocation.
 */
import { Clock } from "./clock";

/** A call gave up because the invocation's time is spent: the pipeline stops and the event is retried. */
export class DeadlineExceededError extends Error {
    readonly code = "DeadlineExceeded";
    constructor(what: string) {
        super(`${what}: no time left before the Lambda's deadline`);
        this.name = "DeadlineExceededError";
    }
}

/** One call took longer than its limit (transient: retried like any timeout). */
class CallTimeoutError extends Error {
    readonly code = "ETIMEDOUT";
    constructor(what: string, ms: number) {
        super(`${what} timed out after ${ms} ms`);
        this.name = "CallTimeoutError";
    }
}

export class TimeBudget {
    /** Epoch ms after which no call may run; Infinity for replay. */
    private deadlineMs = Number.POSITIVE_INFINITY;

    constructor(
        private readonly clock: Clock,
        /** Longest single call, the SDK's retries included. @default 20000 */
        readonly callTimeoutMs: number,
    ) {}

    /** Set by the handler at the start of each invocation: the Lambda's deadline less the time kept for the summary. */
    setDeadline(deadlineMs: number): void {
        this.deadlineMs = deadlineMs;
    }

    /** Time the next call may take, or <= 0 when none is left. */
    callLimitMs(): number {
        return Math.min(this.callTimeoutMs, this.deadlineMs - this.clock.now());
    }
}

/** What the SDK clients' send looks like: a command, and options carrying an abort signal. */
interface Sender<C, R> {
    send(command: C, options?: { abortSignal?: AbortSignal }): Promise<R>;
}

/** `promise`, or a rejection with `onTimeout()` after `ms`; the timer never keeps the process alive past it. */
export function withTimeout<T>(promise: Promise<T>, ms: number, onTimeout: () => Error): Promise<T> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_resolve, reject) => {
        timer = setTimeout(() => reject(onTimeout()), ms);
    });
    return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/**
 * A client whose every call is bounded by the budget: aborted (the SDK closes the request) and
 * rejected when it runs over, refused at once when the deadline has passed.
 */
export function boundedClient<C, R>(client: Sender<C, R>, budget: TimeBudget, what: string): { send(command: C): Promise<R> } {
    return {
        send(command: C): Promise<R> {
            const limit = budget.callLimitMs();
            if (limit <= 0) return Promise.reject(new DeadlineExceededError(what));
            const abort = new AbortController();
            const deadlineBound = limit < budget.callTimeoutMs;
            return withTimeout(client.send(command, { abortSignal: abort.signal }), limit, () => {
                abort.abort();
                return deadlineBound ? new DeadlineExceededError(what) : new CallTimeoutError(what, limit);
            });
        },
    };
}
