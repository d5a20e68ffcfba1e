/**
 * `npm run policy:publishable`: the folder it writes is the pack `pulumi policy publish` would pack,
 * and it loads on its own. The bundled pack is served the way the CLI serves it (publish asks it for
 * its metadata the same way) from a folder outside the repository, with only this repository's
 * node_modules on NODE_PATH standing in for the `npm install` of its package.json.
 */
import * as assert from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { parse } from "yaml";
import { POLICY_PUBLISHABLE_COMMAND, runPolicyPublishable } from "../../tools/policyPublishable";
import { helpText } from "../../tools/cli/flags";
import { policies } from "../../policy/rules";
import { nativeEndpointConfig, NATIVE_ENDPOINT_CONFIG } from "../policy/fixtures";
import { urnOf, withField } from "../policy/harness";
import { analyzerPb, call, emptyRequest, LEVEL_NAMES, servePack, SEVERITY_NAMES, Struct } from "../support/packServer";

const ROOT = path.join(__dirname, "..", "..");
const sourcePackage = JSON.parse(fs.readFileSync(path.join(ROOT, "policy", "package.json"), "utf8"));
const sourceDescription: string = parse(fs.readFileSync(path.join(ROOT, "policy", "PulumiPolicy.yaml"), "utf8")).description;

function run(argv: string[], cwd = ROOT) {
    let out = "";
    let err = "";
    const status = runPolicyPublishable(argv, ROOT, cwd, { out: (t) => (out += t), err: (t) => (err += t) });
    return { status, out, err };
}

describe("npm run policy:publishable", function () {
    this.timeout(60000);
    let dir: string;
    let pack: string;
    let written: ReturnType<typeof run>;

    before(() => {
        dir = fs.mkdtempSync(path.join(os.tmpdir(), "policy-publishable-"));
        written = run(["--out", "pack"], dir);
        pack = path.join(dir, "pack");
    });

    after(() => fs.rmSync(dir, { recursive: true, force: true }));

    it("writes index.js, PulumiPolicy.yaml and a package.json whose dependencies are exactly the bundle's externals", () => {
        assert.deepStrictEqual(written, {
            status: 0,
            out:
                "policy:publishable: wrote pack (PulumiPolicy.yaml, index.js, package.json) for @sagemaker-monitoring/policy@0.1.0\n" +
                "publish it: cd pack && npm install && pulumi policy publish <org>\n",
            err: "",
        });
        assert.deepStrictEqual(fs.readdirSync(pack).sort(), ["PulumiPolicy.yaml", "index.js", "package.json"]);
        assert.deepStrictEqual(JSON.parse(fs.readFileSync(path.join(pack, "package.json"), "utf8")), {
            name: "@sagemaker-monitoring/policy",
            version: sourcePackage.version,
            private: true,
            description: sourcePackage.description,
            main: "index.js",
            dependencies: {
                "@pulumi/policy": sourcePackage.dependencies["@pulumi/policy"],
                "@pulumi/pulumi": sourcePackage.dependencies["@pulumi/pulumi"],
            },
        });
        assert.deepStrictEqual(parse(fs.readFileSync(path.join(pack, "PulumiPolicy.yaml"), "utf8")), {
            runtime: "nodejs",
            description: sourceDescription,
        });
        // Nothing of the repository is loaded from the pack at run time: only the two SDKs (and node's own modules).
        const requires = [...fs.readFileSync(path.join(pack, "index.js"), "utf8").matchAll(/\brequire\("([^"]+)"\)/g)].map((m) => m[1]);
        assert.deepStrictEqual([...new Set(requires)].sort(), ["@pulumi/policy", "@pulumi/policy/proxy", "path"]);
    });

    it("the bundled pack, served from its folder as the CLI serves it, declares exactly the source pack's policies and guards its config", async () => {
        const env = { PATH: process.env.PATH ?? "", NODE_PATH: path.join(ROOT, "node_modules") };
        const server = await servePack(pack, env);
        try {
            const info: any = await call(server.client, "getAnalyzerInfo", emptyRequest());
            const served = info.getPoliciesList().map((p: any) => ({
                name: p.getName(),
                level: LEVEL_NAMES[p.getEnforcementlevel()],
                severity: SEVERITY_NAMES[p.getSeverity()],
                configSchema: p.hasConfigschema()
                    ? { properties: p.getConfigschema().getProperties().toJavaScript(), required: p.getConfigschema().getRequiredList() }
                    : undefined,
            }));
            assert.deepStrictEqual([info.getName(), info.getVersion()], ["sagemaker-monitoring", sourcePackage.version]);
            assert.deepStrictEqual(
                served,
                policies.map((p) => ({
                    name: p.name,
                    level: p.enforcementLevel,
                    severity: p.severity,
                    // As protobuf carries it: JSON values only.
                    configSchema:
                        p.configSchema &&
                        JSON.parse(JSON.stringify({ properties: p.configSchema.properties, required: p.configSchema.required ?? [] })),
                })),
            );
            // The config guard wraps the bundled server's Configure (it finds @grpc/grpc-js through @pulumi/policy), and the rules run.
            const configure = new analyzerPb.ConfigureAnalyzerRequest();
            const weakened = new analyzerPb.PolicyConfig();
            weakened.setEnforcementlevel(analyzerPb.EnforcementLevel.ADVISORY);
            weakened.setProperties(Struct.fromJavaScript({}));
            configure.getPolicyconfigMap().set("data-capture-sampling-100", weakened);
            const analyze = new analyzerPb.AnalyzeRequest();
            analyze.setType(NATIVE_ENDPOINT_CONFIG);
            analyze.setName("realtime-config");
            analyze.setUrn(urnOf(NATIVE_ENDPOINT_CONFIG, "realtime-config"));
            analyze.setProperties(
                Struct.fromJavaScript(withField(nativeEndpointConfig(), "dataCaptureConfig.initialSamplingPercentage", 50)),
            );
            analyze.setOptions(new analyzerPb.AnalyzerResourceOptions());
            const refused = await call(server.client, "configure", configure).then(
                () => "configured",
                (e: Error) => e.message,
            );
            const diagnostics: any = await call(server.client, "analyze", analyze);
            assert.deepStrictEqual(
                [refused, diagnostics.getDiagnosticsList().map((d: any) => `${LEVEL_NAMES[d.getEnforcementlevel()]} ${d.getPolicyname()}`)],
                [
                    "3 INVALID_ARGUMENT: Invalid policy pack config (1 problem):\n" +
                        '  - data-capture-sampling-100.enforcementLevel: cannot make data-capture-sampling-100 "advisory": it is a mandatory capture rule, always "mandatory"; ' +
                        'exempt a single endpoint in "data-capture-exemptions" (with a reason and an expiry) instead',
                    ["mandatory data-capture-sampling-100"],
                ],
            );
        } finally {
            server.stop();
        }
    });

    it("rewrites the folder of a previous run (npm install's files kept), and refuses a folder holding anything else, naming it", () => {
        fs.mkdirSync(path.join(pack, "node_modules"));
        fs.writeFileSync(path.join(pack, "package-lock.json"), "{}\n");
        const again = run(["--out", pack]);
        const listed = fs.readdirSync(pack).sort();
        fs.writeFileSync(path.join(pack, "notes.txt"), "mine\n");
        fs.mkdirSync(path.join(pack, "src"));
        assert.deepStrictEqual(
            [again.status, again.err, listed, run(["--out", pack]), run(["--out", "pack/notes.txt"], dir)],
            [
                0,
                "",
                ["PulumiPolicy.yaml", "index.js", "node_modules", "package-lock.json", "package.json"],
                {
                    status: 2,
                    out: "",
                    err: `policy:publishable: --out ${pack} holds files this command did not write (notes.txt, src): give a new or empty folder, or the folder of a previous run\n`,
                },
                {
                    status: 2,
                    out: "",
                    err: "policy:publishable: --out pack/notes.txt is a file: give a folder (it is created if missing)\n",
                },
            ],
        );
    });

    it("prints its help, and names a bad flag with the usage (exit 2)", () => {
        assert.deepStrictEqual(
            [run(["--help"]), run(["--outt", "x"]), run(["--out"])],
            [
                { status: 0, out: helpText(POLICY_PUBLISHABLE_COMMAND), err: "" },
                {
                    status: 2,
                    out: "",
                    err: "policy:publishable: unknown flag --outt; did you mean --out?\nusage: npm run policy:publishable -- [--out <dir>]\n(npm run policy:publishable -- --help describes every flag)\n",
                },
                {
                    status: 2,
                    out: "",
                    err: "policy:publishable: --out needs a value: --out <dir>\nusage: npm run policy:publishable -- [--out <dir>]\n(npm run policy:publishable -- --help describes every flag)\n",
                },
            ],
        );
    });
});
