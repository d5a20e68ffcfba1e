/**
 * Two stacks Pulumi records on every promise and every resource, which under ts-node are
 * source-mapped frame by frame, cost most of the CPU of running a program offline:
 * - the stack of each promise (runtime/debuggable.js), read only when PULUMI_DEBUG_PROMISE_LEAKS is
 *   set to print leaked promises: not formatted at all unless that variable is set;
 * - the stack of each resource (`Resource.callsites`, resource.js), parsed into the resource's source
 *   position for the engine, which the offline synth and the specs' mocks never read: formatted as
 *   plain node would, without source maps (positions in the transpiled code, same shape, same parse).
 * Every other stack (errors above all) is formatted and source-mapped as before. Installed by the
 * synth (tools/synth.ts), bench:synth's children and mocha (.mocharc.json); never by the program
 * `pulumi up` runs.
 */
export function lightenPulumiStacks(): void {
    const format = Error.prepareStackTrace;
    if (format === undefined || process.env.PULUMI_DEBUG_PROMISE_LEAKS) {
        // Plain node (no hook) maps nothing: its formatting is left alone.
        return;
    }
    Error.prepareStackTrace = (error, frames) => {
        if (isPulumiFrame(frames[0], "debuggablePromise", DEBUGGABLE_MODULE)) {
            return NOT_RECORDED;
        }
        if (isPulumiFrame(frames[0], "callsites", RESOURCE_MODULE)) {
            return [String(error), ...frames.map((frame) => `    at ${frame}`)].join("\n");
        }
        return format(error, frames);
    };
}

const NOT_RECORDED = "Error: stack not recorded (set PULUMI_DEBUG_PROMISE_LEAKS=1 to record it)";

// Compiled once: the hook runs for every stack formatted, one per promise and per resource.
const DEBUGGABLE_MODULE = /[\\/]@pulumi[\\/]pulumi[\\/]runtime[\\/]debuggable\.js$/;
const RESOURCE_MODULE = /[\\/]@pulumi[\\/]pulumi[\\/]resource\.js$/;

/** Whether a stack's top frame is `functionName` in the @pulumi/pulumi module `file` matches. */
function isPulumiFrame(top: NodeJS.CallSite | undefined, functionName: string, file: RegExp): boolean {
    return top !== undefined && top.getFunctionName() === functionName && file.test(top.getFileName() ?? "");
}
