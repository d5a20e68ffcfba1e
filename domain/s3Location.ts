/**
 * Bucket name of an S3 location as SageMaker accepts it (`^(https|s3)://([^/])/?(.*)$`):
 * "s3://bucket/prefix", virtual-hosted "https://bucket.s3[.-]<region>.amazonaws.com/prefix"
 * or path-style "https://s3[.-]<region>.amazonaws.com/bucket/prefix". Undefined otherwise.
 */
export function bucketNameOfS3Uri(uri: string): string | undefined {
    const s3 = /^s3:\/\/([^/]+)/.exec(uri);
    if (s3) {
        return s3[1];
    }
    const virtualHosted = /^https:\/\/(.+)\.s3(?:[.-][a-z0-9-]+)?\.amazonaws\.com(?:\.cn)?(?:\/|$)/.exec(uri);
    if (virtualHosted) {
        return virtualHosted[1];
    }
    const pathStyle = /^https:\/\/s3(?:[.-][a-z0-9-]+)?\.amazonaws\.com(?:\.cn)?\/([^/]+)/.exec(uri);
    return pathStyle ? pathStyle[1] : undefined;
}
