/**
 * ARNs, checked per service: partition, region (where the service has one), a 12-digit account
 * and a resource id of the service's form. Every validator that takes an ARN uses these rules, so
 * a stack file, a component call and the Lambda's environment refuse the same values the same way.
 */

import { AWS_PARTITIONS, AwsPartition, partitionOfRegion, regionsOfPartition } from "./awsRegions";

const ACCOUNT_ID = /^\d{12}$/;
const MAX_ARN_LENGTH = 2048;

/** What one service's ARNs look like. */
export interface ArnKind {
    /** "a KMS key", for messages. */
    readonly what: string;
    readonly service: string;
    /** IAM is global: its ARNs have an empty region. */
    readonly regional: boolean;
    /** The resource part, e.g. `key/<key id>`. */
    readonly resourceForm: string;
    readonly resource: RegExp;
    /** Why a resource of the wrong form is refused, when the form alone does not say it. */
    readonly resourceHint?: (resource: string) => string | undefined;
}

const KEY_ID = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|mrk-[0-9a-f]{32}";

export const ARN_KINDS = {
    /**
     * Key ARNs only: every key ARN given here ends up in an IAM policy (a role decrypts or encrypts
     * with it), and IAM grants on key ARNs, never on alias ARNs.
     */
    kmsKey: {
        what: "a KMS key",
        service: "kms",
        regional: true,
        resourceForm: "key/<key id>",
        resource: new RegExp(`^key/(${KEY_ID})$`),
        resourceHint: (resource) =>
            resource.startsWith("alias/")
                ? "it names an alias: give the key's own ARN, since IAM policies grant on key ARNs, never on alias ARNs"
                : resource === "key/"
                  ? "its key id is empty"
                  : resource.startsWith("key/")
                    ? `its key id ${JSON.stringify(resource.slice("key/".length))} is not a UUID (or mrk- and 32 hex digits for a multi-Region key)`
                    : undefined,
    },
    iamRole: {
        what: "an IAM role",
        service: "iam",
        regional: false,
        resourceForm: "role/<name>",
        // role/[path/]name: name of 1-64 characters of letters, digits and +=,.@_-
        resource: /^role\/([\x21-\x7e]+\/)?[\w+=,.@-]{1,64}$/,
    },
    snsTopic: {
        what: "an SNS topic",
        service: "sns",
        regional: true,
        resourceForm: "<topic name>",
        // Topic names: 1-256 letters, digits, _ and -; FIFO topics end in .fifo.
        resource: /^[A-Za-z0-9_-]{1,256}(\.fifo)?$/,
    },
    secret: {
        what: "a Secrets Manager secret",
        service: "secretsmanager",
        regional: true,
        resourceForm: "secret:<name>",
        resource: /^secret:[A-Za-z0-9/_+=.@-]+$/,
    },
} as const satisfies Record<string, ArnKind>;

/**
 * Who may assume a role: an account (`root`), a role or a user; not a service, group or wildcard.
 * Apart from ARN_KINDS so the forwarder's bundle, which reads ARN_KINDS, does not carry it.
 */
export const IAM_PRINCIPAL_KIND: ArnKind = {
    what: "an IAM principal (account root, role or user)",
    service: "iam",
    regional: false,
    resourceForm: "root | role/<name> | user/<name>",
    resource: /^(root|(role|user)\/([\x21-\x7e]+\/)?[\w+=,.@-]{1,64})$/,
};

/** `arn:aws:kms:<region>:<account>:key/<key id>`: how an ARN of the kind is written. */
export function arnForm(kind: ArnKind): string {
    return `arn:aws:${kind.service}:${kind.regional ? "<region>" : ""}:<account>:${kind.resourceForm}`;
}

/** What is wrong with `value` as an ARN of the kind, as a clause ("its account ... is not 12 digits"), or undefined. */
function arnFault(value: unknown, kind: ArnKind): string | undefined {
    if (typeof value !== "string") {
        return "it is not a string";
    }
    if (value.length > MAX_ARN_LENGTH) {
        return `it is longer than ${MAX_ARN_LENGTH} characters`;
    }
    const [prefix, partition, service, region, account, ...rest] = value.split(":");
    const resource = rest.join(":");
    if (prefix !== "arn" || rest.length === 0) {
        return "it is not an ARN";
    }
    if (!(AWS_PARTITIONS as readonly string[]).includes(partition)) {
        return `its partition ${JSON.stringify(partition)} is not one of ${AWS_PARTITIONS.join(", ")}`;
    }
    if (service !== kind.service) {
        return `its service is ${JSON.stringify(service)}, not ${kind.service}`;
    }
    if (!kind.regional && region !== "") {
        return `it has a region (${JSON.stringify(region)}), and ${kind.service} ARNs have none`;
    }
    const regionPartition = partitionOfRegion(region);
    if (kind.regional && regionPartition === undefined) {
        return `its region ${JSON.stringify(region)} is not ${regionsOfPartition(partition as AwsPartition)}`;
    }
    if (kind.regional && regionPartition !== partition) {
        return `its region ${region} is in partition ${regionPartition}, not ${partition}`;
    }
    if (!ACCOUNT_ID.test(account)) {
        return `its account ${JSON.stringify(account)} is not a 12-digit account id`;
    }
    if (!kind.resource.test(resource)) {
        return kind.resourceHint?.(resource) ?? `its resource ${JSON.stringify(resource)} is not of the form ${kind.resourceForm}`;
    }
    return undefined;
}

/** The rule for ARNs of one kind: undefined when valid, else a reason naming the form and what is wrong. */
function arnRule(kind: ArnKind): (value: unknown) => string | undefined {
    return (value) => {
        const fault = arnFault(value, kind);
        return fault === undefined ? undefined : `must be ${kind.what} ARN ${arnForm(kind)}, but ${fault} (got ${JSON.stringify(value)})`;
    };
}

export const kmsKeyArn = arnRule(ARN_KINDS.kmsKey);
export const iamRoleArn = arnRule(ARN_KINDS.iamRole);
export const snsTopicArn = arnRule(ARN_KINDS.snsTopic);
export const secretArn = arnRule(ARN_KINDS.secret);
// Pure: the forwarder bundle, which never checks principals, drops it.
export const iamPrincipalArn = /* @__PURE__ */ arnRule(IAM_PRINCIPAL_KIND);

/**
 * The rule for a KMS key a service of `region` encrypts with: a key ARN of that region. AWS uses a
 * key only in its own region (S3 SSE-KMS: the bucket's; SageMaker and CloudWatch Logs: their own);
 * a multi-Region key has a replica ARN in each region, and that replica is the one to give.
 */
export function kmsKeyArnInRegion(region: string): (value: unknown) => string | undefined {
    return (value) => {
        const fault = kmsKeyArn(value);
        if (fault !== undefined) {
            return fault;
        }
        const keyRegion = (value as string).split(":")[3];
        return keyRegion === region
            ? undefined
            : `must be a KMS key in ${region}, the region the resources using it deploy to (AWS uses a key only in its own region; for a multi-Region key give its ${region} replica), but its region is ${keyRegion} (got ${JSON.stringify(value)})`;
    };
}
