/**
 * The sink's token, read from Secrets Manager by ARN and cached across invocations of a warm
 * container for a TTL (rotation is picked up within the TTL, or at once after a 401/403).
 * The value is registered with the redactor the moment it is read, and no message built here
 * contains it.
 */
import { GetSecretValueCommand } from "@aws-sdk/client-secrets-manager";
import { Clock } from "./clock";
import { Redactor } from "./redactor";

/** The part of SecretsManagerClient this module uses, so tests can pass a small fake. */
export interface SecretsReader {
    send(command: GetSecretValueCommand): Promise<{ SecretString?: string }>;
}

export interface TokenSource {
    token(): Promise<string>;
    /** Drops the cached value so the next token() reads the secret again. */
    invalidate(): void;
}

/**
 * A secret holds the token either as plain text or as JSON `{"token": "..."}` (the shape the
 * Secrets Manager console produces for key/value secrets).
 */
export function tokenFromSecretString(secretString: string): string | null {
    const text = secretString.trim();
    if (text.startsWith("{")) {
        try {
            const value = JSON.parse(text) as { token?: unknown };
            return typeof value.token === "string" && value.token.length > 0 ? value.token : null;
        } catch {
            return text;
        }
    }
    return text.length > 0 ? text : null;
}

export class CachedSecretToken implements TokenSource {
    private cached: { value: string; readAt: number } | null = null;

    constructor(
        private readonly client: SecretsReader,
        private readonly secretArn: string,
        /** @default 300000 (5 minutes) via SECRET_CACHE_TTL_SECONDS */
        private readonly ttlMs: number,
        private readonly clock: Clock,
        private readonly redactor: Redactor,
    ) {}

    async token(): Promise<string> {
        const now = this.clock.now();
        if (this.cached && now - this.cached.readAt < this.ttlMs) return this.cached.value;
        const out = await this.client.send(new GetSecretValueCommand({ SecretId: this.secretArn }));
        if (typeof out.SecretString !== "string") {
            throw new Error(`secret ${this.secretArn} has no SecretString (binary secrets are not supported)`);
        }
        const value = tokenFromSecretString(out.SecretString);
        if (value === null) {
            throw new Error(`secret ${this.secretArn} is empty or is JSON without a non-empty "token" field`);
        }
        this.redactor.add(value);
        this.redactor.add(out.SecretString);
        this.cached = { value, readAt: now };
        return value;
    }

    invalidate(): void {
        this.cached = null;
    }
}

/** A token given directly (replay from a workstation); still registered for redaction. */
export class StaticToken implements TokenSource {
    constructor(
        private readonly value: string,
        redactor: Redactor,
    ) {
        redactor.add(value);
    }

    async token(): Promise<string> {
        return this.value;
    }

    invalidate(): void {}
}
