import * as pulumi from "@pulumi/pulumi";
import { runProgram } from "../../tools/synth/runProgram";
import { SynthResource } from "../../tools/synth/synthResource";

export const TEST_STACK = "test";
export const TEST_PROJECT = "sagemaker-monitoring";

/**
 * Runs `declare` under Pulumi's mock runtime (the same one offline synth uses) and returns every
 * resource it registered, with exact inputs, sorted by type then name.
 */
export async function declared(declare: () => unknown, config: Record<string, string> = {}): Promise<SynthResource[]> {
    const run = await runProgram({
        program: () => {
            declare();
        },
        project: TEST_PROJECT,
        stack: TEST_STACK,
        config,
        context: { region: "us-east-1" },
    });
    return run.resources;
}

/** The one resource of `type` named `name`; fails loudly when absent, listing what exists. */
export function resource(resources: SynthResource[], type: string, name: string): SynthResource {
    const found = resources.find((r) => r.type === type && r.name === name);
    if (found === undefined) {
        throw new Error(`no ${type} named ${name}; have: ${resources.map((r) => `${r.type}::${r.name}`).join(", ")}`);
    }
    return found;
}

export function ofType(resources: SynthResource[], type: string): SynthResource[] {
    return resources.filter((r) => r.type === type);
}

/**
 * Like `declared`, and also records, per logical name, the URNs each registration depends on
 * (explicit `dependsOn` and the resources its inputs come from).
 */
export async function declaredWithDependencies(
    declare: () => unknown,
): Promise<{ resources: SynthResource[]; dependencies: Map<string, string[]> }> {
    const dependencies = new Map<string, string[]>();
    const resources = await declared(() => {
        const monitor = pulumi.runtime.getMonitor() as unknown as { registerResource: (req: any, cb: any) => unknown };
        const register = monitor.registerResource.bind(monitor);
        monitor.registerResource = (req: any, cb: any) => {
            dependencies.set(req.getName(), req.getDependenciesList());
            return register(req, cb);
        };
        declare();
    });
    return { resources, dependencies };
}
