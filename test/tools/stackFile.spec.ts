import * as assert from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { readStackFile, readStackFileForSynth, StackFileError } from "../../tools/synth/stackFile";

const PROJECT = { name: "other", config: { "other:size": { default: 2 }, "other:zone": {} } };

describe("synth: reading a stack file as the Pulumi CLI does", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "stack-file-"));
    after(() => fs.rmSync(dir, { recursive: true, force: true }));
    const write = (name: string, lines: string[]) => {
        const file = path.join(dir, name);
        fs.writeFileSync(file, ["config:", ...lines.map((l) => `  ${l}`), ""].join("\n"));
        return file;
    };

    it("leaves an encrypted secret out and returns it as a problem, so the program still checks the rest", () => {
        const file = write("secret.yaml", ["other:zone: a", "other:token:", "  secure: AAABAJ0x", "aws:region: eu-west-1"]);
        assert.deepStrictEqual(readStackFileForSynth(file, PROJECT), {
            config: { "other:zone": "a", "aws:region": "eu-west-1", "other:size": "2" },
            region: "eu-west-1",
            problems: [
                {
                    propertyPath: "other:token",
                    reason: "is an encrypted secret, which offline synth cannot decrypt; keep secrets in Secrets Manager and pass their ARN",
                },
            ],
        });
        assert.throws(
            () => readStackFile(file, PROJECT),
            new StackFileError(
                `${file}: 1 config problem:\n  - other:token is an encrypted secret, which offline synth cannot decrypt; keep secrets in Secrets Manager and pass their ARN`,
            ),
        );
    });

    it("stops, as the CLI does, on a declared key without a default, naming the secrets too", () => {
        const file = write("missing.yaml", ["other:token:", "  secure: AAABAJ0x"]);
        assert.throws(
            () => readStackFileForSynth(file, PROJECT),
            new StackFileError(
                [
                    `${file}: 2 config problems:`,
                    "  - other:token is an encrypted secret, which offline synth cannot decrypt; keep secrets in Secrets Manager and pass their ARN",
                    "  - other:zone is missing: Pulumi.yaml declares it without a default, so every stack must set it",
                ].join("\n"),
            ),
        );
    });
});
