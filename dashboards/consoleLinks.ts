/**
 * Links into the AWS console (commercial partition) for dashboard text widgets. The console's
 * fragment encodes "/" in log group names as "$252F".
 */

export function endpointConsoleUrl(region: string, endpointName: string): string {
    return `https://${region}.console.aws.amazon.com/sagemaker/home?region=${region}#/endpoints/${endpointName}`;
}

export function logGroupConsoleUrl(region: string, logGroupName: string): string {
    return `https://${region}.console.aws.amazon.com/cloudwatch/home?region=${region}#logsV2:log-groups/log-group/${logGroupName.replace(/\//g, "$252F")}`;
}

/** `s3://bucket/some/prefix/` as the S3 console's view of that prefix. */
export function s3PrefixConsoleUrl(region: string, s3Uri: string): string {
    const match = /^s3:\/\/([^/]+)\/?(.*)$/.exec(s3Uri);
    if (match === null) {
        throw new Error(`not an s3:// URI: ${s3Uri}`);
    }
    return `https://s3.console.aws.amazon.com/s3/buckets/${match[1]}?region=${region}&prefix=${encodeURIComponent(match[2])}`;
}

export function dashboardConsoleUrl(region: string, dashboardName: string): string {
    return `https://${region}.console.aws.amazon.com/cloudwatch/home?region=${region}#dashboards/dashboard/${dashboardName}`;
}

/** SageMaker's log group for an endpoint's containers. */
export function endpointLogGroup(endpointName: string): string {
    return `/aws/sagemaker/Endpoints/${endpointName}`;
}
