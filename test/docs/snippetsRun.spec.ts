/**
 * The docs' examples are not only well-typed (tsc checks examples/snippets/) but valid: each snippet
 * runs as a Pulumi program under the mock runtime, its components accept its arguments, and it
 * declares exactly the components its doc describes.
 */
import * as assert from "assert";
import Module = require("module");
import * as fs from "fs";
import * as path from "path";
import { runProgram } from "../../tools/synth/runProgram";
import { ROOT } from "./markdown";

/** Top-level components each snippet declares, as `<type> <name>`, sorted. */
const EXPECTED: Record<string, string[]> = {
    "alarm-notifications.ts": [
        "sagemaker-monitoring:alarms:AlarmNotifications alarms",
        "sagemaker-monitoring:alarms:AlarmNotifications pager",
    ],
    "async-endpoint.ts": [
        "sagemaker-monitoring:alarms:AlarmNotifications alarms",
        "sagemaker-monitoring:endpoint:AsyncEndpoint doc-ocr",
        "sagemaker-monitoring:storage:CaptureBucket capture",
    ],
    "async-output-bucket.ts": [
        "sagemaker-monitoring:alarms:AlarmNotifications alarms",
        "sagemaker-monitoring:endpoint:AsyncEndpoint transcribe",
        "sagemaker-monitoring:storage:AsyncOutputBucket transcribe-io",
        "sagemaker-monitoring:storage:CaptureBucket capture",
    ],
    "capture-bucket.ts": [
        "sagemaker-monitoring:storage:CaptureBucket capture",
        "sagemaker-monitoring:storage:CaptureBucket shared-capture",
    ],
    "capture-dataset.ts": [
        "sagemaker-monitoring:alarms:AlarmNotifications alarms",
        "sagemaker-monitoring:forwarding:CaptureForwarder dataset-churn-prod",
        "sagemaker-monitoring:storage:CaptureBucket capture",
        "sagemaker-monitoring:storage:CaptureDataset dataset",
    ],
    "capture-forwarder.ts": [
        "sagemaker-monitoring:alarms:AlarmNotifications alarms",
        "sagemaker-monitoring:forwarding:CaptureForwarder arthur-churn-prod",
        "sagemaker-monitoring:forwarding:CaptureForwarder http-fraud-prod",
        "sagemaker-monitoring:storage:CaptureBucket capture",
    ],
    "endpoint-network.ts": [
        "sagemaker-monitoring:alarms:AlarmNotifications alarms",
        "sagemaker-monitoring:endpoint:RealtimeEndpoint churn-prod",
        "sagemaker-monitoring:network:EndpointNetwork network",
        "sagemaker-monitoring:network:EndpointNetwork shared-network",
        "sagemaker-monitoring:storage:CaptureBucket capture",
    ],
    // Defines a function and calls nothing: importing it declares no resource and makes no call.
    "invoke.ts": [],
    "readme-library.ts": [
        "sagemaker-monitoring:alarms:AlarmNotifications alarms",
        "sagemaker-monitoring:endpoint:RealtimeEndpoint fraud-scorer",
        "sagemaker-monitoring:storage:CaptureBucket capture",
    ],
    "realtime-endpoint.ts": [
        "sagemaker-monitoring:alarms:AlarmNotifications alarms",
        "sagemaker-monitoring:endpoint:RealtimeEndpoint churn",
        "sagemaker-monitoring:storage:CaptureBucket capture",
    ],
};

/** What a user's program gets from `import ... from "sagemaker-monitoring"` and its subpaths (tsconfig.json maps them the same way). */
const PACKAGE_ENTRIES: Record<string, string> = {
    "sagemaker-monitoring": path.join(ROOT, "components", "index.ts"),
    "sagemaker-monitoring/invoke": path.join(ROOT, "components", "invoke", "index.ts"),
};
const PROJECT = "snippets";
/** Config the snippets read: the region (EndpointNetwork's S3 gateway) and the forwarder's token secret. */
const CONFIG = {
    "aws:region": "us-east-1",
    [`${PROJECT}:arthurTokenSecretArn`]: "arn:aws:secretsmanager:us-east-1:123456789012:secret:arthur-token-AbCdEf",
};

describe("docs: every snippet runs under the mock runtime and declares what its doc shows", function () {
    const loader = Module as unknown as { _resolveFilename: (request: string, ...rest: any[]) => string };
    const resolve = loader._resolveFilename;

    before(() => {
        loader._resolveFilename = function (request: string, ...rest: any[]) {
            return resolve.call(this, PACKAGE_ENTRIES[request] ?? request, ...rest);
        };
    });
    after(() => {
        loader._resolveFilename = resolve;
    });

    for (const [file, components] of Object.entries(EXPECTED)) {
        it(`examples/snippets/${file}`, async () => {
            const run = await runProgram({
                program: () => require(path.join(ROOT, "examples", "snippets", file)),
                project: PROJECT,
                stack: "docs",
                config: CONFIG,
                context: { region: "us-east-1" },
            });
            assert.deepStrictEqual(
                run.resources.filter((r) => r.parent === null).map((r) => `${r.type} ${r.name}`),
                components,
            );
        });
    }

    it("covers every snippet file", () => {
        const files = fs
            .readdirSync(path.join(ROOT, "examples", "snippets"))
            .filter((f) => f.endsWith(".ts"))
            .sort();
        assert.deepStrictEqual(files, Object.keys(EXPECTED).sort());
    });
});
