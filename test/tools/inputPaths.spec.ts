/** The flag rules the CLIs share (tools/cli/inputPaths.ts): stack names as the Pulumi CLI takes them. */
import * as assert from "assert";
import { qualifiedStackNameProblem, stackNameProblem, unqualifiedStackName } from "../../tools/cli/inputPaths";
import { parseSmokeArgs } from "../../tools/smoke/command";

describe("tools/cli/inputPaths: stack names", () => {
    it("takes a stack, project/stack or org/project/stack where the Pulumi CLI does, and builds the stack file's name from the last part", () => {
        const names = ["dev", "sagemaker-monitoring/dev", "acme/sagemaker-monitoring/prod.eu"];
        assert.deepStrictEqual(
            names.map((name) => [qualifiedStackNameProblem(name), unqualifiedStackName(name)]),
            [
                [null, "dev"],
                [null, "dev"],
                [null, "prod.eu"],
            ],
        );
        assert.deepStrictEqual(parseSmokeArgs(["--stack", "acme/sagemaker-monitoring/prod"]).args?.stack, "acme/sagemaker-monitoring/prod");
    });

    it("refuses a path, an empty part, a part of dots or four parts, naming the three forms", () => {
        const forms = "use letters, digits, _ . and -, as <stack>, <project>/<stack> or <org>/<project>/<stack>";
        assert.deepStrictEqual(["../dev", "a//dev", "a/b/c/dev", "/dev", "dev/"].map(qualifiedStackNameProblem), [
            `--stack "../dev" is not a stack name; ${forms}`,
            `--stack "a//dev" is not a stack name; ${forms}`,
            `--stack "a/b/c/dev" is not a stack name; ${forms}`,
            `--stack "/dev" is not a stack name; ${forms}`,
            `--stack "dev/" is not a stack name; ${forms}`,
        ]);
        // Where the name becomes a file path (synth, report, replay), a qualified name is refused.
        assert.strictEqual(
            stackNameProblem("acme/proj/dev"),
            '--stack "acme/proj/dev" is not a stack name; use letters, digits, _ . and -',
        );
    });
});
