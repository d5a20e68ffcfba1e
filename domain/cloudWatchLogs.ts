/** CloudWatch Logs facts the components and the forwarder share. */

/** The retention values CloudWatch Logs accepts (PutRetentionPolicy), in days. */
export const LOG_RETENTION_DAYS: readonly number[] = [
    1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653,
];

export function logGroupArn(partition: string, region: string, accountId: string, logGroupName: string): string {
    return `arn:${partition}:logs:${region}:${accountId}:log-group:${logGroupName}`;
}

/** The log group SageMaker writes an endpoint's container logs to. */
export function sageMakerEndpointLogGroupName(endpointName: string): string {
    return `/aws/sagemaker/Endpoints/${endpointName}`;
}

/**
 * The log group of an inference component's containers: SageMaker writes them per component, not
 * under the endpoint's group. Taken from public tooling that reads them there; no stored AWS page
 * states it, so runbooks name it and nothing is created or granted on it.
 */
export function sageMakerInferenceComponentLogGroupName(inferenceComponentName: string): string {
    return `/aws/sagemaker/InferenceComponents/${inferenceComponentName}`;
}
