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
