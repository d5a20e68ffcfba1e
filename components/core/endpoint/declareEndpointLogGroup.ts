import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { sageMakerEndpointLogGroupName } from "../../../domain/cloudWatchLogs";
import { ENDPOINT_LOGS_DEFAULTS } from "./endpointLogs";
import { ResolvedEndpoint } from "./resolveEndpointArgs";

/**
 * The endpoint's container log group, declared before the endpoint: left to SageMaker, it appears on
 * first write with no retention and no customer key.
 */
export function declareEndpointLogGroup(parent: pulumi.ComponentResource, name: string, spec: ResolvedEndpoint): aws.cloudwatch.LogGroup {
    return new aws.cloudwatch.LogGroup(
        `${name}-logs`,
        {
            name: sageMakerEndpointLogGroupName(spec.endpointName),
            retentionInDays: spec.logs?.retentionDays ?? ENDPOINT_LOGS_DEFAULTS.retentionDays,
            kmsKeyId: spec.logs?.kmsKeyArn ?? spec.captureDestination.kmsKeyArn,
            tags: spec.tags,
        },
        { parent },
    );
}
