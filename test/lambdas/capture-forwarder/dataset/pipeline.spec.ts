/**
 * The pipeline with a dataset and a push sink that refuses forms Arthur does not document: the
 * dataset still takes those records (its schema, not Arthur's forms, decides what it refuses), and
 * a dataset-only run keeps refused records' line ranges exact across good records in between.
 */
import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { Chunk } from "../../../../lambdas/capture-forwarder/chunking";
import { forwardCaptureObject } from "../../../../lambdas/capture-forwarder/pipeline";
import { Sink } from "../../../../lambdas/capture-forwarder/sinks/sink";
import { FolderDatasetStore } from "../../../../tools/replay/folderStore";
import { captureLine, pieces, pipelineDependencies } from "../support";
import { duckdb } from "./support";

class RefusingUndocumentedSink implements Sink {
    readonly name = "arthur-like";
    readonly payload = "capture-lines" as const;
    readonly refusesUndocumentedForms = true;
    readonly chunks: Chunk[] = [];
    async deliver(chunk: Chunk): Promise<void> {
        this.chunks.push(chunk);
    }
}

const OBJECT = {
    bucket: "b",
    key: "dc/ep/v/2024/01/02/03/04-05-678-0b2c1d9e-3f4a-4b5c-8d6e-7f8091a2b3c4.jsonl",
    versionId: null,
    etag: "etag-1",
    endpoint: "ep",
    variant: "v",
    name: "04-05-678-0b2c1d9e-3f4a-4b5c-8d6e-7f8091a2b3c4",
};

const CSV = captureLine({ eventId: "csv", input: { data: "1,2", encoding: "CSV" }, output: { data: "0.5", encoding: "CSV" } });
const JSON_LINES = captureLine({
    eventId: "jl",
    input: { data: '{"a":1}\n{"a":2}\n', encoding: "JSON", contentType: "application/jsonlines" },
});
const BAD = "{not json";

describe("lambdas/capture-forwarder/dataset: pipeline with a dataset", function () {
    this.timeout(30_000);
    const dirs: string[] = [];
    const folder = (): string => {
        const dir = mkdtempSync(path.join(tmpdir(), "dataset-pipeline-"));
        dirs.push(dir);
        return dir;
    };
    after(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

    it("writes to the dataset the records the push sink refuses as undocumented forms", async () => {
        const out = folder();
        const sink = new RefusingUndocumentedSink();
        const { value, deadLetters } = pipelineDependencies(sink, {
            dataset: { store: new FolderDatasetStore(out), prefix: "", schemas: {} },
        });
        const result = await forwardCaptureObject({ ...OBJECT, body: pieces(`${CSV}\n${JSON_LINES}\n`) }, value);
        assert.deepStrictEqual(
            [result.counts.inferencesSent, result.counts.deadLettered, result.dataset],
            [1, 2, { datasetFiles: 1, datasetRows: 3, datasetRowsRefused: 0 }],
        );
        assert.deepStrictEqual(
            deadLetters.messages.map((m) => [m.firstLine, m.lastLine, m.count]),
            [[2, 2, 2]],
        );
        assert.deepStrictEqual(await duckdb(out, "SELECT partner_inference_id, input FROM {files} ORDER BY 1"), [
            { partner_inference_id: "csv", input: "1,2" },
            { partner_inference_id: "jl_0", input: '{"a":1}' },
            { partner_inference_id: "jl_1", input: '{"a":2}' },
        ]);
    });

    it("dataset only: each run of unreadable records is dead-lettered with its own line range, good records between them written", async () => {
        const out = folder();
        const { value, deadLetters } = pipelineDependencies(null as unknown as Sink, {
            sink: null,
            dataset: { store: new FolderDatasetStore(out), prefix: "", schemas: {} },
        });
        const result = await forwardCaptureObject({ ...OBJECT, body: pieces([BAD, CSV, BAD, BAD, CSV].join("\n") + "\n") }, value);
        assert.deepStrictEqual(
            deadLetters.messages.map((m) => [m.firstLine, m.lastLine, m.count]),
            [
                [1, 1, 1],
                [3, 4, 2],
            ],
        );
        assert.deepStrictEqual([result.counts.inferencesRead, result.counts.deadLettered, result.dataset?.datasetRows], [5, 3, 2]);
    });
});
