import * as pulumi from "@pulumi/pulumi";

// Why these exist: the engine keeps about ten promises per Output until the deployment ends, and
// `pulumi.output`/`pulumi.all` copy every Output they are given twice (a copy and an apply) before
// wrapping the whole. Per endpoint that was about a fifth more Outputs than its resources have
// (docs/benchmarks.md, `npm run bench:synth`). Values, secrecy, unknowns and dependencies are the same:
// in a preview, where a chain would stop at the first unknown input and miss the secrecy and the
// resources of the inputs after it, applyAll is `pulumi.output(record).apply(f)` itself.

/** A string Input as an Output: an Output is returned as it is, where `pulumi.output` would copy it. */
export function asOutput(value: pulumi.Input<string>): pulumi.Output<string> {
    return pulumi.Output.isInstance(value) ? (value as pulumi.Output<string>) : pulumi.output(value);
}

/** Whether `pulumi.output` would have something to wait for in a value: an Output or a promise, at any depth. */
function holdsOutputs(value: unknown): boolean {
    if (pulumi.Output.isInstance(value) || value instanceof Promise) {
        return true;
    }
    if (Array.isArray(value)) {
        return value.some(holdsOutputs);
    }
    return typeof value === "object" && value !== null && !pulumi.Resource.isInstance(value) && Object.values(value).some(holdsOutputs);
}

/**
 * `pulumi.output(record).apply(f)` with one Output per Output in the record instead of about three:
 * one apply chained per Output-valued key. A key whose value only holds Outputs (an array of them)
 * goes through `pulumi.output` as before. `f` sees the keys in the record's order.
 */
export function applyAll<T extends Record<string, unknown>, U>(record: T, f: (resolved: pulumi.Unwrap<T>) => U): pulumi.Output<U> {
    const keys = Object.keys(record);
    const pending = keys.flatMap((key): [string, pulumi.Output<unknown>][] => {
        const value = record[key];
        return pulumi.Output.isInstance(value) ? [[key, value]] : holdsOutputs(value) ? [[key, pulumi.output(value)]] : [];
    });
    if (pending.length === 0 || pulumi.runtime.isDryRun()) {
        return pulumi.output(record).apply((resolved) => f(resolved as pulumi.Unwrap<T>));
    }
    const finish = (resolved: Record<string, unknown>) =>
        f(Object.fromEntries(keys.map((key) => [key, key in resolved ? resolved[key] : record[key]])) as pulumi.Unwrap<T>);
    // An apply whose function returns an Output is lifted: it resolves to that Output's value,
    // with its resources and secrecy.
    const step = (i: number, resolved: Record<string, unknown>): pulumi.Output<U> =>
        pending[i][1].apply((value): pulumi.Input<U> => {
            const next = { ...resolved, [pending[i][0]]: value };
            return i + 1 === pending.length ? finish(next) : step(i + 1, next);
        }) as pulumi.Output<U>;
    return step(0, {});
}
