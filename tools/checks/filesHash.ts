/** A cache key for a set of files: it changes when any file's path or content does. */
import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";

/** sha256 (hex) of `seed`, then each file's path (relative to `root`) and content, in the order given. */
export function filesHash(root: string, files: string[], seed = ""): string {
    const hash = createHash("sha256").update(`${seed}\n`);
    for (const file of files) {
        hash.update(`${file}\n`)
            .update(fs.readFileSync(path.join(root, file)))
            .update("\n");
    }
    return hash.digest("hex");
}
