import { logGroupArn, sageMakerEndpointLogGroupName } from "../../domain/cloudWatchLogs";
import { uniqueSorted } from "../../domain/values";
import { accountAdministersKey, cloudWatchLogsUsesKey, PolicyDocument, policyDocument } from "../core/iam/policyDocument";

/**
 * The capture key's policy: the account administers it and grants its use through IAM (as AWS's
 * default policy does), and the CloudWatch Logs service may use it only for the container log groups
 * of the endpoints capturing here, which each endpoint creates with this key (components/core/endpoint/declareEndpointLogGroup.ts).
 */
export function buildCaptureKeyPolicy(
    partition: string,
    region: string,
    accountId: string,
    endpointNames: readonly string[],
): PolicyDocument {
    return policyDocument([
        accountAdministersKey(partition, accountId),
        cloudWatchLogsUsesKey(
            "CloudWatchLogsEncryptsEndpointLogGroups",
            region,
            uniqueSorted(
                endpointNames.map((endpoint) => logGroupArn(partition, region, accountId, sageMakerEndpointLogGroupName(endpoint))),
            ),
        ),
    ]);
}
