import { Redactor } from './redactor';

export type LogFields = Record<string, unknown>;

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
    info: (message, fields) => emit('info', message, fields),
    warn: (message, fields) => emit('warn', message, fields),
    error: (message, fields) => emit('error', message, fields),
  };
}

/** Text of any thrown value, for log fields and dead-letter reasons. */
export function describeError(error: unknown): string {
  if (error instanceof Error) {
    const code = (error as { code?: unknown }).code;
    return typeof code === 'string' && !error.message.includes(code) ? `${code}: ${error.message}` : error.message;
  }
  return String(error);
}
