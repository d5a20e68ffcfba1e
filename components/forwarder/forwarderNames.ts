/**
 * Physical names of a forwarder's resources, all derived from the function name. They are
 * explicit (not auto-named) because the alarms need them as metric dimensions before anything
 * exists, and the log group's KMS key policy and IAM policy name it exactly. Like endpoint names,
 * they are unique per account and region: put the environment in the name (`arthur-churn-prod`).
 */
export interface ForwarderNames {
    functionName: string;
    deadLetterQueueName: string;
    failedInvocationQueueName: string;
    tableName: string;
    /** Lambda's default log group for the function, created here with retention and KMS. */
    logGroupName: string;
}

export const FUNCTION_NAME_PATTERN = /^[A-Za-z0-9_-]+$/;

export function forwarderNames(functionName: string): ForwarderNames {
    return {
        functionName,
        deadLetterQueueName: `${functionName}-dead-letters`,
        failedInvocationQueueName: `${functionName}-failed-invocations`,
        tableName: `${functionName}-deliveries`,
        logGroupName: `/aws/lambda/${functionName}`,
    };
}

/** `arn:<partition>:logs:<region>:<account>:log-group:<name>`: the form KMS encryption contexts and IAM use. */
export function logGroupArn(partition: string, region: string, accountId: string, logGroupName: string): string {
    return `arn:${partition}:logs:${region}:${accountId}:log-group:${logGroupName}`;
}
