/**
 * Removes secret values from any text before it leaves the process (log lines, error messages,
 * dead-letter reasons). Defence in depth: code never formats a secret on purpose, but a remote
 * server may echo a header back in an error body that we quote.
 */
export class Redactor {
  private readonly secrets = new Set<string>();

  /** Registers a secret; values shorter than 4 characters are ignored (they would redact noise). */
  add(secret: string): void {
    if (secret.length >= 4) this.secrets.add(secret);
  }

  redact(text: string): string {
    let out = text;
    for (const secret of this.secrets) {
      if (out.includes(secret)) out = out.split(secret).join('[REDACTED]');
    }
    return out;
  }
}
