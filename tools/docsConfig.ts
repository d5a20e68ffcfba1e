/**
 * `npm run docs:config`: writes docs/stack-config.md, the stack-config reference generated from the
 * schema (test/tools/docsConfig.spec.ts fails when the committed file is stale).
 */
import * as fs from "fs";
import * as path from "path";
import { renderStackConfigReference, STACK_CONFIG_REFERENCE } from "./docs/stackConfigReference";
import { readProject } from "./synth/stackFile";

const root = path.resolve(__dirname, "..");
const file = path.join(root, STACK_CONFIG_REFERENCE);
fs.mkdirSync(path.dirname(file), { recursive: true });
fs.writeFileSync(file, renderStackConfigReference(readProject(root).name));
process.stdout.write(`docs:config: wrote ${STACK_CONFIG_REFERENCE}\n`);
