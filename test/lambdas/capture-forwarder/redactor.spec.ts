/** Secrets never reach a log line, also when JSON escapes them. */
import assert from "node:assert/strict";
import { CachedSecretToken } from "../../../lambdas/capture-forwarder/secrets";
import { Redactor } from "../../../lambdas/capture-forwarder/redactor";
import { collectingLogger, FakeClock } from "./support";

const ARN = "arn:aws:secretsmanager:us-east-1:123456789012:secret:sink-token-AbCdEf";

describe("capture-forwarder redactor", () => {
    // A token with a quote, a backslash, a tab and a newline: JSON escapes all four.
    const TOKEN = 'tok"en\\with\tcontrol\nchars-91x';

    it("redacts a secret raw, JSON-escaped once and JSON-escaped twice", () => {
        const redactor = new Redactor();
        redactor.add(TOKEN);
        const once = JSON.stringify(TOKEN).slice(1, -1);
        const twice = JSON.stringify(once).slice(1, -1);
        assert.deepStrictEqual(
            [`raw ${TOKEN} .`, `once ${once} .`, `twice ${twice} .`].map((text) => redactor.redact(text)),
            ["raw [REDACTED] .", "once [REDACTED] .", "twice [REDACTED] ."],
        );
    });

    it("keeps a secret with special characters out of JSON log lines", () => {
        const { logger, redactor, lines } = collectingLogger();
        redactor.add(TOKEN);
        logger.error("sink answered", { error: `HTTP 401 for Bearer ${TOKEN}`, nested: JSON.stringify({ header: `Bearer ${TOKEN}` }) });
        assert.deepStrictEqual(
            lines.map((line) => JSON.parse(line) as unknown),
            [
                {
                    level: "error",
                    message: "sink answered",
                    error: "HTTP 401 for Bearer [REDACTED]",
                    nested: '{"header":"Bearer [REDACTED]"}',
                },
            ],
        );
    });

    it("keeps the whole secret string of a JSON secret out of log lines (its quotes are escaped there)", async () => {
        const { logger, redactor, lines } = collectingLogger();
        const secretString = '{"token":"plain-token-1234"}';
        const tokens = new CachedSecretToken({ send: async () => ({ SecretString: secretString }) }, ARN, 1000, new FakeClock(), redactor);
        assert.equal(await tokens.token(), "plain-token-1234");
        logger.warn("unexpected secret shape", { value: secretString, quoted: `secret was ${secretString}` });
        assert.deepStrictEqual(
            lines.map((line) => JSON.parse(line) as unknown),
            [{ level: "warn", message: "unexpected secret shape", value: "[REDACTED]", quoted: "secret was [REDACTED]" }],
        );
    });

    it("ignores values shorter than 4 characters and redacts overlapping secrets whole", () => {
        const redactor = new Redactor();
        redactor.add("abc");
        redactor.add("key-1");
        redactor.add("key-1-and-more");
        assert.equal(redactor.redact("abc key-1-and-more key-1"), "abc [REDACTED] [REDACTED]");
    });
});
