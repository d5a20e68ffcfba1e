/**
 * Replay's `--out <folder>`: dataset files under a local folder, at the same keys as in S3, so
 * DuckDB, pandas or Spark read the folder as a hive-partitioned dataset. Each file is written to
 * a temporary name beside it and renamed when complete: a reader never sees half a file, and a
 * second replay replaces the file instead of adding rows.
 */
import { createWriteStream, mkdirSync, renameSync, rmSync, WriteStream } from "node:fs";
import path from "node:path";
import { ByteSink, DatasetStore } from "../../lambdas/capture-forwarder/dataset/byteSink";

class LocalFile implements ByteSink {
    private stream: WriteStream | null = null;
    private readonly partial: string;

    constructor(private readonly file: string) {
        this.partial = `${file}.partial`;
    }

    write(bytes: Uint8Array): Promise<void> {
        if (this.stream === null) {
            mkdirSync(path.dirname(this.file), { recursive: true });
            this.stream = createWriteStream(this.partial);
        }
        const stream = this.stream;
        return new Promise((resolve, reject) => stream.write(bytes, (error) => (error ? reject(error) : resolve())));
    }

    async finish(): Promise<void> {
        if (this.stream === null) await this.write(new Uint8Array(0));
        const stream = this.stream as WriteStream;
        await new Promise<void>((resolve, reject) => stream.end((error?: Error | null) => (error ? reject(error) : resolve())));
        renameSync(this.partial, this.file);
    }

    async abort(): Promise<void> {
        this.stream?.destroy();
        rmSync(this.partial, { force: true });
    }
}

export class FolderDatasetStore implements DatasetStore {
    readonly location: string;

    constructor(folder: string) {
        this.location = path.resolve(folder);
    }

    open(key: string): ByteSink {
        return new LocalFile(path.join(this.location, ...key.split("/")));
    }
}
