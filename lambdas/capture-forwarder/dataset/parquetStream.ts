/**
 * A Parquet file written as rows arrive, with hyparquet-writer (pure JavaScript; the choice is in
 * lambdas/capture-forwarder/README.md, "Dataset"). Rows are buffered by column and written as a
 * row group every ROW_GROUP_ROWS rows or ROW_GROUP_BYTES of text, whichever comes first; each row
 * group's bytes go to the ByteSink at once. Memory therefore holds one row group, never the
 * object's rows.
 */
import type { SchemaElement } from "hyparquet";
import { ByteWriter, ParquetWriter } from "hyparquet-writer";
import { ColumnType, DatasetColumn } from "../../../domain/dataset/datasetColumns";
import { ByteSink } from "./byteSink";
import { RowValue } from "./datasetRow";

/** Row group limits. @default { rows: 10000, bytes: 8 MiB } */
export interface RowGroupLimits {
    rows: number;
    bytes: number;
}

/** Small enough that one row group's cells, encoded pages and compressed bytes stay well under the Lambda's memory (docs/benchmarks.md). */
export const DEFAULT_ROW_GROUP_LIMITS: RowGroupLimits = { rows: 10_000, bytes: 8 * 1024 * 1024 };

/** Every column is nullable: a side that was not captured, an empty CSV field, no InferenceId. */
const PARQUET_TYPES: Record<ColumnType, Omit<SchemaElement, "name">> = {
    string: { type: "BYTE_ARRAY", converted_type: "UTF8", repetition_type: "OPTIONAL" },
    integer: { type: "INT64", repetition_type: "OPTIONAL" },
    double: { type: "DOUBLE", repetition_type: "OPTIONAL" },
    boolean: { type: "BOOLEAN", repetition_type: "OPTIONAL" },
    // TIMESTAMP_MILLIS is UTC by definition, and every engine reads it (Athena, Spark, DuckDB, pandas).
    timestamp: { type: "INT64", converted_type: "TIMESTAMP_MILLIS", repetition_type: "OPTIONAL" },
};

/** IDs: a new value in nearly every row, so written PLAIN (no dictionary attempt) and without min/max statistics. */
const ID_COLUMNS = new Set(["partner_inference_id", "event_id", "inference_id"]);
/**
 * Raw payloads: no min/max statistics (comparing every long string costs more than a reader gains);
 * a dictionary only when hyparquet-writer's sample says it halves the size (repeated payloads).
 * The other columns (endpoint, variant, inference_time, custom_attributes, features) keep its
 * defaults: a dictionary when it pays, statistics for predicate pushdown.
 */
const RAW_COLUMNS = new Set(["input", "output"]);

function columnOptions(name: string): { encoding?: "PLAIN"; statistics?: false } {
    if (ID_COLUMNS.has(name)) return { encoding: "PLAIN", statistics: false };
    return RAW_COLUMNS.has(name) ? { statistics: false } : {};
}

/**
 * A PLAIN string column's cells as UTF-8 bytes, encoded in one call per row group: hyparquet-writer
 * would encode each cell with its own TextEncoder call and buffer (the IDs' main cost after Snappy).
 * The bytes written are the same. Cells that are not all ASCII are left to the writer (their byte
 * offsets are not their character offsets).
 */
function utf8Cells(cells: RowValue[]): RowValue[] | Array<Uint8Array | null> {
    const text = cells.join("");
    const bytes = Buffer.from(text, "utf8");
    if (bytes.length !== text.length) return cells;
    const out = new Array<Uint8Array | null>(cells.length);
    let offset = 0;
    for (let i = 0; i < cells.length; i++) {
        const cell = cells[i] as string | null;
        if (cell === null) {
            out[i] = null;
            continue;
        }
        out[i] = new Uint8Array(bytes.buffer, bytes.byteOffset + offset, cell.length);
        offset += cell.length;
    }
    return out;
}

/** The Parquet schema of the columns (the root, then one element per column). */
function parquetSchema(columns: DatasetColumn[]): SchemaElement[] {
    return [{ name: "root", num_children: columns.length }, ...columns.map((c) => ({ name: c.name, ...PARQUET_TYPES[c.type] }))];
}

/** A ByteWriter that hands its bytes to `out` after every row group (ParquetWriter awaits flush). */
function drainingWriter(out: ByteSink): ByteWriter {
    const writer = new ByteWriter(1 << 16);
    const drain = (): Promise<void> => {
        if (writer.index === 0) return Promise.resolve();
        const bytes = new Uint8Array(writer.buffer.slice(0, writer.index));
        writer.index = 0;
        return out.write(bytes);
    };
    Object.assign(writer, { flush: drain, finish: drain });
    return writer;
}

export class ParquetStream {
    private cells: RowValue[][];
    private readonly options: Array<ReturnType<typeof columnOptions>>;
    private readonly writer: ParquetWriter;
    private rows = 0;
    private bytes = 0;
    /** The row group being written, if any. */
    private writing: Promise<void> = Promise.resolve();
    /** Rows written to the file so far. */
    written = 0;

    constructor(
        private readonly columns: DatasetColumn[],
        private readonly out: ByteSink,
        private readonly limits: RowGroupLimits = DEFAULT_ROW_GROUP_LIMITS,
    ) {
        this.cells = columns.map(() => []);
        this.options = columns.map((c) => columnOptions(c.name));
        this.writer = new ParquetWriter({ writer: drainingWriter(out), schema: parquetSchema(columns), createdBy: "sagemaker-monitoring" });
    }

    /** Adds a row; returns a promise only when the row completed a row group (the common row stays synchronous). */
    add(row: RowValue[]): Promise<void> | undefined {
        for (let i = 0; i < row.length; i++) {
            const cell = row[i];
            this.cells[i].push(cell);
            if (typeof cell === "string") this.bytes += cell.length;
        }
        this.rows++;
        return this.rows >= this.limits.rows || this.bytes >= this.limits.bytes ? this.writeRowGroup() : undefined;
    }

    /** Writes the open row group and the footer, then completes the sink. */
    async finish(): Promise<void> {
        await this.writeRowGroup();
        await this.writer.finish();
        await this.out.finish();
    }

    /** Gives up: the sink leaves nothing behind. */
    abort(): Promise<void> {
        this.cells = this.columns.map(() => []);
        return this.out.abort();
    }

    /**
     * Cuts the buffered rows into a row group at once (so rows added meanwhile start the next one)
     * and writes it after any row group still being written: one at a time, in order.
     */
    private writeRowGroup(): Promise<void> {
        if (this.rows === 0) return this.writing;
        const columnData = this.columns.map((c, i) => {
            const options = this.options[i];
            // Only PLAIN columns: a dictionary would hash bytes in JavaScript, where strings hash natively.
            const data = options.encoding === "PLAIN" ? utf8Cells(this.cells[i]) : this.cells[i];
            return { name: c.name, data, ...options };
        });
        const rows = this.rows;
        this.cells = this.columns.map(() => []);
        this.rows = 0;
        this.bytes = 0;
        // One write() call, one row group; write() hands the bytes to the sink (flush) and awaits it.
        this.writing = this.writing.then(async () => {
            await this.writer.write({ columnData, rowGroupSize: rows });
            this.written += rows;
        });
        return this.writing;
    }
}
