/**
 * Key layout of a created async bucket: one folder per endpoint, with the requests callers upload,
 * the results and the failures side by side, so one lifecycle rule and one grant cover them.
 */
export interface AsyncLocations {
    /** Ends with "/": a prefix callers upload under. */
    inputPrefix: string;
    /** `S3OutputPath`: SageMaker writes one result object per request under it. */
    outputPath: string;
    /** `S3FailurePath`: SageMaker writes one error object per failed request under it. */
    failurePath: string;
}

export function asyncLocations(bucketName: string, endpointName: string): AsyncLocations {
    const root = `s3://${bucketName}/${endpointName}`;
    return { inputPrefix: `${root}/input/`, outputPath: `${root}/output`, failurePath: `${root}/failures` };
}
