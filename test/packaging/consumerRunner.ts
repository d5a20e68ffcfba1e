/**
 * Runs a consumer's Pulumi program (`<programDir>/index.ts`) under the synth's mock runtime in a
 * process of its own and writes what it registered to `<outFile>` as JSON. package.spec.ts bundles
 * this file to plain JavaScript next to the program and runs it with `node -r ts-node/register`,
 * ts-node's defaults, as Pulumi loads a TypeScript program: it type-checks the program and compiles
 * nothing under node_modules.
 *
 * Arguments: `<programDir> <outFile> <project> <config as JSON>`.
 */
import { writeFileSync } from "node:fs";
import path from "node:path";
import { runProgram } from "../../tools/synth/runProgram";

const [programDir, outFile, project, configJson] = process.argv.slice(2);

runProgram({
    program: () => require(path.join(programDir, "index.ts")),
    project,
    stack: "test",
    config: JSON.parse(configJson),
    context: { region: "us-east-1" },
}).then(
    (run) => writeFileSync(outFile, JSON.stringify(run)),
    (error: unknown) => {
        console.error(error);
        process.exit(1);
    },
);
