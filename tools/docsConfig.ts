/**
 * `npm run docs:config`: writes docs/stack-config.md, the stack-config reference generated from the
 * schema (test/tools/docsConfig.spec.ts fails when the committed file is stale). Exit status: 0
 * written or `--help`; 2 bad flags (nothing written).
 */
import * as fs from "fs";
import * as path from "path";
import { CommandSpec, readFlags } from "./cli/flags";
import { REGENERATE_COMMAND, renderStackConfigReference, STACK_CONFIG_REFERENCE } from "./docs/stackConfigReference";
import { readProject } from "./synth/stackFile";
import type { Console } from "./synth/command";

const DOCS_CONFIG_COMMAND: CommandSpec = {
    name: "docs:config",
    invocation: `${REGENERATE_COMMAND} --`,
    summary:
        `Writes ${STACK_CONFIG_REFERENCE}, the stack-config reference, from the stack-config schema (program/schema.ts and` +
        " program/forwarderSchema.ts) and the components' defaults; run it after changing the schema and commit the result.",
    flags: [],
    notes: ["exit status: 0 written, 2 bad flags (nothing written)"],
    examples: [REGENERATE_COMMAND],
};

/** The whole command: `argv` without node and the script, the repository at `root`; returns the exit status. */
export function docsConfigCommand(argv: readonly string[], root: string, io: Console): number {
    const flags = readFlags(argv, DOCS_CONFIG_COMMAND);
    if (flags.kind === "exit") {
        (flags.status === 0 ? io.out : io.err)(flags.text);
        return flags.status;
    }
    const file = path.join(root, STACK_CONFIG_REFERENCE);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, renderStackConfigReference(readProject(root).name));
    io.out(`docs:config: wrote ${STACK_CONFIG_REFERENCE}\n`);
    return 0;
}

if (require.main === module) {
    process.exitCode = docsConfigCommand(process.argv.slice(2), path.resolve(__dirname, ".."), {
        out: (text) => process.stdout.write(text),
        err: (text) => process.stderr.write(text),
    });
}
