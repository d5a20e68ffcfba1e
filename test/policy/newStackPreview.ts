/**
 * The stack program as `pulumi preview` of a brand-new stack shows it to the policy pack: Pulumi's
 * mock runtime in preview mode, where no resource exists yet, so every output a provider computes
 * (ids, ARNs, URLs, key ids) is unknown, and so is every input derived from one (a hash over a
 * model name, a policy document naming a key ARN). Names the provider fills in at check time
 * (`name`, `bucket`) stay known, as they do in a real preview.
 *
 * The offline synth (tools/synth) resolves everything, so it cannot show what a real preview
 * cannot see; this runner does, so tests can assert which rules still run at preview.
 */
import * as pulumi from "@pulumi/pulumi";
import * as path from "path";
import { UNKNOWN_VALUE } from "../../policy/policySdkInternals";
import { SynthResource, synthUrnOf } from "../../policy/synthResource";
import { mockInvoke, mockState } from "../../tools/synth/mockState";
import { readProjectName, readStackFile } from "../../tools/synth/stackFile";

/* eslint-disable @typescript-eslint/no-var-requires */
const { isUnknown } = require("@pulumi/pulumi/output") as { isUnknown(value: unknown): boolean };

const ROOT = path.resolve(__dirname, "../..");
/** Outputs a provider fills in when it checks inputs, so a preview knows them. */
const CHECK_TIME_NAMES = ["name", "bucket"];
const NAME_INPUTS = ["name", "namePrefix", "bucket", "bucketPrefix"];

/** The value as the engine sends it to the analyzer: Pulumi's unknowns become the unknown sentinel. */
function withSentinels(value: unknown): any {
    if (isUnknown(value)) {
        return UNKNOWN_VALUE;
    }
    if (Array.isArray(value)) {
        return value.map(withSentinels);
    }
    if (typeof value === "object" && value !== null) {
        return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, withSentinels(v)]));
    }
    return value;
}

/** Runs index.ts for `stack` as a new-stack preview and returns what the engine would analyze. */
export async function previewNewStack(stack: string): Promise<SynthResource[]> {
    const stackFile = readStackFile(path.join(ROOT, `Pulumi.${stack}.yaml`));
    const project = readProjectName(ROOT);
    const urnOf = (type: string, name: string) => `urn:pulumi:${stack}::${project}::${type}::${name}`;
    const registered = new Map<string, SynthResource>();
    pulumi.runtime.setAllConfig(stackFile.config, []);
    await pulumi.runtime.setMocks(
        {
            newResource: (args) => {
                const inputs = withSentinels(args.inputs);
                const computed = mockState(args.type, args.name, args.inputs, { region: stackFile.region }).state;
                const checkTime = NAME_INPUTS.some((key) => key in args.inputs)
                    ? {}
                    : Object.fromEntries(CHECK_TIME_NAMES.filter((key) => key in computed).map((key) => [key, computed[key]]));
                // Everything else the provider would return is unknown until the resource exists.
                const unknownOutputs = Object.fromEntries(
                    ["id", "arn", ...Object.keys(computed)].filter((key) => !(key in inputs) && !(key in checkTime)).map((key) => [key, UNKNOWN_VALUE]),
                );
                const urn = urnOf(args.type, args.name);
                const outputs = args.custom === false ? inputs : { ...inputs, ...checkTime, ...unknownOutputs };
                registered.set(urn, { type: args.type, name: args.name, urn, parent: null, parentUrn: null, inputs, outputs });
                // Missing keys resolve as unknown in preview mode, and so does an empty id.
                return { id: undefined, state: { ...args.inputs, ...checkTime } };
            },
            call: (args) => mockInvoke(args.token, args.inputs, { region: stackFile.region }),
        },
        project,
        stack,
        true,
    );
    const monitor = pulumi.runtime.getMonitor() as unknown as { registerResource: (req: any, cb: any) => Promise<void> };
    const register = monitor.registerResource.bind(monitor);
    monitor.registerResource = async (req: any, callback: any) => {
        await register(req, callback);
        const resource = registered.get(urnOf(req.getType(), req.getName()));
        if (resource === undefined) {
            return;
        }
        if (req.getParent()) {
            resource.parentUrn = synthUrnOf(req.getParent());
            resource.parent = req.getParent().split("::")[3];
        }
        const propertyDependencies: Record<string, string[]> = {};
        for (const [property, deps] of req.getPropertydependenciesMap().entries()) {
            const urns = [...new Set((deps.getUrnsList() as string[]).map(synthUrnOf))].sort();
            if (urns.length > 0) {
                propertyDependencies[property] = urns;
            }
        }
        resource.propertyDependencies = propertyDependencies;
        resource.dependencies = [...new Set((req.getDependenciesList() as string[]).map(synthUrnOf))].sort();
    };
    const programFile = path.join(ROOT, "index.ts");
    delete require.cache[require.resolve(programFile)];
    require(programFile);
    await pulumi.runtime.disconnect();
    return [...registered.values()].sort((a, b) => (a.urn < b.urn ? -1 : a.urn > b.urn ? 1 : 0));
}
