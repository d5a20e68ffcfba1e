/**
 * `npm pack` of this repository, run once per set of inputs: the tarball is kept under the temp
 * folder, named by a hash of every file it is built from (the library's layers, which its prepack
 * `npm run build` compiles, the package files npm adds, the tsconfigs, the lockfile that pins the
 * compiler and the type packages) and of the Node version. A run with the same inputs reuses it
 * (the build type-checks the library: about 20 s of CPU); a change to any input packs afresh, and
 * an interrupted pack leaves no tarball behind (only a `partial-` folder). A clean machine (CI)
 * always packs.
 */
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import fs from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { filesHash } from "../../tools/checks/filesHash";

const ROOT = path.resolve(__dirname, "../..");
/** Where the tarballs are kept, one folder per checkout (bench:checks removes it to time a cold run). */
export const PACK_CACHE = path.join(tmpdir(), "sagemaker-monitoring-npm-pack");
/** The files `npm run build` compiles (tsconfig.build.json) and npm packs besides dist/. */
const INPUTS =
    /^(components|domain|dashboards|lambdas)\/|^(package\.json|package-lock\.json|README\.md|LICENSE.*|\.npmignore|tsconfig.*\.json)$/;

function git(args: string[]): string {
    const result = spawnSync("git", args, { cwd: ROOT, encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
    if (result.status !== 0) throw new Error(`git ${args.join(" ")} exited with ${result.status}: ${result.stderr}`);
    return result.stdout;
}

/** Hash of the pack's inputs: each file's path and content (tracked or not, unless git-ignored), and the Node version. */
function packInputsHash(): string {
    const files = git(["ls-files", "--cached", "--others", "--exclude-standard"])
        .split("\n")
        .filter((file) => INPUTS.test(file) && fs.existsSync(path.join(ROOT, file)))
        .sort();
    return filesHash(ROOT, files, `node ${process.version}`).slice(0, 32);
}

/**
 * Puts the tarball of `npm pack` for the current sources into `destination` (nothing else), packing
 * with `pack` only when no earlier run packed the same inputs; returns whether it packed.
 */
export function packInto(destination: string, pack: (packDestination: string) => void): boolean {
    // One folder per checkout, so that worktrees of this repository do not evict each other's tarball.
    const checkout = path.join(PACK_CACHE, createHash("sha256").update(ROOT).digest("hex").slice(0, 16));
    const key = packInputsHash();
    const cached = path.join(checkout, key);
    const packed = !fs.existsSync(cached);
    if (packed) {
        fs.mkdirSync(checkout, { recursive: true });
        const staging = fs.mkdtempSync(path.join(checkout, "partial-"));
        pack(staging);
        try {
            fs.renameSync(staging, cached);
        } catch (error) {
            // Another run packed the same inputs meanwhile: the same tarball, keep theirs.
            fs.rmSync(staging, { recursive: true, force: true });
            if (!fs.existsSync(cached)) throw error;
        }
        // The tarballs of earlier inputs are of no more use.
        for (const entry of fs.readdirSync(checkout).filter((e) => e !== key && !e.startsWith("partial-"))) {
            fs.rmSync(path.join(checkout, entry), { recursive: true, force: true });
        }
    }
    for (const file of fs.readdirSync(cached)) fs.copyFileSync(path.join(cached, file), path.join(destination, file));
    return packed;
}
