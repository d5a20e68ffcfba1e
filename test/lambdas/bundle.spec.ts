import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { bundleLambda, LAMBDA_ESBUILD_TARGET, LAMBDA_RUNTIME } from "../../components/captureForwarder/bundleLambda";
import { FORWARDER_ENTRY, forwarderBundle } from "../../components/captureForwarder/forwarderCode";
import { loadBundledHandler } from "../support/loadBundle";

const ENTRY = "lambdas/capture-forwarder/index.ts";

describe("lambdas/bundle", function () {
    this.timeout(20_000);
    const first = bundleLambda(ENTRY);
    let dir: string;
    before(() => {
        dir = mkdtempSync(path.join(tmpdir(), "bundle-"));
        writeFileSync(path.join(dir, "index.js"), first.code);
    });
    after(() => rmSync(dir, { recursive: true, force: true }));

    it("is deterministic: the same sources give a byte-identical bundle", () => {
        const second = bundleLambda(path.resolve(__dirname, "../..", ENTRY));
        assert.equal(second.sha256, first.sha256);
        assert.equal(second.code, first.code);
        assert.deepStrictEqual(second.inputs, first.inputs);
        assert.equal(first.sha256, createHash("sha256").update(first.code).digest("hex"));
    });

    it("resolves the extensionless forwarder entry to the .ts source from the repository (the installed package gets the .js)", () => {
        assert.equal(FORWARDER_ENTRY, "lambdas/capture-forwarder/index");
        assert.equal(forwarderBundle().sha256, first.sha256);
        assert.deepStrictEqual(forwarderBundle().inputs, first.inputs);
    });

    it("targets the supported Lambda runtime, nodejs22.x (nodejs20.x reached end of support on 30 April 2026)", () => {
        assert.deepStrictEqual([LAMBDA_RUNTIME, LAMBDA_ESBUILD_TARGET], ["nodejs22.x", "node22"]);
    });

    it("bundles the shared SageMaker name rule but nothing of @pulumi", () => {
        assert.ok(
            first.inputs.includes("domain/validationRules.ts"),
            first.inputs.filter((f) => !f.startsWith("node_modules/")).join("\n"),
        );
        assert.deepStrictEqual(
            first.inputs.filter((file) => file.includes("@pulumi") || file.startsWith("/")),
            [],
        );
        assert.deepStrictEqual(first.inputs, [...first.inputs].sort());
    });

    it("embeds no absolute path of the build machine", () => {
        assert.equal(first.code.includes(path.resolve(__dirname, "../..")), false);
    });

    it("runs standalone (AWS SDK bundled) and exports the handler", () => {
        assert.deepStrictEqual(
            loadBundledHandler(dir, {
                SINK: "http",
                HTTP_URL: "https://monitor.example.com/ingest",
                ALLOWED_HOSTS: "monitor.example.com",
                DEAD_LETTER_QUEUE_URL: "https://sqs.us-east-1.amazonaws.com/123456789012/dlq",
                IDEMPOTENCY_TABLE: "chunks",
            }),
            { status: 0, stdout: "function\n", stderr: "" },
        );
    });

    it("refuses at cold start a sink host its ALLOWED_HOSTS does not list", () => {
        const result = loadBundledHandler(dir, {
            SINK: "http",
            HTTP_URL: "https://monitor.example.com/ingest",
            DEAD_LETTER_QUEUE_URL: "https://sqs.us-east-1.amazonaws.com/123456789012/dlq",
            IDEMPOTENCY_TABLE: "chunks",
        });
        assert.equal(result.status, 1);
        assert.ok(
            result.stderr.includes(
                "ForwarderEnvironmentError: invalid capture-forwarder environment:\n" +
                    '  HTTP_URL: must name a host listed in allowedHosts: add "monitor.example.com" to allowedHosts to send there (got "https://monitor.example.com/ingest")\n',
            ),
            result.stderr.slice(-800),
        );
    });

    it("fails at cold start naming every bad variable", () => {
        const result = loadBundledHandler(dir, { SINK: "arthur", CHUNK_MAX_BYTES: "lots" });
        assert.equal(result.status, 1);
        assert.ok(
            result.stderr.includes(
                "ForwarderEnvironmentError: invalid capture-forwarder environment:\n" +
                    "  ARTHUR_HOST: is required when SINK is arthur\n" +
                    "  ARTHUR_MODEL_ID: is required when SINK is arthur\n" +
                    "  AUTH_SECRET_ARN: is required when SINK is arthur (the Arthur API token)\n" +
                    "  DEAD_LETTER_QUEUE_URL: is required (the SQS queue for chunks that cannot be delivered)\n" +
                    "  IDEMPOTENCY_TABLE: is required (the DynamoDB table of delivered chunks)\n" +
                    '  CHUNK_MAX_BYTES: must be an integer from 1024 to 67108864, got "lots"\n',
            ),
            result.stderr.slice(-800),
        );
    });
});
