/** Where a dataset file's bytes go, in order: an S3 object (s3Upload.ts) or a local file (replay). */
export interface ByteSink {
    /** Takes the next bytes; resolves when they may be reused (back-pressure). */
    write(bytes: Uint8Array): Promise<void>;
    /** All bytes were written: the file appears whole, replacing any earlier one at the same place. */
    finish(): Promise<void>;
    /** Gives up: nothing appears, and nothing is left behind (parts, temporary files). */
    abort(): Promise<void>;
}

/** Opens the file for one key of the dataset (datasetObjectKey). */
export interface DatasetStore {
    /** Where files go, for log lines (e.g. `s3://bucket` or a folder). */
    readonly location: string;
    open(key: string): ByteSink;
}
