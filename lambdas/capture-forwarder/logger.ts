import { capReason } from "./reasons";
import { Redactor } from "./redactor";

type LogFields = Record<string, unknown>;

export interface Logger {
    info(message: string, fields?: LogFields): void;
    warn(message: string, fields?: LogFields): void;
    error(message: string, fields?: LogFields): void;
}

/**
 * One JSON object per line (CloudWatch Logs Insights can query the fields), every line passed
 * through the redactor so a secret can never be written.
 */
export function createJsonLogger(write: (line: string) => void, redactor: Redactor): Logger {
    const emit = (level: string, message: string, fields?: LogFields): void => {
        write(redactor.redact(JSON.stringify({ level, message, ...fields })));
    };
    return {
        info: (message, fields) => emit("info", message, fields),
        warn: (message, fields) => emit("warn", message, fields),
        error: (message, fields) => emit("error", message, fields),
    };
}

/** Text of any thrown value, for log fields and dead-letter reasons; capped (reasons.ts). */
export function describeError(error: unknown): string {
    return capReason(errorText(error));
}

function errorText(error: unknown): string {
    if (error instanceof Error) {
        const code = (error as { code?: unknown }).code;
        if (typeof code === "string" && !error.message.includes(code)) return `${code}: ${error.message}`;
        // AWS SDK errors carry the service's error code in `name` (NoSuchKey, AccessDenied...).
        const fromAws = (error as { $metadata?: unknown }).$metadata !== undefined;
        return fromAws && !error.message.includes(error.name) ? `${error.name}: ${error.message}` : error.message;
    }
    return String(error);
}
