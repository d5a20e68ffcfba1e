import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { AwsContext } from "../core/awsContext";
import { datasetTableName } from "../../domain/dataset/datasetLayout";
import { namePrefix, PREFIX_LIMITS } from "../core/physicalNamePrefix";
import { CaptureDatasetArgs, DatasetConnectorArgs } from "./captureDatasetArgs";
import {
    buildConnectorPolicy,
    buildConnectorTrustPolicy,
    buildDatasetTableInputs,
    buildWorkgroupConfiguration,
    connectorTags,
} from "./datasetDocuments";

/** The Glue database and one table per endpoint, named after the endpoint. */
export function declareDatasetCatalog(
    parent: pulumi.ComponentResource,
    name: string,
    args: CaptureDatasetArgs,
): { database: aws.glue.CatalogDatabase; tables: Record<string, aws.glue.CatalogTable> } {
    const database = new aws.glue.CatalogDatabase(
        `${name}-database`,
        {
            name: args.databaseName,
            description: "Capture datasets of SageMaker endpoints: normalized, partitioned Parquet (sagemaker-monitoring)",
            tags: args.tags,
        },
        { parent },
    );
    const tables: Record<string, aws.glue.CatalogTable> = {};
    for (const endpoint of Object.keys(args.endpoints).sort()) {
        const inputs = pulumi.output(args.storage.bucketName).apply((bucketName) =>
            buildDatasetTableInputs({
                databaseName: args.databaseName,
                endpoint,
                schema: args.endpoints[endpoint],
                bucketName,
                prefix: args.storage.prefix,
                expirationDays: args.storage.expirationDays,
            }),
        );
        tables[endpoint] = new aws.glue.CatalogTable(
            `${name}-${endpoint}-table`,
            {
                // Known before the bucket is: a new stack's preview shows the table's name.
                name: datasetTableName(endpoint),
                databaseName: database.name,
                description: inputs.description,
                tableType: inputs.tableType,
                parameters: inputs.parameters,
                partitionKeys: inputs.partitionKeys,
                storageDescriptor: inputs.storageDescriptor,
            },
            { parent },
        );
    }
    return { database, tables };
}

/** One read-only role per connector, with its inline policy; no managed policy. */
export function declareConnectorRoles(
    parent: pulumi.ComponentResource,
    name: string,
    args: CaptureDatasetArgs,
    context: pulumi.Output<AwsContext>,
): Record<string, aws.iam.Role> {
    const roles: Record<string, aws.iam.Role> = {};
    for (const connector of args.connectors ?? []) {
        roles[connector.name] = declareConnectorRole(parent, name, args, connector, context);
    }
    return roles;
}

function declareConnectorRole(
    parent: pulumi.ComponentResource,
    name: string,
    args: CaptureDatasetArgs,
    connector: DatasetConnectorArgs,
    context: pulumi.Output<AwsContext>,
): aws.iam.Role {
    const role = new aws.iam.Role(
        `${name}-${connector.name}-connector`,
        {
            namePrefix: namePrefix(`${name}-${connector.name}`, PREFIX_LIMITS.iamRole),
            description: `Read-only access of connector ${connector.name} to the capture dataset under ${args.storage.prefix}/`,
            assumeRolePolicy: JSON.stringify(buildConnectorTrustPolicy(connector.principalArn, connector.externalId)),
            tags: connectorTags(args.tags ?? {}),
        },
        { parent },
    );
    new aws.iam.RolePolicy(
        `${name}-${connector.name}-connector-policy`,
        {
            role: role.name,
            policy: pulumi
                .output({ context, bucketName: args.storage.bucketName, kmsKeyArn: args.storage.kmsKeyArn })
                .apply(({ context: c, bucketName, kmsKeyArn }) =>
                    JSON.stringify(
                        buildConnectorPolicy({
                            partition: c.partition,
                            region: c.region,
                            bucketName,
                            prefix: args.storage.prefix,
                            kmsKeyArn,
                            listBucketRoot: connector.listBucketRoot,
                        }),
                    ),
                ),
        },
        { parent },
    );
    return role;
}

/** The optional Athena workgroup: encrypted results, its settings enforced on every query. */
export function declareAthenaWorkgroup(
    parent: pulumi.ComponentResource,
    name: string,
    args: CaptureDatasetArgs,
): aws.athena.Workgroup | undefined {
    const workgroup = args.athenaWorkgroup;
    if (workgroup === undefined) {
        return undefined;
    }
    return new aws.athena.Workgroup(
        `${name}-workgroup`,
        {
            name: workgroup.name,
            description: `Queries the capture dataset in Glue database ${args.databaseName} (sagemaker-monitoring)`,
            state: "ENABLED",
            configuration: pulumi
                .output({ bucketName: args.storage.bucketName, kmsKeyArn: args.storage.kmsKeyArn })
                .apply(({ bucketName, kmsKeyArn }) =>
                    buildWorkgroupConfiguration(bucketName, args.storage.queryResultsPrefix, workgroup.name, kmsKeyArn),
                ),
            tags: args.tags,
        },
        { parent },
    );
}
