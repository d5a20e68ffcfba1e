import assert from "node:assert/strict";
import { sageMakerName } from "../../../domain/validationRules";
import { decodeS3EventKey, parseCaptureKey } from "../../../lambdas/capture-forwarder/captureKey";

const FILE = "04-05-678-0b2c1d9e-3f4a-4b5c-8d6e-7f8091a2b3c4.jsonl";

describe("capture-forwarder captureKey", () => {
    describe("decodeS3EventKey", () => {
        const cases: Array<[string, string]> = [
            ["plain/key.jsonl", "plain/key.jsonl"],
            ["data+capture/my+endpoint/x.jsonl", "data capture/my endpoint/x.jsonl"],
            ["a%2Bb/%C3%A9t%C3%A9.jsonl", "a+b/été.jsonl"],
            ["percent%25sign", "percent%sign"],
        ];
        for (const [raw, decoded] of cases) {
            it(`decodes ${raw}`, () => assert.deepStrictEqual(decodeS3EventKey(raw), { ok: true, key: decoded }));
        }
        it("refuses malformed percent encoding", () => {
            assert.deepStrictEqual(decodeS3EventKey("bad%E0%A4%A.jsonl"), {
                ok: false,
                reason: 'object key "bad%E0%A4%A.jsonl" is not valid URL encoding',
            });
        });
    });

    describe("parseCaptureKey", () => {
        it("parses a capture key with a nested destination", () => {
            assert.deepStrictEqual(parseCaptureKey(`sagemaker/datacapture/my-endpoint/AllTraffic/2024/01/02/03/${FILE}`), {
                ok: true,
                value: {
                    destination: "sagemaker/datacapture",
                    endpoint: "my-endpoint",
                    variant: "AllTraffic",
                    capturedAt: "2024-01-02T03:04:05.678Z",
                },
            });
        });
        it("parses a capture key at the bucket root", () => {
            assert.deepStrictEqual(parseCaptureKey(`ep/v1/2023/12/31/23/59-59-999-0b2c1d9e-3f4a-4b5c-8d6e-7f8091a2b3c4.jsonl`), {
                ok: true,
                value: { destination: "", endpoint: "ep", variant: "v1", capturedAt: "2023-12-31T23:59:59.999Z" },
            });
        });
        const refused: Array<[string, string, string]> = [
            [
                "ground truth upload",
                "datacapture/groundtruth/2024/01/02/03/labels.jsonl",
                'file name "labels.jsonl" does not match {MM}-{SS}-{mmm}-{uuid}.jsonl (or .jsonl.gz)',
            ],
            [
                "too few segments",
                `ep/2024/01/02/03/${FILE}`,
                "key has 6 path segments; a Data Capture key has at least 7 ({destination}/{endpoint}/{variant}/yyyy/mm/dd/hh/{MM}-{SS}-{mmm}-{uuid}.jsonl)",
            ],
            ["month 13", `d/ep/v/2024/13/02/03/${FILE}`, 'path "2024/13/02/03" is not a yyyy/mm/dd/hh date'],
            ["hour 24", `d/ep/v/2024/01/02/24/${FILE}`, 'path "2024/01/02/24" is not a yyyy/mm/dd/hh date'],
            [
                "minute 60",
                "d/ep/v/2024/01/02/03/60-05-678-0b2c1d9e-3f4a-4b5c-8d6e-7f8091a2b3c4.jsonl",
                'file name "60-05-678-0b2c1d9e-3f4a-4b5c-8d6e-7f8091a2b3c4.jsonl" has an invalid minute or second',
            ],
            [
                "not jsonl",
                "d/ep/v/2024/01/02/03/04-05-678-0b2c1d9e-3f4a-4b5c-8d6e-7f8091a2b3c4.json",
                'file name "04-05-678-0b2c1d9e-3f4a-4b5c-8d6e-7f8091a2b3c4.json" does not match {MM}-{SS}-{mmm}-{uuid}.jsonl (or .jsonl.gz)',
            ],
            [
                "invalid endpoint name",
                `d/my_endpoint/v/2024/01/02/03/${FILE}`,
                'endpoint segment "my_endpoint" is not a valid endpoint name',
            ],
            ["invalid variant name", `d/ep/-v/2024/01/02/03/${FILE}`, 'variant segment "-v" is not a valid variant name'],
        ];
        for (const [name, key, reason] of refused) {
            it(`refuses ${name}`, () => assert.deepStrictEqual(parseCaptureKey(key), { ok: false, reason }));
        }
    });

    it("accepts exactly the endpoint and variant names the components accept (one shared rule)", () => {
        const names = ["a", "A9", "churn-dev", "a--b", "x".repeat(63), "x".repeat(64), "-a", "a-", "a_b", "a.b", "é", ""];
        const segmentOk = (name: string): boolean => parseCaptureKey(`dc/${name || "ep"}/${name}/2024/01/02/03/${FILE}`).ok;
        assert.deepStrictEqual(
            names.map((name) => [name, segmentOk(name)]),
            names.map((name) => [name, sageMakerName(name) === undefined]),
        );
    });
});
