/** IAM policy document types shared by every role this project creates. */
export interface PolicyStatement {
    Sid: string;
    Effect: "Allow" | "Deny";
    Action: string[];
    /** Absent only in trust policies. */
    Resource?: string[];
    Condition?: Record<string, Record<string, string | string[]>>;
    Principal?: Record<string, string | string[]>;
}

export interface PolicyDocument {
    Version: "2012-10-17";
    Statement: PolicyStatement[];
}

export function policyDocument(statements: PolicyStatement[]): PolicyDocument {
    return { Version: "2012-10-17", Statement: statements };
}

/** `arn:aws:s3:::bucket/prefix*` for an s3:// URI (a key or a prefix ending in "/"). */
export function s3ObjectArn(partition: string, bucket: string, key: string): string {
    return `arn:${partition}:s3:::${bucket}/${key}`;
}

/** Trust policy letting one AWS service assume a role, only on behalf of this account. */
export function serviceTrustPolicy(service: string, accountId: string): PolicyDocument {
    return {
        Version: "2012-10-17",
        Statement: [
            {
                Sid: "AssumeFromThisAccountOnly",
                Effect: "Allow",
                Principal: { Service: service },
                Action: ["sts:AssumeRole"],
                Condition: { StringEquals: { "aws:SourceAccount": accountId } },
            },
        ],
    };
}

/** The account administers a customer key (the key policy AWS itself writes); use is granted through IAM. */
export function accountAdministersKey(partition: string, accountId: string): PolicyStatement {
    return {
        Sid: "AccountAdministersKey",
        Effect: "Allow",
        Principal: { AWS: `arn:${partition}:iam::${accountId}:root` },
        Action: ["kms:*"],
        Resource: ["*"],
    };
}

/**
 * Lets the CloudWatch Logs service of `region` use a key, only for the named log groups
 * (`kms:EncryptionContext:aws:logs:arn`): the statement a key needs to encrypt log groups.
 */
export function cloudWatchLogsUsesKey(sid: string, region: string, logGroupArns: string | string[]): PolicyStatement {
    return {
        Sid: sid,
        Effect: "Allow",
        Principal: { Service: `logs.${region}.amazonaws.com` },
        Action: ["kms:Decrypt*", "kms:Describe*", "kms:Encrypt*", "kms:GenerateDataKey*", "kms:ReEncrypt*"],
        Resource: ["*"],
        Condition: { ArnEquals: { "kms:EncryptionContext:aws:logs:arn": logGroupArns } },
    };
}

/** Denies `actions` on `resources` to anyone not using TLS. */
export function denyInsecureTransport(actions: string[], resources: string[]): PolicyStatement {
    return {
        Sid: "DenyInsecureTransport",
        Effect: "Deny",
        Principal: { AWS: "*" },
        Action: actions,
        Resource: resources,
        Condition: { Bool: { "aws:SecureTransport": "false" } },
    };
}
