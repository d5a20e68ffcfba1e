import * as pulumi from "@pulumi/pulumi";
import { mockInvoke, mockState, MockContext } from "./mockState";
import { synthUrnOf } from "./policy/synthResource";
import { SynthResource, sortResources } from "./synthResource";

export interface ProgramRun {
    resources: SynthResource[];
    /** The program's stack exports, resolved. */
    exports: Record<string, unknown>;
}

/** The run failed because inputs are invalid (exit 2), not because of a bug. */
export class InvalidInputsError extends Error {
    constructor(
        readonly problems: { propertyPath: string; reason: string }[],
        message: string,
    ) {
        super(message);
    }
}

function asInvalidInputs(error: unknown): InvalidInputsError | undefined {
    if (pulumi.InputPropertiesError.isInstance(error)) {
        // The engine prefixes the property it was serializing when a deploy-time check failed.
        return new InvalidInputsError(error.errors, error.message.replace(/^(error serializing property "[^"]*": )+/, ""));
    }
    return undefined;
}

/**
 * Runs a Pulumi program in this process under Pulumi's mock runtime, with the given config, and
 * returns every resource it registered. No credentials, no network, no CLI.
 */
export interface RunOptions {
    /** Declares the resources; for the stack program, `() => require("./index.ts")`. Returns the stack exports. */
    program: () => Record<string, unknown> | void;
    project: string;
    stack: string;
    /** Flat Pulumi config, `namespace:key` -> value. */
    config: Record<string, string>;
    context: MockContext;
    /**
     * What a resource looks like: by default the deployed state synth uses (every output known);
     * a new-stack preview passes its own, with the outputs AWS would compute left unknown.
     */
    model?: ResourceModel;
    /** Run the mock runtime in preview mode (missing outputs are unknown). @default false */
    preview?: boolean;
}

/** Turns one registration into the record kept for policies and the state the mock returns. */
export type ResourceModel = (
    args: { type: string; name: string; inputs: Record<string, any>; custom?: boolean },
    context: MockContext,
) => {
    record: { inputs: Record<string, any>; outputs: Record<string, any> };
    result: { id: string | undefined; state: Record<string, any> };
};

/** The deployed state: inputs plus the deterministic ids, ARNs and names of `mockState`. */
const deployedModel: ResourceModel = (args, context) => {
    const { id, state } = mockState(args.type, args.name, args.inputs, context);
    return { record: { inputs: args.inputs, outputs: { ...state, id } }, result: { id: args.custom === false ? undefined : id, state } };
};

export async function runProgram(options: RunOptions): Promise<ProgramRun> {
    const model = options.model ?? deployedModel;
    const preview = options.preview ?? false;
    const registered = new Map<string, SynthResource>();
    const asyncErrors: unknown[] = [];
    // A value checked at deploy time fails inside an apply: the engine surfaces it only as an
    // unhandled rejection, and resources that depend on it never finish, so waiting stops there.
    let failFast: (reason: unknown) => void = () => undefined;
    const firstFailure = new Promise<never>((_, reject) => (failFast = reject));
    firstFailure.catch(() => undefined);
    const onRejection = (reason: unknown) => {
        asyncErrors.push(reason);
        failFast(reason);
    };
    process.on("unhandledRejection", onRejection);

    pulumi.runtime.setAllConfig(options.config, []);
    await pulumi.runtime.setMocks(
        {
            newResource: (args) => {
                const { record, result } = model(args, options.context);
                const urn = urnOf(options, args.type, args.name);
                registered.set(urn, { type: args.type, name: args.name, urn, parent: null, parentUrn: null, ...record });
                return result;
            },
            call: (args) => mockInvoke(args.token, args.inputs, options.context),
        },
        options.project,
        options.stack,
        preview,
    );
    recordParents(registered, options);

    let programExports: Record<string, unknown>;
    try {
        const program = options.program() ?? {};
        await Promise.race([pulumi.runtime.disconnect(), firstFailure]);
        // A preview leaves computed outputs unknown, and an unknown export never resolves.
        programExports = preview ? {} : await Promise.race([resolveExports(program), firstFailure]);
        // A failed check that nothing depends on is reported one macrotask after the run settles.
        await new Promise((resolve) => setImmediate(resolve));
    } catch (error) {
        throw asInvalidInputs(error) ?? error;
    } finally {
        process.off("unhandledRejection", onRejection);
    }
    const invalid = asyncErrors.map(asInvalidInputs).filter((e): e is InvalidInputsError => e !== undefined);
    if (invalid.length > 0) {
        throw new InvalidInputsError(
            invalid.flatMap((e) => e.problems),
            invalid.map((e) => e.message).join("\n"),
        );
    }
    if (asyncErrors.length > 0) {
        throw asyncErrors[0];
    }
    return { resources: sortResources([...registered.values()]), exports: programExports };
}

function urnOf(options: { project: string; stack: string }, type: string, name: string): string {
    return `urn:pulumi:${options.stack}::${options.project}::${type}::${name}`;
}

/** The mock runtime does not tell `newResource` about parents; the monitor's request does. */
function recordParents(registered: Map<string, SynthResource>, options: { project: string; stack: string }): void {
    const monitor = pulumi.runtime.getMonitor() as unknown as { registerResource: (req: any, cb: any) => Promise<void> };
    const register = monitor.registerResource.bind(monitor);
    monitor.registerResource = async (req: any, callback: any) => {
        await register(req, callback);
        const urn = urnOf(options, req.getType(), req.getName());
        const resource = registered.get(urn);
        const parentUrn: string = req.getParent();
        if (resource !== undefined && parentUrn) {
            const parts = parentUrn.split("::");
            resource.parentUrn = urnOf(options, parts[2].split("$").pop()!, parts[3]);
            resource.parent = parts[3];
        }
        if (resource !== undefined) {
            // What the engine gives stack policies as dependencies/propertyDependencies (known at preview).
            resource.dependencies = [...new Set((req.getDependenciesList() as string[]).map(synthUrnOf))].sort();
            const propertyDependencies: Record<string, string[]> = {};
            for (const [property, deps] of [...req.getPropertydependenciesMap().entries()].sort(([a], [b]) =>
                a < b ? -1 : a > b ? 1 : 0,
            )) {
                const urns = [...new Set((deps.getUrnsList() as string[]).map(synthUrnOf))].sort();
                if (urns.length > 0) {
                    propertyDependencies[property] = urns;
                }
            }
            resource.propertyDependencies = propertyDependencies;
        }
    };
}

async function resolveExports(program: Record<string, unknown>): Promise<Record<string, unknown>> {
    const entries = Object.entries(program).filter(([key]) => key !== "__esModule");
    const values = await Promise.all(
        entries.map(([, value]) => new Promise((resolve) => (pulumi.output(value) as pulumi.Output<unknown>).apply(resolve))),
    );
    return Object.fromEntries(entries.map(([key], i) => [key, values[i]]));
}
