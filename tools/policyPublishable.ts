/**
 * `npm run policy:publishable -- [--out <dir>]`: writes the policy pack as a self-contained folder
 * for `pulumi policy publish`. The source pack (policy/) imports ../domain, and the Pulumi CLI packs
 * only the pack's folder (`npm pack`), so the published pack could not load; this folder holds one
 * bundled index.js, a PulumiPolicy.yaml and a package.json whose dependencies are exactly what the
 * bundle leaves to `npm install` (docs/policy-pack.md, "Publishing"). Generated, never committed.
 * Exit status: 0 written; 2 bad flags or --out folder; 1 the bundle failed.
 */
import * as fs from "fs";
import * as path from "path";
import { CommandSpec, readFlags } from "./cli/flags";
import { bundlePack } from "./policyPublishable/bundlePack";
import { BUNDLE_FILE, PACK_FILES, publishablePackageJson, publishablePolicyYaml, SourcePackage } from "./policyPublishable/packFiles";

export const DEFAULT_OUT = "out/policy-pack";

export const POLICY_PUBLISHABLE_COMMAND: CommandSpec = {
    name: "policy:publishable",
    invocation: "npm run policy:publishable --",
    summary:
        "Writes the policy pack as a folder `pulumi policy publish` can pack on its own: index.js (policy/ and domain/ bundled), PulumiPolicy.yaml and a package.json declaring @pulumi/policy and @pulumi/pulumi.",
    flags: [
        {
            name: "--out",
            value: "<dir>",
            description:
                "the folder to write (created if missing; may hold only a previous run's files, node_modules and package-lock.json)",
            default: DEFAULT_OUT,
        },
    ],
    notes: [
        "exit status: 0 written, 1 the bundle failed, 2 bad flags or --out folder",
        "then: cd <dir> && npm install && pulumi policy publish <org>",
    ],
    examples: ["npm run policy:publishable", "npm run policy:publishable -- --out /tmp/policy-pack"],
};

/** What a previous run and the `npm install` before publishing leave in the folder. */
const REWRITABLE = new Set<string>([...PACK_FILES, "node_modules", "package-lock.json"]);

/** Why `out` cannot be written, or undefined. */
function outProblem(out: string, given: string): string | undefined {
    if (!fs.existsSync(out)) return undefined;
    if (!fs.statSync(out).isDirectory()) return `--out ${given} is a file: give a folder (it is created if missing)`;
    const foreign = fs.readdirSync(out).filter((entry) => !REWRITABLE.has(entry));
    if (foreign.length === 0) return undefined;
    return `--out ${given} holds files this command did not write (${foreign.sort().join(", ")}): give a new or empty folder, or the folder of a previous run`;
}

export interface PublishableIo {
    out: (text: string) => void;
    err: (text: string) => void;
}

/** The whole command; `root` is the repository (policy/, domain/), relative --out paths start at `cwd`. */
export function runPolicyPublishable(argv: string[], root: string, cwd: string, io: PublishableIo): number {
    const flags = readFlags(argv, POLICY_PUBLISHABLE_COMMAND);
    if (flags.kind === "exit") {
        (flags.status === 0 ? io.out : io.err)(flags.text);
        return flags.status;
    }
    const given = flags.values["--out"] ?? DEFAULT_OUT;
    const out = path.resolve(cwd, given);
    const problem = outProblem(out, given);
    if (problem !== undefined) {
        io.err(`${POLICY_PUBLISHABLE_COMMAND.name}: ${problem}\n`);
        return 2;
    }
    const source = JSON.parse(fs.readFileSync(path.join(root, "policy", "package.json"), "utf8")) as SourcePackage;
    const files: Record<(typeof PACK_FILES)[number], string> = {
        "PulumiPolicy.yaml": publishablePolicyYaml(fs.readFileSync(path.join(root, "policy", "PulumiPolicy.yaml"), "utf8")),
        [BUNDLE_FILE]: bundlePack(root).code,
        "package.json": publishablePackageJson(source),
    };
    fs.mkdirSync(out, { recursive: true });
    for (const [name, text] of Object.entries(files)) fs.writeFileSync(path.join(out, name), text);
    io.out(
        `${POLICY_PUBLISHABLE_COMMAND.name}: wrote ${given} (${PACK_FILES.join(", ")}) for ${source.name}@${source.version}\n` +
            `publish it: cd ${given} && npm install && pulumi policy publish <org>\n`,
    );
    return 0;
}

if (require.main === module) {
    const io: PublishableIo = { out: (t) => process.stdout.write(t), err: (t) => process.stderr.write(t) };
    try {
        process.exitCode = runPolicyPublishable(process.argv.slice(2), path.resolve(__dirname, ".."), process.cwd(), io);
    } catch (error) {
        io.err(`${POLICY_PUBLISHABLE_COMMAND.name}: ${error instanceof Error ? error.message : String(error)}\n`);
        process.exitCode = 1;
    }
}
