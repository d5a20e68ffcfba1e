import { ecrRepositoryArn, parseEcrImage } from "./containerImage";
import { policyDocument, PolicyDocument, PolicyStatement, s3ObjectArn } from "../iam/policyDocument";
import { parseS3Uri } from "../../../domain/validationRules";
import { logGroupArn, sageMakerEndpointLogGroupName } from "../../../domain/cloudWatchLogs";
import { uniqueSorted } from "../../../domain/values";

/** Everything a SageMaker execution role needs, as resolved strings. */
export interface ExecutionRoleScope {
    partition: string;
    region: string;
    accountId: string;
    endpointName: string;
    /** Model artifact URLs: objects (`.tar.gz`) or prefixes ending in "/". */
    modelDataUrls: string[];
    /** Keys that encrypt model artifacts. */
    modelDataKmsKeyArns: string[];
    imageUris: string[];
    /** `s3://bucket/prefix` the endpoint writes capture files under (SageMaker appends the endpoint name). */
    captureDestinationUri: string;
    captureKmsKeyArn: string;
    /** Extra `s3://` prefixes the endpoint writes to (async output and failure paths). */
    writePrefixes: string[];
    /** Extra `s3://` prefixes the endpoint reads from (async request payloads). */
    readPrefixes: string[];
    /** Extra keys used to encrypt what it writes (async output key). */
    encryptKmsKeyArns: string[];
    /** SNS topics it publishes to (async success and error notifications). */
    publishTopicArns: string[];
    /** The endpoint's own network, resolved; undefined outside a VPC. */
    network: { subnetIds: string[]; securityGroupIds: string[]; vpcId?: string } | undefined;
}

function prefixArn(partition: string, uri: string): string {
    const { bucket, key } = parseS3Uri(uri);
    const prefix = key === "" || key.endsWith("/") ? key : `${key}/`;
    return s3ObjectArn(partition, bucket, `${prefix}*`);
}

/**
 * Least privilege for the model: read only its artifacts, write only its capture prefix, use only
 * its keys, pull only its ECR repositories, write only its own log group. `Resource: "*"` appears
 * only for actions AWS does not scope (ecr:GetAuthorizationToken, ec2:Describe*).
 */
export function buildExecutionRolePolicy(scope: ExecutionRoleScope): PolicyDocument {
    return policyDocument([
        ...storageStatements(scope),
        ...keyStatements(scope),
        ...imageStatements(scope),
        ...logStatements(scope),
        ...publishStatements(scope),
        ...(scope.network === undefined ? [] : networkStatements(scope, scope.network)),
    ]);
}

/** Read the artifacts and request payloads; write capture files and async results. */
function storageStatements(scope: ExecutionRoleScope): PolicyStatement[] {
    const p = scope.partition;
    const statements: PolicyStatement[] = [];
    const artifactArns = uniqueSorted(
        scope.modelDataUrls.map((url) => {
            const { bucket, key } = parseS3Uri(url);
            return s3ObjectArn(p, bucket, key.endsWith("/") ? `${key}*` : key);
        }),
    );
    const readArns = uniqueSorted([...artifactArns, ...scope.readPrefixes.map((uri) => prefixArn(p, uri))]);
    if (readArns.length > 0) {
        statements.push({ Sid: "ReadModelArtifacts", Effect: "Allow", Action: ["s3:GetObject"], Resource: readArns });
    }
    const writeArns = uniqueSorted([
        prefixArn(p, `${scope.captureDestinationUri}/${scope.endpointName}/`),
        ...scope.writePrefixes.map((uri) => prefixArn(p, uri)),
    ]);
    statements.push({
        Sid: "WriteCaptureAndOutputs",
        Effect: "Allow",
        Action: ["s3:AbortMultipartUpload", "s3:PutObject"],
        Resource: writeArns,
    });
    return statements;
}

/** Encrypt with the capture and output keys; decrypt the artifacts' keys. */
function keyStatements(scope: ExecutionRoleScope): PolicyStatement[] {
    const statements: PolicyStatement[] = [
        {
            Sid: "EncryptWithOwnKeys",
            Effect: "Allow",
            Action: ["kms:Decrypt", "kms:Encrypt", "kms:GenerateDataKey"],
            Resource: uniqueSorted([scope.captureKmsKeyArn, ...scope.encryptKmsKeyArns]),
        },
    ];
    if (scope.modelDataKmsKeyArns.length > 0) {
        statements.push({
            Sid: "DecryptModelArtifacts",
            Effect: "Allow",
            Action: ["kms:Decrypt"],
            Resource: uniqueSorted(scope.modelDataKmsKeyArns),
        });
    }
    return statements;
}

/** Pull the model images from their own ECR repositories. */
function imageStatements(scope: ExecutionRoleScope): PolicyStatement[] {
    const repositories = uniqueSorted(
        scope.imageUris.map((uri) => {
            const image = parseEcrImage(uri);
            if (image === undefined) {
                throw new Error(`not an ECR image URI: ${uri}`);
            }
            return ecrRepositoryArn(scope.partition, image);
        }),
    );
    return [
        {
            Sid: "PullOwnImages",
            Effect: "Allow",
            Action: ["ecr:BatchCheckLayerAvailability", "ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer"],
            Resource: repositories,
        },
        { Sid: "EcrLoginIsNotResourceScoped", Effect: "Allow", Action: ["ecr:GetAuthorizationToken"], Resource: ["*"] },
    ];
}

/** Write the endpoint's own log group. */
function logStatements(scope: ExecutionRoleScope): PolicyStatement[] {
    const logGroup = logGroupArn(scope.partition, scope.region, scope.accountId, sageMakerEndpointLogGroupName(scope.endpointName));
    return [
        { Sid: "CreateOwnLogGroup", Effect: "Allow", Action: ["logs:CreateLogGroup"], Resource: [logGroup] },
        {
            Sid: "WriteOwnLogs",
            Effect: "Allow",
            Action: ["logs:CreateLogStream", "logs:DescribeLogStreams", "logs:PutLogEvents"],
            Resource: [`${logGroup}:log-stream:*`],
        },
    ];
}

/** SageMaker's metrics, and the async endpoint's own notification topics. */
function publishStatements(scope: ExecutionRoleScope): PolicyStatement[] {
    // CreateModel's documented execution-role permissions include PutMetricData; it has no
    // resource-level scoping, so the namespace condition is what limits it.
    const statements: PolicyStatement[] = [
        {
            Sid: "PublishSageMakerMetricsOnly",
            Effect: "Allow",
            Action: ["cloudwatch:PutMetricData"],
            Resource: ["*"],
            Condition: { StringLike: { "cloudwatch:namespace": ["/aws/sagemaker/*"] } },
        },
    ];
    if (scope.publishTopicArns.length > 0) {
        statements.push({
            Sid: "PublishOwnNotifications",
            Effect: "Allow",
            Action: ["sns:Publish"],
            Resource: uniqueSorted(scope.publishTopicArns),
        });
    }
    return statements;
}

/**
 * In a VPC: manage network interfaces in the endpoint's own subnets (and VPC, when known) with its
 * own security groups. The Service Authorization Reference gives the network-interface resource the
 * `ec2:Subnet` and `ec2:Vpc` condition keys, whose values are ARNs; the subnet and security-group
 * resources CreateNetworkInterface also names are listed by exact ARN instead, since a key a resource
 * does not carry would fail the condition.
 */
function networkStatements(scope: ExecutionRoleScope, network: NonNullable<ExecutionRoleScope["network"]>): PolicyStatement[] {
    const arn = (type: string, id: string) => `arn:${scope.partition}:ec2:${scope.region}:${scope.accountId}:${type}/${id}`;
    const condition: Record<string, string | string[]> = { "ec2:Subnet": uniqueSorted(network.subnetIds.map((id) => arn("subnet", id))) };
    if (network.vpcId !== undefined) {
        condition["ec2:Vpc"] = arn("vpc", network.vpcId);
    }
    return [
        {
            Sid: "ManageNetworkInterfacesInOwnSubnets",
            Effect: "Allow",
            Action: [
                "ec2:CreateNetworkInterface",
                "ec2:CreateNetworkInterfacePermission",
                "ec2:DeleteNetworkInterface",
                "ec2:DeleteNetworkInterfacePermission",
            ],
            Resource: [arn("network-interface", "*")],
            Condition: { ArnEquals: condition },
        },
        {
            Sid: "UseOwnSubnetsAndSecurityGroups",
            Effect: "Allow",
            Action: ["ec2:CreateNetworkInterface"],
            Resource: [
                ...uniqueSorted(network.securityGroupIds.map((id) => arn("security-group", id))),
                ...uniqueSorted(network.subnetIds.map((id) => arn("subnet", id))),
            ],
        },
        {
            Sid: "DescribeNetworkIsNotResourceScoped",
            Effect: "Allow",
            Action: [
                "ec2:DescribeDhcpOptions",
                "ec2:DescribeNetworkInterfaces",
                "ec2:DescribeSecurityGroups",
                "ec2:DescribeSubnets",
                "ec2:DescribeVpcs",
            ],
            Resource: ["*"],
        },
    ];
}
