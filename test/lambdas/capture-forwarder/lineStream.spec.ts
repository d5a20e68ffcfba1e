import assert from "node:assert/strict";
import { readLineBatches } from "../../../lambdas/capture-forwarder/lineStream";
import { pieces } from "./support";

async function collect(source: AsyncIterable<Uint8Array>): Promise<Array<[number, string]>> {
    const out: Array<[number, string]> = [];
    for await (const batch of readLineBatches(source)) {
        batch.lines.forEach((line, i) => out.push([batch.firstLineNumber + i, line.toString("utf8")]));
    }
    return out;
}

describe("capture-forwarder lineStream", () => {
    it("numbers lines across reads and keeps a last line without newline", async () => {
        assert.deepStrictEqual(await collect(pieces("a\nb", "c\n\nd", "e")), [
            [1, "a"],
            [2, "bc"],
            [3, ""],
            [4, "de"],
        ]);
    });

    it("yields nothing for an empty object and one empty line for a lone newline", async () => {
        assert.deepStrictEqual(await collect(pieces()), []);
        assert.deepStrictEqual(await collect(pieces("\n")), [[1, ""]]);
    });

    it("keeps a multi-byte character split across two reads intact", async () => {
        const text = Buffer.from("x€y\n");
        // '€' is 3 bytes (e2 82 ac); split inside it.
        assert.deepStrictEqual(await collect(pieces(text.subarray(0, 2), text.subarray(2, 3), text.subarray(3))), [[1, "x€y"]]);
    });

    it("assembles a 20 MiB line from 64 KiB reads into one exact line", async () => {
        const size = 20 * 1024 * 1024;
        const big = Buffer.alloc(size, 0x61);
        big[0] = 0x7b;
        big[size - 1] = 0x7d;
        async function* reads(): AsyncGenerator<Uint8Array> {
            yield Buffer.from("first\n");
            for (let offset = 0; offset < size; offset += 65536) yield big.subarray(offset, Math.min(size, offset + 65536));
            yield Buffer.from("\nlast\n");
        }
        const lines: Array<[number, number, Buffer]> = [];
        for await (const batch of readLineBatches(reads())) {
            batch.lines.forEach((line, i) => lines.push([batch.firstLineNumber + i, line.length, line]));
        }
        assert.deepStrictEqual(
            lines.map(([n, len]) => [n, len]),
            [
                [1, 5],
                [2, size],
                [3, 4],
            ],
        );
        assert.ok(lines[1][2].equals(big));
    });
});
