import * as pulumi from "@pulumi/pulumi";
import { LOG_RETENTION_DAYS } from "../../../domain/cloudWatchLogs";
import * as rules from "../../../domain/validationRules";
import { ProblemCollector } from "../validation/problems";

/** The endpoint's container log group, `/aws/sagemaker/Endpoints/<endpoint>`, which the component creates before the endpoint. */
export interface EndpointLogsArgs {
    /** Days the container logs are kept, one of CloudWatch's values (1, 3, 5, 7, 14, 30, 60, 90, ...). @default 30 */
    retentionDays?: number;
    /**
     * KMS key that encrypts the log group. Its key policy must let the CloudWatch Logs service use it
     * for this log group (`kms:EncryptionContext:aws:logs:arn`): a CaptureBucket's created key does for
     * the endpoints in its `endpointNames`.
     * @default the capture KMS key
     */
    kmsKeyArn?: pulumi.Input<string>;
}

export const ENDPOINT_LOGS_DEFAULTS = { retentionDays: 30 } as const;

export function endpointLogsProblems(problems: ProblemCollector, logs: EndpointLogsArgs | undefined): void {
    if (logs === undefined) return;
    if (logs.retentionDays !== undefined) {
        problems.check("logs.retentionDays", rules.oneOf(logs.retentionDays, LOG_RETENTION_DAYS));
    }
    if (rules.isKnownString(logs.kmsKeyArn)) {
        problems.check("logs.kmsKeyArn", rules.kmsKeyArn(logs.kmsKeyArn));
    }
}
