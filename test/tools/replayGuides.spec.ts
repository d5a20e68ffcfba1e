/**
 * Replay that guides its user: a folder at any level of the capture layout, a flat folder (which
 * needs --endpoint/--variant, and says so), a run that finds nothing (exit 2, naming what it saw),
 * --dry-run, and s3:// against an S3-compatible server named by AWS_ENDPOINT_URL_S3.
 */
import assert from "node:assert/strict";
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { CreateBucketCommand, PutObjectCommand, S3Client } from "@aws-sdk/client-s3";
import { replayCommand } from "../../tools/replay";
import { CliRun, streamCliInProcess } from "../support/cliInProcess";

const S3rver = require("s3rver");

const ROOT = path.resolve(__dirname, "../..");
const HOUR = "demo-endpoint/AllTraffic/2024/01/02/03";
const FILE = "04-05-678-0b2c1d9e-3f4a-4b5c-8d6e-7f8091a2b3c4.jsonl";
const REAL = path.join(ROOT, "test/fixtures/capture/datacapture", HOUR, FILE);

/** Runs replay's command in this process, given a child's environment (test/tools/replay.spec.ts starts the CLI itself). */
function runReplay(args: string[], env: Record<string, string> = {}): Promise<CliRun> {
    return streamCliInProcess(replayCommand, args, env);
}

const ids = (stdout: string): string[] =>
    stdout
        .trimEnd()
        .split("\n")
        .map((line) => (JSON.parse(line) as { partnerInferenceId: string }).partnerInferenceId);

const summaryOf = (stderr: string): Record<string, unknown> => {
    const lines = stderr.trimEnd().split("\n");
    return JSON.parse(lines.filter((l) => l.startsWith("{")).pop() ?? "{}") as Record<string, unknown>;
};

describe("tools/replay guides its user", function () {
    this.timeout(120_000);
    let dir = "";
    before(() => {
        dir = mkdtempSync(path.join(tmpdir(), "replay-guides-"));
        mkdirSync(path.join(dir, "layout", HOUR), { recursive: true });
        copyFileSync(REAL, path.join(dir, "layout", HOUR, FILE));
        mkdirSync(path.join(dir, "flat"));
        copyFileSync(REAL, path.join(dir, "flat", "capture.jsonl"));
        writeFileSync(path.join(dir, "flat", "README.txt"), "notes\n");
    });
    after(() => rmSync(dir, { recursive: true, force: true }));

    it("takes endpoint and variant from the path of an endpoint-level or hour-level folder", async () => {
        const results = await Promise.all([
            runReplay(["--source", path.join(dir, "layout", "demo-endpoint"), "--sink", "stdout"]),
            runReplay(["--source", path.join(dir, "layout", HOUR), "--sink", "stdout"]),
        ]);
        assert.deepStrictEqual(
            results.map((r) => [r.status, ids(r.stdout)]),
            [
                [0, ["abcdefg-12345_0", "abcdefg-12345_1"]],
                [0, ["abcdefg-12345_0", "abcdefg-12345_1"]],
            ],
        );
    });

    it("exits 2 on a flat folder, naming the files it saw and the flags to pass; forwards it with --endpoint and --variant", async () => {
        const [without, withFlags] = await Promise.all([
            runReplay(["--source", path.join(dir, "flat"), "--sink", "stdout"]),
            runReplay(["--source", path.join(dir, "flat"), "--sink", "stdout", "--endpoint", "ep", "--variant", "v1"]),
        ]);
        assert.equal(without.status, 2);
        assert.equal(
            without.stderr.trimEnd().split("\n").pop(),
            `replay: found no capture file to forward in ${path.join(dir, "flat")}; saw 2 file(s): README.txt, capture.jsonl.` +
                " 1 capture file(s) have no {endpoint}/{variant}/yyyy/mm/dd/hh/ in their path: pass --endpoint and --variant",
        );
        assert.deepStrictEqual([withFlags.status, ids(withFlags.stdout)], [0, ["abcdefg-12345_0", "abcdefg-12345_1"]]);
    });

    it("--dry-run counts without sending: no sink variables needed, nothing printed to stdout", async () => {
        const result = await runReplay(["--source", path.join(dir, "layout"), "--sink", "arthur", "--dry-run"]);
        const { message, objects, inferencesRead, inferencesSent } = summaryOf(result.stderr);
        assert.deepStrictEqual(
            [result.status, result.stdout, message, objects, inferencesRead, inferencesSent],
            [0, "", "replay summary (dry run: nothing sent)", 1, 2, 2],
        );
    });

    it("reads s3:// from the server AWS_ENDPOINT_URL_S3 names", async () => {
        const s3dir = mkdtempSync(path.join(tmpdir(), "replay-s3rver-"));
        const server = new S3rver({ address: "127.0.0.1", port: 0, directory: s3dir, silent: true });
        const { port } = (await server.run()) as { port: number };
        try {
            const endpoint = `http://127.0.0.1:${port}`;
            const client = new S3Client({
                endpoint,
                region: "us-east-1",
                forcePathStyle: true,
                credentials: { accessKeyId: "S3RVER", secretAccessKey: "S3RVER" },
            });
            await client.send(new CreateBucketCommand({ Bucket: "capture" }));
            await client.send(new PutObjectCommand({ Bucket: "capture", Key: `datacapture/${HOUR}/${FILE}`, Body: readFileSync(REAL) }));
            const result = await runReplay(["--source", "s3://capture/datacapture/demo-endpoint/", "--sink", "stdout"], {
                AWS_ENDPOINT_URL_S3: endpoint,
                AWS_REGION: "us-east-1",
                AWS_ACCESS_KEY_ID: "S3RVER",
                AWS_SECRET_ACCESS_KEY: "S3RVER",
            });
            assert.deepStrictEqual([result.status, ids(result.stdout)], [0, ["abcdefg-12345_0", "abcdefg-12345_1"]], result.stderr);
        } finally {
            await server.close();
            rmSync(s3dir, { recursive: true, force: true });
        }
    });
});
