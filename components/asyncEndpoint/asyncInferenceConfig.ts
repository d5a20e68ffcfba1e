import { IncludeInferenceResponseIn } from "./asyncEndpointArgs";

/** Everything the AsyncInferenceConfig needs, resolved. */
export interface AsyncInferenceConfigInput<S = string> {
    outputPath: S;
    failurePath: S;
    outputKmsKeyArn: S;
    successTopicArn: S;
    errorTopicArn: S;
    includeInferenceResponseIn: IncludeInferenceResponseIn[];
    /** Undefined lets SageMaker choose. */
    maxConcurrentInvocationsPerInstance?: number;
}

/** `EndpointConfig.AsyncInferenceConfig`, shaped for `@pulumi/aws-native` (camelCase). */
export interface AsyncInferenceConfigDocument<S = string> {
    clientConfig?: { maxConcurrentInvocationsPerInstance: number };
    outputConfig: {
        s3OutputPath: S;
        s3FailurePath: S;
        kmsKeyId: S;
        notificationConfig: { successTopic: S; errorTopic: S; includeInferenceResponseIn?: IncludeInferenceResponseIn[] };
    };
}

/** Optional fields are left out, not set to undefined, so the config's content hash ignores them. */
export function buildAsyncInferenceConfig<S>(input: AsyncInferenceConfigInput<S>): AsyncInferenceConfigDocument<S> {
    const notificationConfig: AsyncInferenceConfigDocument<S>["outputConfig"]["notificationConfig"] = {
        successTopic: input.successTopicArn,
        errorTopic: input.errorTopicArn,
    };
    if (input.includeInferenceResponseIn.length > 0) {
        notificationConfig.includeInferenceResponseIn = [...input.includeInferenceResponseIn];
    }
    const document: AsyncInferenceConfigDocument<S> = {
        outputConfig: {
            s3OutputPath: input.outputPath,
            s3FailurePath: input.failurePath,
            kmsKeyId: input.outputKmsKeyArn,
            notificationConfig,
        },
    };
    if (input.maxConcurrentInvocationsPerInstance !== undefined) {
        document.clientConfig = { maxConcurrentInvocationsPerInstance: input.maxConcurrentInvocationsPerInstance };
    }
    return document;
}
