import { namePrefix, PREFIX_LIMITS } from "../core/physicalNamePrefix";

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
    /** The execution role's `namePrefix`: IAM adds 26 unique characters, so it is cut to fit IAM's 64 whatever the function name. */
    roleNamePrefix: string;
}

/** Letters, digits, "_" and "-": what Lambda function names and SQS queue names both allow. */
export const FUNCTION_NAME_PATTERN = /^[A-Za-z0-9_-]+$/;

export function forwarderNames(functionName: string): ForwarderNames {
    return {
        functionName,
        deadLetterQueueName: `${functionName}-dead-letters`,
        failedInvocationQueueName: `${functionName}-failed-invocations`,
        tableName: `${functionName}-deliveries`,
        logGroupName: `/aws/lambda/${functionName}`,
        roleNamePrefix: namePrefix(functionName, PREFIX_LIMITS.iamRole),
    };
}

/**
 * Logical names of the children Pulumi auto-names from them (`<logical name>-<7 random characters>`).
 * Auto-naming lets a replacement exist beside what it replaces: a fixed statement ID on the same
 * function, or a fixed secret name, would collide with the old one during create-before-delete.
 */
export function autoNamedChildNames(componentName: string) {
    return {
        rolePolicy: `${componentName}-policy`,
        invokePermission: `${componentName}-s3-invoke`,
        tokenSecret: `${componentName}-token`,
    };
}

export { logGroupArn } from "../../domain/cloudWatchLogs";
