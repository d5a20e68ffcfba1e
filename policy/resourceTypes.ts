/**
 * Pulumi type tokens the rules look at. SageMaker resources exist in both providers: the rules
 * accept the aws-native token and the classic @pulumi/aws token for each.
 */
export const TYPES = {
    nativeEndpointConfig: "aws-native:sagemaker:EndpointConfig",
    classicEndpointConfig: "aws:sagemaker/endpointConfiguration:EndpointConfiguration",
    nativeEndpoint: "aws-native:sagemaker:Endpoint",
    classicEndpoint: "aws:sagemaker/endpoint:Endpoint",
    nativeModel: "aws-native:sagemaker:Model",
    classicModel: "aws:sagemaker/model:Model",
    /** aws-native only: @pulumi/aws 7.x has no inference component. */
    inferenceComponent: "aws-native:sagemaker:InferenceComponent",
    metricAlarm: "aws:cloudwatch/metricAlarm:MetricAlarm",
    scalingTarget: "aws:appautoscaling/target:Target",
    scalingPolicy: "aws:appautoscaling/policy:Policy",
    bucket: "aws:s3/bucket:Bucket",
    bucketV2: "aws:s3/bucketV2:BucketV2",
    bucketEncryption: "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration",
    bucketEncryptionV2: "aws:s3/bucketServerSideEncryptionConfigurationV2:BucketServerSideEncryptionConfigurationV2",
    bucketPublicAccessBlock: "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock",
    bucketPolicy: "aws:s3/bucketPolicy:BucketPolicy",
    bucketNotification: "aws:s3/bucketNotification:BucketNotification",
    lambdaFunction: "aws:lambda/function:Function",
    lambdaEventInvokeConfig: "aws:lambda/functionEventInvokeConfig:FunctionEventInvokeConfig",
    sqsQueue: "aws:sqs/queue:Queue",
    snsTopic: "aws:sns/topic:Topic",
    glueCatalogTable: "aws:glue/catalogTable:CatalogTable",
    athenaWorkgroup: "aws:athena/workgroup:Workgroup",
    iamRole: "aws:iam/role:Role",
    nativeIamRole: "aws-native:iam:Role",
    iamRolePolicy: "aws:iam/rolePolicy:RolePolicy",
    nativeIamRolePolicy: "aws-native:iam:RolePolicy",
    iamRolePolicyAttachment: "aws:iam/rolePolicyAttachment:RolePolicyAttachment",
    iamPolicyAttachment: "aws:iam/policyAttachment:PolicyAttachment",
} as const;

export const ENDPOINT_CONFIG_TYPES: readonly string[] = [TYPES.nativeEndpointConfig, TYPES.classicEndpointConfig];
export const ENDPOINT_TYPES: readonly string[] = [TYPES.nativeEndpoint, TYPES.classicEndpoint];
export const MODEL_TYPES: readonly string[] = [TYPES.nativeModel, TYPES.classicModel];
export const BUCKET_TYPES: readonly string[] = [TYPES.bucket, TYPES.bucketV2];
export const BUCKET_ENCRYPTION_TYPES: readonly string[] = [TYPES.bucketEncryption, TYPES.bucketEncryptionV2];
