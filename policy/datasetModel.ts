/**
 * The dataset as the stack declares it: its Glue tables, each table's S3 location, and the
 * dataset roots. A table's location is one endpoint's folder, `<prefix>/<endpoint>/`
 * (domain/dataset/datasetLayout.ts), so the dataset root is the folder above it, `<prefix>/`.
 * Shared by dataset-encrypted and dataset-connector-read-only.
 */
import { parseS3Uri, s3Uri } from "../domain/validationRules";
import { objectOf } from "../domain/values";
import { DatasetRoot } from "../domain/dataset/connectorPolicyRules";
import { UnknownValueError } from "./policySdkInternals";
import { knownString } from "./previewSafe";
import { TYPES } from "./resourceTypes";
import { resourcesOfType, StackResource } from "./stackModel";

/** A bucket and a key prefix (no leading slash; "" for the whole bucket). */
interface S3Location {
    readonly bucket: string;
    readonly key: string;
}

export interface DatasetTable {
    readonly resource: StackResource;
    /** `Glue table "db.table"` when the names are known, else `Glue table resource "<logical name>"`: for messages. */
    readonly label: string;
    /**
     * storageDescriptor.location, when it is an s3:// URI (undefined when absent or another
     * scheme). Throws UnknownValueError while the location is unknown during preview.
     */
    location(): S3Location | undefined;
}

/** `s3://bucket/a/b/` -> { bucket, key: "a/b/" }. */
function s3LocationOf(uri: string): S3Location | undefined {
    return s3Uri(uri) === undefined ? parseS3Uri(uri) : undefined;
}

export function datasetTablesOf(resources: readonly StackResource[]): DatasetTable[] {
    return resourcesOfType(resources, [TYPES.glueCatalogTable]).map((resource) => {
        const database = knownString(resource.props, "databaseName");
        const table = knownString(resource.props, "name");
        return {
            resource,
            label:
                database !== undefined && table !== undefined
                    ? `Glue table "${database}.${table}"`
                    : `Glue table resource "${resource.name}"`,
            location: () => {
                // Through the engine's proxy: an unknown location throws.
                const location: unknown = objectOf(resource.props.storageDescriptor)?.location;
                return typeof location === "string" ? s3LocationOf(location) : undefined;
            },
        };
    });
}

/** The folder above a table's location: `a/b/` -> `a/`, `b/` -> "" (the bucket root). */
function datasetRootOf(location: S3Location): DatasetRoot {
    const segments = location.key.split("/").filter((segment) => segment !== "");
    const parent = segments.slice(0, -1).join("/");
    return { bucket: location.bucket, key: parent === "" ? "" : `${parent}/` };
}

/**
 * The dataset roots of the known table locations, and the first preview-time unknown met (a
 * table whose location is unknown may add a root).
 */
export function datasetRoots(tables: readonly DatasetTable[]): { roots: DatasetRoot[]; unknown: unknown } {
    const roots: DatasetRoot[] = [];
    let unknown: unknown;
    for (const table of tables) {
        try {
            const location = table.location();
            if (location !== undefined) {
                roots.push(datasetRootOf(location));
            }
        } catch (e) {
            if (!(e instanceof UnknownValueError)) {
                throw e;
            }
            unknown ??= e;
        }
    }
    return { roots, unknown };
}
