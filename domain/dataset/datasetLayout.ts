/**
 * Where dataset files go: `<prefix>/<endpoint>/dt=YYYY-MM-DD/hour=HH/<variant>-<file>-<etag>.parquet`.
 * One capture object gives one file whose name comes from the object's key and ETag, so a
 * redelivered event overwrites the same file and never duplicates rows. The partition is the hour
 * in the capture key (the hour SageMaker opened the file, UTC), so one object is one partition.
 */

/** The dataset's folder for one endpoint: the Glue table's location. */
export function endpointDatasetPrefix(prefix: string, endpoint: string): string {
    return prefix === "" ? endpoint : `${prefix}/${endpoint}`;
}

export interface DatasetObject {
    /** Dataset prefix, no leading or trailing slash; empty for the bucket root. */
    prefix: string;
    endpoint: string;
    variant: string;
    /** The capture key's hour, ISO 8601 UTC (e.g. from captureKey.ts's capturedAt). */
    capturedAt: string;
    /** Capture file name without `.jsonl` or `.jsonl.gz`. */
    fileName: string;
    /** The capture object's ETag, quotes allowed (they are removed). */
    etag: string;
}

/** Object key of the Parquet file written for one capture object. */
export function datasetObjectKey(object: DatasetObject): string {
    const dt = object.capturedAt.slice(0, 10);
    const hour = object.capturedAt.slice(11, 13);
    const etag = object.etag.replace(/"/g, "").replace(/[^A-Za-z0-9-]/g, "_");
    return `${endpointDatasetPrefix(object.prefix, object.endpoint)}/dt=${dt}/hour=${hour}/${object.variant}-${object.fileName}-${etag}.parquet`;
}

/**
 * Athena partition projection for one endpoint's table, so new partitions are queryable with no
 * crawler. `dt` reaches back as far as the dataset's lifecycle keeps files.
 */
export function partitionProjection(location: string, expirationDays: number): Record<string, string> {
    return {
        "projection.enabled": "true",
        "projection.dt.type": "date",
        "projection.dt.format": "yyyy-MM-dd",
        "projection.dt.range": `NOW-${expirationDays}DAYS,NOW`,
        "projection.dt.interval": "1",
        "projection.dt.interval.unit": "DAYS",
        "projection.hour.type": "integer",
        "projection.hour.range": "0,23",
        "projection.hour.digits": "2",
        "storage.location.template": `${location.replace(/\/$/, "")}/dt=\${dt}/hour=\${hour}/`,
    };
}

/** Glue's names for databases and tables: lower case letters, digits and underscores, 1-255 characters. */
export const GLUE_NAME_PATTERN = /^[a-z0-9_]{1,255}$/;

/** A Glue table name for an endpoint's dataset: its name with hyphens as underscores, lower case. */
export function datasetTableName(endpoint: string): string {
    return endpoint.toLowerCase().replace(/-/g, "_");
}
