import * as assert from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { CAPTURE_BUCKET_DEFAULTS } from "../../components/captureBucket/CaptureBucket";
import { INTEGER_SETTINGS } from "../../domain/forwarder/environment";
import { docsConfigCommand } from "../../tools/docsConfig";
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

    describe("npm run docs:config", () => {
        let root: string;
        beforeEach(() => {
            root = fs.mkdtempSync(path.join(os.tmpdir(), "docs-config-"));
            fs.copyFileSync(path.join(ROOT, "Pulumi.yaml"), path.join(root, "Pulumi.yaml"));
        });
        afterEach(() => fs.rmSync(root, { recursive: true, force: true }));
        const run = (argv: string[]) => {
            let out = "";
            let err = "";
            const status = docsConfigCommand(argv, root, { out: (t) => (out += t), err: (t) => (err += t) });
            return { status, out, err };
        };

        it("writes the reference, or with --help only prints what it does (exit 0)", () => {
            assert.deepStrictEqual(
                [run(["--help"]), fs.readdirSync(root)],
                [
                    {
                        status: 0,
                        out: [
                            "usage: npm run docs:config --",
                            "",
                            "Writes docs/stack-config.md, the stack-config reference, from the stack-config schema (program/schema.ts and program/forwarderSchema.ts)" +
                                " and the components' defaults; run it after changing the schema and commit the result.",
                            "",
                            "flags:",
                            "  -h, --help  print this help and exit",
                            "",
                            "exit status: 0 written, 2 bad flags (nothing written)",
                            "",
                            "example:",
                            "  npm run docs:config",
                            "",
                        ].join("\n"),
                        err: "",
                    },
                    ["Pulumi.yaml"],
                ],
            );
            assert.deepStrictEqual(run([]), { status: 0, out: "docs:config: wrote docs/stack-config.md\n", err: "" });
            assert.ok(fs.readFileSync(path.join(root, STACK_CONFIG_REFERENCE), "utf8") === renderStackConfigReference(NAMESPACE));
        });

        it("exits 2 on an unknown flag or argument, writing nothing", () => {
            assert.deepStrictEqual(
                [run(["--check"]), run(["docs/other.md"]), fs.readdirSync(root)],
                [
                    {
                        status: 2,
                        out: "",
                        err: [
                            "docs:config: unknown flag --check (docs:config takes no flags but --help)",
                            "usage: npm run docs:config --",
                            "(npm run docs:config -- --help describes every flag)",
                            "",
                        ].join("\n"),
                    },
                    {
                        status: 2,
                        out: "",
                        err: [
                            'docs:config: unexpected argument "docs/other.md" (docs:config takes no arguments)',
                            "usage: npm run docs:config --",
                            "(npm run docs:config -- --help describes every flag)",
                            "",
                        ].join("\n"),
                    },
                    ["Pulumi.yaml"],
                ],
            );
        });
    });
});
