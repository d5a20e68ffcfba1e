import * as assert from "assert";
import * as fs from "fs";
import * as pulumi from "@pulumi/pulumi";
import { lightenPulumiStacks } from "../../tools/synth/pulumiStacks";

/** Where Pulumi records a resource's stack (private in its typings): its frames, parsed. */
const resourceClass = pulumi.Resource as unknown as { callsites(): { file?: string; line?: number; column?: number }[] };

// Internal to @pulumi/pulumi (no typings): the function whose stacks are skipped.
const { debuggablePromise } = require("@pulumi/pulumi/runtime/debuggable");

/** Type-only lines, erased by the transpiler, so a stack that is not source-mapped shows other line numbers. */
interface Shifted {
    a: string;
    b: string;
    c: string;
}

describe("lightenPulumiStacks (installed by .mocharc.json over ts-node's source maps)", () => {
    it("does not format the stack Pulumi records on each promise", () => {
        const promise: Promise<number> & { _debugStackTrace?: string } = Promise.resolve(1);
        debuggablePromise(promise, "test");
        assert.strictEqual(promise._debugStackTrace, "Error: stack not recorded (set PULUMI_DEBUG_PROMISE_LEAKS=1 to record it)");
    });

    it("formats the stack Pulumi records on each resource without source maps: the same frames, positions in the transpiled code", () => {
        const shifted: Shifted = { a: "a", b: "b", c: "c" };
        const frames = resourceClass.callsites();
        const sourceLine =
            fs
                .readFileSync(__filename, "utf8")
                .split("\n")
                .findIndex((text) => text.includes("const frames = resourceClass.callsites()")) + 1;
        const here = frames.find((frame) => frame.file === __filename);
        assert.strictEqual(shifted.a, "a");
        assert.ok(here !== undefined && Number.isInteger(here.line) && Number.isInteger(here.column), JSON.stringify(frames.slice(0, 3)));
        // Mapped, it would be the source line; the erased interface above moves the transpiled one.
        assert.notStrictEqual(here.line, sourceLine);
    });

    it("still formats and source-maps every other stack", () => {
        const shifted: Shifted = { a: "a", b: "b", c: "c" };
        const stack = new Error(`mapped ${shifted.a}`).stack!.split("\n");
        const line =
            fs
                .readFileSync(__filename, "utf8")
                .split("\n")
                .findIndex((text) => text.includes("new Error(`mapped")) + 1;
        assert.strictEqual(stack[0], "Error: mapped a");
        assert.match(stack[1], new RegExp(`\\(${__filename.replace(/[.\\/]/g, "\\$&")}:${line}:\\d+\\)$`));
    });

    it("installs nothing when PULUMI_DEBUG_PROMISE_LEAKS asks Pulumi to print those stacks", () => {
        const installed = Error.prepareStackTrace;
        process.env.PULUMI_DEBUG_PROMISE_LEAKS = "1";
        try {
            lightenPulumiStacks();
            assert.strictEqual(Error.prepareStackTrace, installed);
        } finally {
            delete process.env.PULUMI_DEBUG_PROMISE_LEAKS;
        }
    });

    it("installs nothing under plain node, where no hook maps stacks", () => {
        const hook = Error as { prepareStackTrace?: unknown };
        const installed = hook.prepareStackTrace;
        hook.prepareStackTrace = undefined;
        try {
            lightenPulumiStacks();
            assert.strictEqual(hook.prepareStackTrace, undefined);
        } finally {
            hook.prepareStackTrace = installed;
        }
    });
});
