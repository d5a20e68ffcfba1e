import * as pulumi from "@pulumi/pulumi";
import { awsContext } from "../core/awsContext";
import { withComponentTag } from "../core/tags";
import { CaptureDatasetArgs, DatasetDestination } from "./captureDatasetArgs";
import { declareAthenaWorkgroup, declareConnectorRoles, declareDatasetCatalog } from "./declareDatasetResources";
import { validateCaptureDatasetArgs } from "./validateCaptureDatasetArgs";

export type { CaptureDatasetArgs, DatasetConnectorArgs, DatasetDestination } from "./captureDatasetArgs";

const CAPTURE_DATASET_TYPE = "sagemaker-monitoring:storage:CaptureDataset";

/**
 * The capture dataset's catalog and access: normalized, partitioned Parquet files that forwarders
 * write under a prefix of the capture bucket, made queryable by Athena and readable by pull-based
 * monitoring platforms (docs/components/dataset.md).
 *
 * Declares a Glue database, one external Parquet table per endpoint (its columns from the
 * endpoint's feature schema, partitions `dt` and `hour` by partition projection: no crawler), an
 * optional Athena workgroup with SSE-KMS results, and one read-only IAM role per connector
 * (assumed by its principal with its external ID; list, get and decrypt under the dataset prefix
 * only). The files' storage (prefix, lifecycle) is the CaptureBucket's; pass `destination()` as a
 * CaptureForwarder's `dataset` so it writes them. Arguments: {@link CaptureDatasetArgs}.
 */
export class CaptureDataset extends pulumi.ComponentResource {
    public readonly databaseName: pulumi.Output<string>;
    /** Endpoint name -> Glue table name. */
    public readonly tableNames: pulumi.Output<Record<string, string>>;
    /** Connector name -> the ARN of its read-only role, to give the platform. */
    public readonly connectorRoleArns: pulumi.Output<Record<string, string>>;
    /** The Athena workgroup's name; undefined without one. */
    public readonly workgroupName: pulumi.Output<string | undefined>;
    private readonly args: CaptureDatasetArgs;

    constructor(name: string, args: CaptureDatasetArgs, opts?: pulumi.ComponentResourceOptions) {
        validateCaptureDatasetArgs(name, args);
        super(CAPTURE_DATASET_TYPE, name, {}, opts);
        this.args = args;
        const tagged = { ...args, tags: withComponentTag(args.tags ?? {}, "capture-dataset") };
        const catalog = declareDatasetCatalog(this, name, tagged);
        const roles = declareConnectorRoles(this, name, tagged, awsContext(this, opts));
        const workgroup = declareAthenaWorkgroup(this, name, tagged);

        this.databaseName = catalog.database.name;
        this.tableNames = pulumi.output(Object.fromEntries(Object.entries(catalog.tables).map(([endpoint, t]) => [endpoint, t.name])));
        this.connectorRoleArns = pulumi.output(Object.fromEntries(Object.entries(roles).map(([connector, r]) => [connector, r.arn])));
        this.workgroupName = workgroup === undefined ? pulumi.output(undefined) : workgroup.name;
        this.registerOutputs({
            databaseName: this.databaseName,
            tableNames: this.tableNames,
            connectorRoleArns: this.connectorRoleArns,
            workgroupName: this.workgroupName,
        });
    }

    /** The `dataset` argument of a CaptureForwarder that writes this dataset. */
    destination(): DatasetDestination {
        const { storage, endpoints } = this.args;
        return { bucketName: storage.bucketName, kmsKeyArn: storage.kmsKeyArn, prefix: storage.prefix, schemas: { ...endpoints } };
    }
}
