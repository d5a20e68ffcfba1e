/** Amazon ECR image URIs: the only registry a SageMaker model pulls from without extra VPC plumbing. */
const ECR_IMAGE =
    /^(\d{12})\.dkr\.ecr\.([a-z0-9-]+)\.amazonaws\.com(?:\.cn)?\/([a-z0-9]+(?:[._/-][a-z0-9]+)*)(?::[\w][\w.-]{0,127})?(?:@sha256:[a-f0-9]{64})?$/;

/** How an ECR image URI is written, for messages and the config reference. */
export const ECR_IMAGE_FORM = "<account-id>.dkr.ecr.<region>.amazonaws.com/<repository>[:tag|@sha256:digest]";

export interface EcrImage {
    accountId: string;
    region: string;
    repository: string;
}

export function parseEcrImage(uri: string): EcrImage | undefined {
    const match = ECR_IMAGE.exec(uri);
    return match ? { accountId: match[1], region: match[2], repository: match[3] } : undefined;
}

export function ecrImageRule(value: unknown): string | undefined {
    if (typeof value !== "string" || parseEcrImage(value) === undefined) {
        return `must be an Amazon ECR image URI ${ECR_IMAGE_FORM} (got ${JSON.stringify(value)})`;
    }
    return undefined;
}

export function ecrRepositoryArn(partition: string, image: EcrImage): string {
    return `arn:${partition}:ecr:${image.region}:${image.accountId}:repository/${image.repository}`;
}
