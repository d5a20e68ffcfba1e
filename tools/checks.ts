/**
 * `npm test`: lint, type check and specs at once (tools/checks/runChecks.ts), output in order,
 * exit status 0 only when every check passed.
 */
import path from "node:path";
import { projectChecks } from "./checks/projectChecks";
import { exitStatus, runChecks } from "./checks/runChecks";

const root = path.resolve(__dirname, "..");
// The specs and the ts-node processes they start compile with esbuild (tsconfig.tsnode.json,
// tools/tsNodeEsbuild.cjs): a third less CPU for mocha. Set here, not in tsconfig.json, which
// `pulumi up` reads too and type-checks with, where ts-node refuses a custom transpiler.
process.env.TS_NODE_PROJECT ??= path.join(root, "tsconfig.tsnode.json");
runChecks(projectChecks(root), root, process.stdout).then((results) => process.exit(exitStatus(results)));
