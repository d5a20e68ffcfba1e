import * as assert from "assert";
import { iamPrincipalArn, iamRoleArn, kmsKeyArn, secretArn, snsTopicArn } from "../../domain/arn";
import { AWS_REGIONS, awsRegion } from "../../domain/awsRegions";

const RULES = { kmsKeyArn, iamRoleArn, iamPrincipalArn, snsTopicArn, secretArn, awsRegion };

const KEY_ID = "0b5e8f3a-9c1d-4e2f-8a7b-6c5d4e3f2a1b";
const KMS = "must be a KMS key ARN arn:aws:kms:<region>:<account>:key/<key id>, but";
const IAM = "must be an IAM role ARN arn:aws:iam::<account>:role/<name>, but";
const SNS = "must be an SNS topic ARN arn:aws:sns:<region>:<account>:<topic name>, but";
const SECRET = "must be a Secrets Manager secret ARN arn:aws:secretsmanager:<region>:<account>:secret:<name>, but";

const NOT_AWS_REGION = "is not a region of partition aws, e.g. us-east-1, eu-west-1 (36 regions)";
const ANY_REGION =
    "must be an AWS region: a region of partition aws, e.g. us-east-1, eu-west-1 (36 regions); or a region of partition aws-cn: cn-north-1, cn-northwest-1; or a region of partition aws-us-gov: us-gov-east-1, us-gov-west-1";

/** [rule, value, expected reason (undefined when valid)] */
const table: [keyof typeof RULES, unknown, string | undefined][] = [
    ["kmsKeyArn", `arn:aws:kms:us-east-1:123456789012:key/${KEY_ID}`, undefined],
    ["kmsKeyArn", `arn:aws:kms:eu-central-2:123456789012:key/mrk-${"0123456789abcdef".repeat(2)}`, undefined],
    ["kmsKeyArn", `arn:aws-cn:kms:cn-northwest-1:123456789012:key/${KEY_ID}`, undefined],
    ["kmsKeyArn", `arn:aws-us-gov:kms:us-gov-west-1:123456789012:key/${KEY_ID}`, undefined],
    ["kmsKeyArn", "arn:aws:kms:us-east-1:123456789012:key/", `${KMS} its key id is empty (got "arn:aws:kms:us-east-1:123456789012:key/")`],
    [
        "kmsKeyArn",
        "arn:aws:kms:us-east-1:123456789012:key/abc",
        `${KMS} its key id "abc" is not a UUID (or mrk- and 32 hex digits for a multi-Region key) (got "arn:aws:kms:us-east-1:123456789012:key/abc")`,
    ],
    [
        "kmsKeyArn",
        "arn:aws:kms:us-east-1:123456789012:alias/capture",
        `${KMS} it names an alias: give the key's own ARN, since IAM policies grant on key ARNs, never on alias ARNs (got "arn:aws:kms:us-east-1:123456789012:alias/capture")`,
    ],
    [
        "kmsKeyArn",
        "arn:aws:kms:us-east-1:123456789012:",
        `${KMS} its resource "" is not of the form key/<key id> (got "arn:aws:kms:us-east-1:123456789012:")`,
    ],
    [
        "kmsKeyArn",
        `arn:aws:kms:us-east1:123456789012:key/${KEY_ID}`,
        `${KMS} its region "us-east1" is not a region of partition aws, e.g. us-east-1, eu-west-1 (36 regions) (got "arn:aws:kms:us-east1:123456789012:key/${KEY_ID}")`,
    ],
    [
        "kmsKeyArn",
        `arn:aws:kms::123456789012:key/${KEY_ID}`,
        `${KMS} its region "" is not a region of partition aws, e.g. us-east-1, eu-west-1 (36 regions) (got "arn:aws:kms::123456789012:key/${KEY_ID}")`,
    ],
    [
        "kmsKeyArn",
        `arn:aws:kms:cn-north-1:123456789012:key/${KEY_ID}`,
        `${KMS} its region cn-north-1 is in partition aws-cn, not aws (got "arn:aws:kms:cn-north-1:123456789012:key/${KEY_ID}")`,
    ],
    [
        "kmsKeyArn",
        `arn:aws-iso:kms:us-east-1:123456789012:key/${KEY_ID}`,
        `${KMS} its partition "aws-iso" is not one of aws, aws-cn, aws-us-gov (got "arn:aws-iso:kms:us-east-1:123456789012:key/${KEY_ID}")`,
    ],
    [
        "kmsKeyArn",
        `arn:aws:sns:us-east-1:123456789012:key/${KEY_ID}`,
        `${KMS} its service is "sns", not kms (got "arn:aws:sns:us-east-1:123456789012:key/${KEY_ID}")`,
    ],
    [
        "kmsKeyArn",
        `arn:aws:kms:us-east-1:1234:key/${KEY_ID}`,
        `${KMS} its account "1234" is not a 12-digit account id (got "arn:aws:kms:us-east-1:1234:key/${KEY_ID}")`,
    ],
    ["kmsKeyArn", "nope", `${KMS} it is not an ARN (got "nope")`],
    ["kmsKeyArn", 42, `${KMS} it is not a string (got 42)`],
    ["iamRoleArn", "arn:aws:iam::123456789012:role/service-role/scorer", undefined],
    ["iamPrincipalArn", "arn:aws:iam::123456789012:root", undefined],
    ["iamPrincipalArn", "arn:aws:iam::123456789012:role/service-role/arthur-engine", undefined],
    ["iamPrincipalArn", "arn:aws:iam::123456789012:user/arthur", undefined],
    [
        "iamPrincipalArn",
        "arn:aws:iam::123456789012:group/ops",
        'must be an IAM principal (account root, role or user) ARN arn:aws:iam::<account>:root | role/<name> | user/<name>, but its resource "group/ops" is not of the form root | role/<name> | user/<name> (got "arn:aws:iam::123456789012:group/ops")',
    ],
    [
        "iamRoleArn",
        "arn:aws:iam:us-east-1:123456789012:role/scorer",
        `${IAM} it has a region ("us-east-1"), and iam ARNs have none (got "arn:aws:iam:us-east-1:123456789012:role/scorer")`,
    ],
    [
        "iamRoleArn",
        "arn:aws:iam::123456789012:user/x",
        `${IAM} its resource "user/x" is not of the form role/<name> (got "arn:aws:iam::123456789012:user/x")`,
    ],
    [
        "iamRoleArn",
        "arn:aws:iam::123456789012:role/",
        `${IAM} its resource "role/" is not of the form role/<name> (got "arn:aws:iam::123456789012:role/")`,
    ],
    ["snsTopicArn", "arn:aws:sns:us-east-1:123456789012:alarms", undefined],
    ["snsTopicArn", "arn:aws:sns:us-east-1:123456789012:alarms.fifo", undefined],
    [
        "snsTopicArn",
        "arn:aws:sns:us-east-1:123456789012:",
        `${SNS} its resource "" is not of the form <topic name> (got "arn:aws:sns:us-east-1:123456789012:")`,
    ],
    [
        "snsTopicArn",
        `arn:aws:sns:us-east-1:123456789012:${"t".repeat(2040)}`,
        `${SNS} it is longer than 2048 characters (got "arn:aws:sns:us-east-1:123456789012:${"t".repeat(2040)}")`,
    ],
    ["secretArn", "arn:aws:secretsmanager:us-east-1:123456789012:secret:arthur-token-AbCdEf", undefined],
    [
        "secretArn",
        "arn:aws:secretsmanager:us-east-1:123456789012:secret:",
        `${SECRET} its resource "secret:" is not of the form secret:<name> (got "arn:aws:secretsmanager:us-east-1:123456789012:secret:")`,
    ],
    [
        "kmsKeyArn",
        `arn:aws:kms:us-west-9:123456789012:key/${KEY_ID}`,
        `${KMS} its region "us-west-9" ${NOT_AWS_REGION} (got "arn:aws:kms:us-west-9:123456789012:key/${KEY_ID}")`,
    ],
    [
        "kmsKeyArn",
        `arn:aws-cn:kms:cn-east-1:123456789012:key/${KEY_ID}`,
        `${KMS} its region "cn-east-1" is not a region of partition aws-cn: cn-north-1, cn-northwest-1 (got "arn:aws-cn:kms:cn-east-1:123456789012:key/${KEY_ID}")`,
    ],
    [
        "snsTopicArn",
        "arn:aws-us-gov:sns:us-gov-north-1:123456789012:alarms",
        `${SNS} its region "us-gov-north-1" is not a region of partition aws-us-gov: us-gov-east-1, us-gov-west-1 (got "arn:aws-us-gov:sns:us-gov-north-1:123456789012:alarms")`,
    ],
    ["awsRegion", "us-gov-east-1", undefined],
    ["awsRegion", "mx-central-1", undefined],
    ["awsRegion", "us-east1", `${ANY_REGION} (got "us-east1")`],
    ["awsRegion", "us-west-9", `${ANY_REGION} (got "us-west-9")`],
    ["awsRegion", 7, `${ANY_REGION} (got 7)`],
];

describe("ARN rules", () => {
    for (const [rule, value, expected] of table) {
        it(`${rule} ${JSON.stringify(value).slice(0, 90)}`, () => assert.strictEqual(RULES[rule](value), expected));
    }
});

describe("AWS regions", () => {
    it("lists each partition's regions, every one of its partition's name form", () => {
        const form: Record<string, RegExp> = {
            aws: /^(us|eu|ap|sa|ca|me|af|il|mx)-[a-z]+-\d+$/,
            "aws-cn": /^cn-[a-z]+-\d+$/,
            "aws-us-gov": /^us-gov-[a-z]+-\d+$/,
        };
        assert.deepStrictEqual(
            Object.entries(AWS_REGIONS).map(([partition, regions]) => [
                partition,
                regions.length,
                (regions as readonly string[]).every((r) => form[partition].test(r)),
            ]),
            [
                ["aws", 36, true],
                ["aws-cn", 2, true],
                ["aws-us-gov", 2, true],
            ],
        );
    });
});
