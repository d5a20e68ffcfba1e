import assert from "node:assert/strict";
import { ForwarderEnvironmentError, loadForwarderConfig } from "../../../domain/forwarder/environment";
import { checkEgress } from "../../../lambdas/capture-forwarder/egressCheck";

const ARN = "arn:aws:secretsmanager:us-east-1:123456789012:secret:arthur-token-AbCdEf";
const COMMON = { DEAD_LETTER_QUEUE_URL: "https://sqs.us-east-1.amazonaws.com/123456789012/dlq", IDEMPOTENCY_TABLE: "chunks" };
const arthur = (host: string, more: Record<string, string> = {}) => ({
    SINK: "arthur",
    ARTHUR_HOST: host,
    ARTHUR_MODEL_ID: "m-1",
    AUTH_SECRET_ARN: ARN,
    ...COMMON,
    ...more,
});
const http = (url: string, more: Record<string, string> = {}) => ({ SINK: "http", HTTP_URL: url, ...COMMON, ...more });

/** The problems checkEgress throws for `env` (loaded first, as index.ts does), or [] when it passes. */
function refusals(env: Record<string, string>, options?: { allowLoopbackHttp?: boolean }): string[] {
    const config = loadForwarderConfig(env);
    try {
        assert.equal(checkEgress(config, env, options), config);
        return [];
    } catch (error) {
        assert.ok(error instanceof ForwarderEnvironmentError);
        return error.problems.map((p) => `${p.variable}: ${p.reason}`);
    }
}

describe("capture-forwarder egress check at start-up", () => {
    it("passes Arthur's cloud without ALLOWED_HOSTS, and a listed http host", () => {
        assert.deepStrictEqual(
            [
                refusals(arthur("https://app.arthur.ai")),
                refusals(http("https://ingest.example.com/v1", { ALLOWED_HOSTS: "ingest.example.com" })),
                refusals(http("https://ingest.example.com:8443/v1", { ALLOWED_HOSTS: "other.example.com,ingest.example.com:8443" })),
            ],
            [[], [], []],
        );
    });

    it("refuses what the environment rules alone let through: the metadata service, loopback http, userinfo, an unlisted host", () => {
        assert.deepStrictEqual(
            [
                refusals(arthur("https://169.254.169.254")),
                refusals(http("http://localhost:9001")),
                refusals(arthur("https://app.arthur.ai@evil.example")),
                refusals(http("https://ingest.example.com/v1")),
            ],
            [
                [
                    'ARTHUR_HOST: must be a DNS name, not an IP address (169.254.169.254 is an IPv4 literal, link-local: the instance metadata service) (got "https://169.254.169.254")',
                ],
                ['HTTP_URL: must use https (got "http://localhost:9001")'],
                [
                    'ARTHUR_HOST: must not contain userinfo (a "user@" before the host: it hides the real host, here "evil.example") (got "https://app.arthur.ai@evil.example")',
                ],
                [
                    'HTTP_URL: must name a host listed in allowedHosts: add "ingest.example.com" to allowedHosts to send there (got "https://ingest.example.com/v1")',
                ],
            ],
        );
    });

    it("names every bad ALLOWED_HOSTS entry and the URL together", () => {
        assert.deepStrictEqual(refusals(http("https://10.0.0.5:8443", { ALLOWED_HOSTS: "10.0.0.5:8443,localhost" })), [
            'ALLOWED_HOSTS: must be a DNS name, not an IP address (10.0.0.5 is an IPv4 literal, private) (got "10.0.0.5:8443"; entries are "host", "host:port" or "*.domain" in lower case, e.g. "ingest.example.com" or "ingest.example.com:8443")',
            'ALLOWED_HOSTS: must be a public DNS name: "localhost" names this machine or a private network (got "localhost"; entries are "host", "host:port" or "*.domain" in lower case, e.g. "ingest.example.com" or "ingest.example.com:8443")',
            'HTTP_URL: must be a DNS name, not an IP address (10.0.0.5 is an IPv4 literal, private) (got "https://10.0.0.5:8443")',
        ]);
    });

    it("lets loopback http through only with the option tests pass in code, which no environment variable sets", () => {
        assert.deepStrictEqual(
            [
                refusals(http("http://127.0.0.1:9001/ingest"), { allowLoopbackHttp: true }),
                refusals(http("http://127.0.0.1:9001/ingest", { ALLOW_LOOPBACK_HTTP: "true", allowLoopbackHttp: "true" })),
            ],
            [[], ['HTTP_URL: must use https (got "http://127.0.0.1:9001/ingest")']],
        );
    });
});
