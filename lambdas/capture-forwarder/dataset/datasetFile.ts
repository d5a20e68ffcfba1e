/**
 * The dataset file of one capture object: its key (datasetObjectKey: the capture key's hour and
 * file name, and the object's ETag), its rows, and what did not fit the endpoint's schema. A record
 * is written whole or refused whole: when one of its inferences does not fit, none of them is
 * written, and the record is dead-lettered by line like any refused record.
 */
import { datasetObjectKey } from "../../../domain/dataset/datasetLayout";
import { FeatureSchema } from "../../../domain/dataset/featureSchema";
import { NormalizedInference } from "../normalize";
import { DatasetStore } from "./byteSink";
import { RowBuilder, RowValue } from "./datasetRow";
import { DEFAULT_ROW_GROUP_LIMITS, ParquetStream, RowGroupLimits } from "./parquetStream";

/** Where and how the forwarder writes the dataset. */
export interface DatasetTarget {
    store: DatasetStore;
    /** Key prefix, no leading or trailing slash; empty for the bucket root. */
    prefix: string;
    /** Feature schema per endpoint (dataset-schemas.json); an endpoint absent has raw `input`/`output` strings. */
    schemas: Readonly<Record<string, FeatureSchema>>;
    /** @default DEFAULT_ROW_GROUP_LIMITS */
    rowGroupLimits?: RowGroupLimits;
}

export interface DatasetSource {
    endpoint: string;
    variant: string;
    /** Capture file name without `.jsonl` or `.jsonl.gz`. */
    name: string;
    etag: string | null;
    versionId: string | null;
    /** The capture key's hour (captureKey.ts capturedAt). */
    capturedAt: string;
}

/** What the dataset path did with one object (added to the summary line when a dataset is configured). */
export interface DatasetCounts {
    /** Parquet files written (one per capture object). */
    datasetFiles: number;
    /** Rows in them: one per inference. */
    datasetRows: number;
    /** Inferences in records that did not fit the endpoint's feature schema (dead-lettered). */
    datasetRowsRefused: number;
}

export function emptyDatasetCounts(): DatasetCounts {
    return { datasetFiles: 0, datasetRows: 0, datasetRowsRefused: 0 };
}

export function addDatasetCounts(total: DatasetCounts, more: DatasetCounts): void {
    for (const field of Object.keys(total) as Array<keyof DatasetCounts>) total[field] += more[field];
}

export type AddResult = { refused: string; pending?: undefined } | { refused: null; pending: Promise<void> | undefined };

export class DatasetFile {
    readonly key: string;
    readonly counts = emptyDatasetCounts();
    private readonly rows: RowBuilder;
    private readonly stream: ParquetStream;

    constructor(source: DatasetSource, target: DatasetTarget) {
        this.key = datasetObjectKey({
            prefix: target.prefix,
            endpoint: source.endpoint,
            variant: source.variant,
            capturedAt: source.capturedAt,
            fileName: source.name,
            // Without an ETag (an event that lacks it) the version names the content; both are absent only in tests.
            etag: source.etag ?? source.versionId ?? "unknown",
        });
        this.rows = new RowBuilder(target.schemas[source.endpoint] ?? {});
        this.stream = new ParquetStream(this.rows.columns, target.store.open(this.key), target.rowGroupLimits ?? DEFAULT_ROW_GROUP_LIMITS);
    }

    /** Adds one record's inferences, or refuses them all with the reason. */
    add(inferences: NormalizedInference[]): AddResult {
        const rows: RowValue[][] = [];
        for (const inference of inferences) {
            const result = this.rows.row(inference);
            if (!result.ok) {
                this.counts.datasetRowsRefused += inferences.length;
                return { refused: result.reason };
            }
            rows.push(result.row);
        }
        let pending: Promise<void> | undefined;
        for (const row of rows) {
            const flushed = this.stream.add(row);
            // Row groups are written in order, so the last one pending covers the others.
            if (flushed) pending = flushed;
        }
        this.counts.datasetRows += rows.length;
        return { refused: null, pending };
    }

    /** Writes the rest and completes the file (an object with no row that fits gives a file of no rows). */
    async finish(): Promise<void> {
        await this.stream.finish();
        this.counts.datasetFiles++;
    }

    /** Stops without a file: a multipart upload already begun is aborted. */
    abort(): Promise<void> {
        return this.stream.abort();
    }
}
