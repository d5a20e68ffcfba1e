/**
 * `npm test`: lint, type check and specs at once (tools/checks/runChecks.ts), output in order,
 * exit status 0 only when every check passed.
 */
import path from "node:path";
import { projectChecks, useChecksTsNode } from "./checks/projectChecks";
import { exitStatus, runChecks } from "./checks/runChecks";

const root = path.resolve(__dirname, "..");
useChecksTsNode(root);
runChecks(projectChecks(root), root, process.stdout).then((results) => process.exit(exitStatus(results)));
