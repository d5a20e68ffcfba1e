/**
 * The dataset forwarder's cold start, on the esbuild bundle run by plain node as Lambda runs it:
 * hyparquet-writer (an ES module) bundles into the CommonJS file; dataset-schemas.json is read
 * beside index.js; a bad file fails the init phase naming the file, the endpoint and the property.
 */
import assert from "node:assert/strict";
import { mkdtempSync, rmSync, unlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { bundleLambda } from "../../../../components/captureForwarder/bundleLambda";
import { DATASET_SCHEMAS_FILE } from "../../../../domain/dataset/featureSchema";
import { loadBundledHandler } from "../../../support/loadBundle";
import { datasetSchemasProblems } from "../../../../lambdas/capture-forwarder/dataset/schemasFile";

const DATASET_ONLY = {
    DATASET_BUCKET: "dataset-bucket-1",
    DATASET_PREFIX: "dataset",
    DEAD_LETTER_QUEUE_URL: "https://sqs.us-east-1.amazonaws.com/123456789012/dlq",
    IDEMPOTENCY_TABLE: "chunks",
};

describe("lambdas/capture-forwarder/dataset: cold start of the bundle", function () {
    this.timeout(30_000);
    let dir: string;
    before(() => {
        dir = mkdtempSync(path.join(tmpdir(), "dataset-bundle-"));
        writeFileSync(path.join(dir, "index.js"), bundleLambda("lambdas/capture-forwarder/index.ts").code);
    });
    after(() => rmSync(dir, { recursive: true, force: true }));

    it("starts a dataset-only forwarder (SINK unset), with or without dataset-schemas.json", () => {
        assert.deepStrictEqual(loadBundledHandler(dir, DATASET_ONLY), { status: 0, stdout: "function\n", stderr: "" });
        writeFileSync(
            path.join(dir, DATASET_SCHEMAS_FILE),
            JSON.stringify({ "churn-endpoint": { inputs: [{ name: "age", type: "integer" }] } }),
        );
        assert.deepStrictEqual(loadBundledHandler(dir, DATASET_ONLY), { status: 0, stdout: "function\n", stderr: "" });
        unlinkSync(path.join(dir, DATASET_SCHEMAS_FILE));
    });

    it("fails the init phase on a bad dataset-schemas.json, naming the file, the endpoint and the property", () => {
        writeFileSync(
            path.join(dir, DATASET_SCHEMAS_FILE),
            JSON.stringify({ "churn-endpoint": { inputs: [{ name: "Age", type: "int" }] } }),
        );
        const result = loadBundledHandler(dir, DATASET_ONLY);
        unlinkSync(path.join(dir, DATASET_SCHEMAS_FILE));
        assert.equal(result.status, 1);
        assert.ok(
            result.stderr.includes(
                `DatasetSchemasError: invalid dataset feature schemas in ${path.join(dir, DATASET_SCHEMAS_FILE)}:\n` +
                    '  "churn-endpoint".inputs[0].name: must be 1-255 characters of a-z 0-9 _, starting with a letter or _ (got "Age")\n' +
                    '  "churn-endpoint".inputs[0].type: must be one of string, integer, double, boolean (got "int")\n',
            ),
            result.stderr.slice(-800),
        );
    });

    it("names every problem of the file's content: not an object, an endpoint that is not an object, an unknown property", () => {
        assert.deepStrictEqual(
            [datasetSchemasProblems([]), datasetSchemasProblems({ a: 1, b: { inputs: [{ name: "x", type: "string" }], extra: [] } })],
            [
                ['must be a JSON object { "<endpoint>": { "inputs": [...], "outputs": [...] } }, got an array'],
                [
                    '"a": must be an object { "inputs"?: [...], "outputs"?: [...] }',
                    '"b".extra: unknown property (allowed: inputs, outputs)',
                ],
            ],
        );
    });
});
