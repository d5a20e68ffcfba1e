import * as path from "path";
import { synthCommand } from "./synth/command";
import { lightenPulumiStacks } from "./synth/pulumiStacks";

lightenPulumiStacks();
synthCommand(process.argv.slice(2), path.resolve(__dirname, ".."), {
    out: (text) => process.stdout.write(text),
    err: (text) => process.stderr.write(text),
}).then((code) => process.exit(code));
