/**
 * What issue 10 asks replay to show: over a folder holding a record with `inferenceId: ""`, a
 * BOM-prefixed file, a whitespace-only line, a `.jsonl.gz` copy of a real capture file and a file
 * that is not a capture file, replay writes the expected partner IDs, states the counts, and exits 0.
 */
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { captureLine } from "../lambdas/capture-forwarder/support";
import { tsNodeEnv } from "../support/tsNodeEnv";

const ROOT = path.resolve(__dirname, "../..");
const HOUR = "demo-endpoint/AllTraffic/2024/01/02/03";
const REAL = path.join(ROOT, "test/fixtures/capture/datacapture", HOUR, "04-05-678-0b2c1d9e-3f4a-4b5c-8d6e-7f8091a2b3c4.jsonl");

describe("tools/replay over odd inputs", function () {
    this.timeout(60_000);
    let dir = "";
    before(() => {
        dir = mkdtempSync(path.join(tmpdir(), "replay-odd-"));
        const hour = path.join(dir, "datacapture", HOUR);
        mkdirSync(hour, { recursive: true });
        const empty = captureLine({ eventId: "evt-empty-id", inferenceId: "", input: { data: "1,2", encoding: "CSV" } });
        const named = captureLine({ eventId: "evt-2", inferenceId: "inf-2", input: { data: "3,4", encoding: "CSV" } });
        const bom = Buffer.from([0xef, 0xbb, 0xbf]);
        writeFileSync(
            path.join(hour, "10-00-000-11111111-2222-4333-8444-555555555555.jsonl"),
            Buffer.concat([bom, Buffer.from(`${empty}\n \t  \n${named}\n`)]),
        );
        writeFileSync(path.join(hour, "11-00-000-66666666-7777-4888-9999-aaaaaaaaaaaa.jsonl.gz"), gzipSync(readFileSync(REAL)));
        writeFileSync(path.join(hour, "notes.txt"), "not capture data\n");
    });
    after(() => rmSync(dir, { recursive: true, force: true }));

    it("writes the expected partner IDs, counts blank lines and the skipped file, and exits 0", () => {
        const result = spawnSync(
            process.execPath,
            [
                "--no-warnings",
                "-r",
                "ts-node/register/transpile-only",
                "tools/replay.ts",
                "--source",
                path.join(dir, "datacapture"),
                "--sink",
                "stdout",
            ],
            { cwd: ROOT, env: { PATH: process.env.PATH ?? "", ...tsNodeEnv() }, encoding: "utf8" },
        );
        assert.equal(result.status, 0, result.stderr);
        assert.deepStrictEqual(
            result.stdout
                .trimEnd()
                .split("\n")
                .map((line) => (JSON.parse(line) as { partnerInferenceId: string }).partnerInferenceId),
            ["evt-empty-id", "inf-2", "abcdefg-12345_0", "abcdefg-12345_1"],
        );
        const logs = result.stderr
            .trimEnd()
            .split("\n")
            .map((line) => JSON.parse(line) as Record<string, unknown>);
        assert.deepStrictEqual(
            logs.slice(0, -1).map((l) => [l.message, l.key]),
            [
                ["UTF-8 byte-order mark stripped", `${HOUR}/10-00-000-11111111-2222-4333-8444-555555555555.jsonl`],
                ["skipping file that is not a capture file", `${HOUR}/notes.txt`],
            ],
        );
        const { level, message, ...counts } = logs[logs.length - 1];
        assert.deepStrictEqual([level, message], ["info", "replay summary"]);
        assert.deepStrictEqual(
            {
                objects: counts.objects,
                objectsSkipped: counts.objectsSkipped,
                recordsRead: counts.recordsRead,
                blankLines: counts.blankLines,
                inferencesRead: counts.inferencesRead,
                inferencesSent: counts.inferencesSent,
                deadLettered: counts.deadLettered,
            },
            { objects: 2, objectsSkipped: 1, recordsRead: 3, blankLines: 1, inferencesRead: 4, inferencesSent: 4, deadLettered: 0 },
        );
    });
});
