import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { CAPTURE_BUCKET_DEFAULTS } from "../../components/captureBucket/CaptureBucket";
import { INTEGER_SETTINGS } from "../../domain/forwarder/environment";
import { REGENERATE_COMMAND, renderStackConfigReference, STACK_CONFIG_REFERENCE } from "../../tools/docs/stackConfigReference";
import { NAMESPACE } from "../support/stackConfig";
import { ROOT } from "../support/synthCli";

describe("stack-config reference (docs/stack-config.md)", () => {
    const rendered = renderStackConfigReference(NAMESPACE);
    const row = (key: string) => rendered.split("\n").find((line) => line.startsWith(`| \`${key}\` |`));

    it("is committed as generated from the schema", () => {
        const committed = fs.readFileSync(path.join(ROOT, STACK_CONFIG_REFERENCE), "utf8");
        assert.ok(
            committed === rendered,
            `${STACK_CONFIG_REFERENCE} is stale: it no longer matches the stack-config schema. Run \`${REGENERATE_COMMAND}\` and commit the result.`,
        );
    });

    it("takes defaults and limits from the components' constants", () => {
        assert.deepStrictEqual(
            [row("captureBucket.prefix"), row("forwarders[].chunkMaxBytes")],
            [
                `| \`captureBucket.prefix\` | string | \`${JSON.stringify(CAPTURE_BUCKET_DEFAULTS.prefix)}\` | S3 key segments of letters, digits and !_.*'()- separated by single "/", no leading or trailing "/"; 1-512 characters | Key prefix capture files go under (SageMaker appends \`/<endpoint>/<variant>/...\`). |`,
                `| \`forwarders[].chunkMaxBytes\` | number | \`${INTEGER_SETTINGS.chunkMaxBytes.default}\` | integer ${INTEGER_SETTINGS.chunkMaxBytes.min}-${INTEGER_SETTINGS.chunkMaxBytes.max} | Most bytes of records in one delivery to the sink. |`,
            ],
        );
    });

    it("lists every value of a discriminator and says which option a key belongs to", () => {
        assert.deepStrictEqual(
            [row("network.mode"), row("network.subnetIds")],
            [
                '| `network.mode` | string | **required** | `"none"`, `"create"`, `"existing"` | Where endpoints run: the public SageMaker network, a created VPC or an existing one. |',
                "| `network.subnetIds` | string[] | **required** | 1-16 IDs like `subnet-0123456789abcdef0` | Subnets the endpoints run in. (only with mode: existing) |",
            ],
        );
    });
});
