import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { gpuPublisherCostLines } from "../../tools/synth/gpuPublisherCost";
import { synthStackOnce } from "../support/synthCli";

describe("monitoring cost: the GPU-capacity publisher", function () {
    this.timeout(120000);

    it("prices dev's GPU endpoint: its custom metrics, GetMetricData metrics and API requests a month, and the publisher's own", async () => {
        const run = await synthStackOnce("dev");
        const resources = JSON.parse(fs.readFileSync(path.join(run.dir, "resources.json"), "utf8"));
        // genai-dev: 5 endpoint + 2 x 3 component metrics; GPU series: summarizer 2 x 1 + embedder 1 x 1 = 3,
        // so 1 + 2 x 3 = 7 metrics a minute; 2 ListMetrics + 1 PutMetricData (66 datums) a minute; 43200 runs a month.
        assert.deepStrictEqual(gpuPublisherCostLines(resources), [
            { item: "genai-dev: high-resolution custom metrics published", count: 11, unitUsd: 0.3 },
            { item: "genai-dev: GetMetricData metrics requested, thousands a month (7 a minute)", count: 302.4, unitUsd: 0.01 },
            { item: "genai-dev: ListMetrics and PutMetricData requests, thousands a month (3 a minute)", count: 129.6, unitUsd: 0.01 },
            { item: "GPU-capacity publisher: PublisherErrors metric", count: 1, unitUsd: 0.3 },
            { item: "GPU-capacity publisher: its error PutMetricData, thousands a month", count: 43.2, unitUsd: 0.01 },
        ]);
        // 22.55: genai-dev's 13 real-time alarms (15 metrics: the two 4xx rates read two each) added 1.50 to 21.05.
        assert.match(fs.readFileSync(path.join(run.dir, "summary.md"), "utf8"), /\| \*\*total\*\* \| \| \| \*\*22\.55\*\* \|/);
        const prod = await synthStackOnce("prod");
        assert.deepStrictEqual(gpuPublisherCostLines(JSON.parse(fs.readFileSync(path.join(prod.dir, "resources.json"), "utf8"))), []);
    });
});
