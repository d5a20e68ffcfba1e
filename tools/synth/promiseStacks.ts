/**
 * Pulumi records `new Error().stack` on every promise it makes (runtime/debuggable.js) and reads it
 * only when PULUMI_DEBUG_PROMISE_LEAKS is set, to print leaked promises. Under ts-node each of those
 * stacks is source-mapped frame by frame: about half of the CPU time of running a program. Unless
 * that variable is set, those stacks are not formatted; every other stack (errors, the source
 * positions Pulumi records for resources) is formatted and mapped as before.
 */
export function skipPulumiPromiseStacks(): void {
    const format = Error.prepareStackTrace;
    if (format === undefined || process.env.PULUMI_DEBUG_PROMISE_LEAKS) {
        // Plain node (no hook) maps nothing: its formatting is left alone.
        return;
    }
    Error.prepareStackTrace = (error, frames) => (isPulumiPromiseStack(frames) ? NOT_RECORDED : format(error, frames));
}

const NOT_RECORDED = "Error: stack not recorded (set PULUMI_DEBUG_PROMISE_LEAKS=1 to record it)";

function isPulumiPromiseStack(frames: NodeJS.CallSite[]): boolean {
    const top = frames[0];
    return (
        top !== undefined &&
        top.getFunctionName() === "debuggablePromise" &&
        /[\\/]@pulumi[\\/]pulumi[\\/]runtime[\\/]debuggable\.js$/.test(top.getFileName() ?? "")
    );
}
