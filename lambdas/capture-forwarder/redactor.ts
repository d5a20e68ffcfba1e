/**
 * Removes secret values from any text before it leaves the process (log lines, error messages,
 * dead-letter reasons). Defence in depth: code never formats a secret on purpose, but a remote
 * server may echo a header back, and an error may quote a secret's JSON.
 * Log lines are JSON, where a secret holding `"`, `\` or control characters appears escaped, and
 * a JSON text quoted inside a log field is escaped twice: each secret is also matched in those
 * two JSON-escaped forms.
 */

/** A secret as it appears inside a JSON string (what JSON.stringify writes between the quotes). */
function jsonEscaped(text: string): string {
    return JSON.stringify(text).slice(1, -1);
}

export class Redactor {
    /** Every registered form, longest first, so a longer form is never cut up by a shorter one. */
    private forms: string[] = [];

    /** Registers a secret; values shorter than 4 characters are ignored (they would redact noise). */
    add(secret: string): void {
        if (secret.length < 4) return;
        const once = jsonEscaped(secret);
        const twice = jsonEscaped(once);
        const known = new Set(this.forms);
        for (const form of [secret, once, twice]) known.add(form);
        this.forms = [...known].sort((a, b) => b.length - a.length);
    }

    redact(text: string): string {
        let out = text;
        for (const form of this.forms) {
            if (out.includes(form)) out = out.split(form).join("[REDACTED]");
        }
        return out;
    }
}
