/**
 * iam-no-wildcards on every resource that holds an IAM document or attaches a managed policy, in
 * both providers: identity policies, managed policy attachments, trust policies, and the resource
 * policies of keys, buckets, topics and queues. Each case has its exact message.
 */
import type { ResourceValidation } from "@pulumi/policy";
import * as assert from "assert";
import { IAM_POLICY_HOLDER_TYPES } from "../../policy/iamDocuments";
import { UnknownValueError } from "../../policy/policySdkInternals";
import { iamNoWildcards } from "../../policy/rules/iamNoWildcards";
import { makeResourceValidationArgs } from "../../tools/synth/policy/validationArgs";
import { compliantStack } from "./fixtures";
import { runResourcePolicy, UNKNOWN_VALUE, urnOf, withField, withoutField, withUnknown } from "./harness";

const run = (type: string, props: Record<string, any>) => runResourcePolicy(iamNoWildcards, { type, name: "iam", props });
const document = (...statements: object[]) => ({ Version: "2012-10-17", Statement: statements });
const json = (...statements: object[]) => JSON.stringify(document(...statements));
const violations = (...messages: string[]) => ({ kind: "violations", messages });
const none = violations();

const IDENTITY_FIX = " Remediation: name the exact actions and scope Resource to the ARNs they act on.";
const TRUST_FIX =
    " Remediation: name the principals that may assume the role (a service, an account or a role ARN), or restrict them with a condition such as aws:PrincipalOrgID or aws:SourceArn.";
const RESOURCE_FIX =
    ' Remediation: name the principals (accounts, roles or services) and the exact actions they need, or restrict Principal "*" with a condition such as aws:SourceArn, aws:SourceAccount or aws:PrincipalOrgID.';
const MANAGED_FIX = " Remediation: attach a customer-managed policy that names the exact actions and resources instead.";
const ACCOUNT_ROOT = "arn:aws:iam::123456789012:root";
const LAMBDA_TRUST = json({ Effect: "Allow", Principal: { Service: "lambda.amazonaws.com" }, Action: "sts:AssumeRole" });

describe("iam-no-wildcards: identity policies", () => {
    it("passes the compliant role, role policy (object document) and managed policy", () => {
        const iam = compliantStack().filter((r) => r.type.startsWith("aws:iam/"));
        assert.deepStrictEqual(
            iam.map((r) => run(r.type, r.inputs)),
            iam.map(() => none),
        );
    });

    it('a role inline policy with "s3:*"', () => {
        const role = compliantStack().find((r) => r.name === "capture-forwarder-role")!;
        const props = withField(
            role.inputs,
            "inlinePolicies[0].policy",
            json({ Sid: "All", Effect: "Allow", Action: "s3:*", Resource: "arn:aws:s3:::capture-bucket/*" }),
        );
        assert.deepStrictEqual(
            run("aws:iam/role:Role", props),
            violations(`inlinePolicies[0].policy: Statement[0] (Sid "All") allows wildcard action "s3:*".${IDENTITY_FIX}`),
        );
    });

    it('wildcard characters anywhere in an action: "iam:Pass*", "s3:GetObjec?", "ec2:Describe*"', () => {
        const props = {
            policy: json(
                { Effect: "Allow", Action: ["iam:Pass*", "s3:GetObjec?"], Resource: "arn:aws:iam::123456789012:role/model" },
                { Effect: "Allow", Action: "ec2:Describe*", Resource: "*" },
            ),
        };
        assert.deepStrictEqual(
            run("aws:iam/policy:Policy", props),
            violations(
                `policy: Statement[0] allows wildcard action "iam:Pass*", "s3:GetObjec?".${IDENTITY_FIX}`,
                `policy: Statement[1] allows wildcard action "ec2:Describe*".${IDENTITY_FIX}`,
            ),
        );
    });

    it('Resource "*" and wildcard resource names ("arn:aws:s3:::*") for actions that support resource-level permissions', () => {
        const props = {
            role: "r",
            policy: json(
                { Effect: "Allow", Action: ["s3:GetObject", "cloudwatch:PutMetricData"], Resource: "*" },
                { Effect: "Allow", Action: "s3:GetObject", Resource: ["arn:aws:s3:::*", "arn:aws:s3:::capture-bucket/capture/*"] },
            ),
        };
        assert.deepStrictEqual(
            run("aws:iam/rolePolicy:RolePolicy", props),
            violations(
                `policy: Statement[0] grants Resource "*" to "s3:GetObject", which support resource-level permissions.${IDENTITY_FIX}`,
                `policy: Statement[1] grants Resource "arn:aws:s3:::*" to "s3:GetObject", which support resource-level permissions.${IDENTITY_FIX}`,
            ),
        );
    });

    it('"*" action, NotAction and NotResource in Allow statements; Deny statements may use wildcards', () => {
        const props = {
            policy: json(
                { Effect: "Allow", Action: "*", Resource: "*" },
                { Effect: "Allow", NotAction: "iam:*", Resource: "arn:aws:s3:::b" },
                { Effect: "Allow", Action: "s3:GetObject", NotResource: "arn:aws:s3:::b" },
                { Effect: "Deny", Action: "*", Resource: "*" },
            ),
        };
        assert.deepStrictEqual(
            run("aws:iam/policy:Policy", props),
            violations(
                `policy: Statement[0] allows wildcard action "*".${IDENTITY_FIX}`,
                `policy: Statement[1] uses NotAction with Allow, which grants every other action.${IDENTITY_FIX}`,
                `policy: Statement[2] uses NotResource with Allow, which grants every other resource.${IDENTITY_FIX}`,
            ),
        );
    });

    it("allows wildcard resources for the actions AWS cannot scope (one table: ECR login, ec2 Describe and ENI calls, PutMetricData, X-Ray)", () => {
        const props = {
            policy: json(
                {
                    Effect: "Allow",
                    Action: [
                        "ec2:DescribeNetworkInterfaces",
                        "xray:PutTraceSegments",
                        "ECR:GetAuthorizationToken",
                        "cloudwatch:PutMetricData",
                    ],
                    Resource: "*",
                },
                {
                    Effect: "Allow",
                    Action: ["ec2:CreateNetworkInterface", "ec2:DeleteNetworkInterface"],
                    Resource: ["arn:aws:ec2:us-east-1:123456789012:network-interface/*", "arn:aws:ec2:us-east-1:123456789012:subnet/*"],
                },
            ),
        };
        assert.deepStrictEqual(run("aws:iam/policy:Policy", props), none);
    });

    it("aws-native identity documents are objects: Role policies, ManagedPolicy, UserPolicy", () => {
        const broad = document({ Effect: "Allow", Action: "sqs:*", Resource: "*" });
        assert.deepStrictEqual(
            [
                run("aws-native:iam:Role", {
                    assumeRolePolicyDocument: JSON.parse(LAMBDA_TRUST),
                    policies: [{ policyName: "p", policyDocument: broad }],
                }),
                run("aws-native:iam:ManagedPolicy", { policyDocument: broad }),
                run("aws-native:iam:UserPolicy", { userName: "u", policyName: "p", policyDocument: broad }),
            ],
            [
                violations(`policies[0].policyDocument: Statement[0] allows wildcard action "sqs:*".${IDENTITY_FIX}`),
                violations(`policyDocument: Statement[0] allows wildcard action "sqs:*".${IDENTITY_FIX}`),
                violations(`policyDocument: Statement[0] allows wildcard action "sqs:*".${IDENTITY_FIX}`),
            ],
        );
    });

    it("a document that is not JSON", () => {
        assert.deepStrictEqual(
            run("aws:iam/policy:Policy", { policy: "{not json" }),
            violations("policy is not valid JSON. Remediation: give a valid IAM policy document."),
        );
    });

    it("a policy document unknown during preview is not a violation", () => {
        const policy = compliantStack().find((r) => r.name === "sagemaker-execution")!;
        assert.deepStrictEqual(run("aws:iam/policy:Policy", withUnknown(policy.inputs, "policy")), {
            kind: "unknown",
            message: "string value at .policy can't be known during preview",
        });
    });
});

describe("iam-no-wildcards: AWS-managed policies attached", () => {
    it("a role's managedPolicyArns with AdministratorAccess (classic and aws-native)", () => {
        const arns = ["arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole", "arn:aws:iam::aws:policy/AdministratorAccess"];
        const message = `managedPolicyArns[1] attaches the AWS-managed policy arn:aws:iam::aws:policy/AdministratorAccess, which grants every action on every resource.${MANAGED_FIX}`;
        assert.deepStrictEqual(
            [
                run("aws:iam/role:Role", { assumeRolePolicy: LAMBDA_TRUST, managedPolicyArns: arns }),
                run("aws-native:iam:Role", { assumeRolePolicyDocument: JSON.parse(LAMBDA_TRUST), managedPolicyArns: arns }),
            ],
            [violations(message), violations(message)],
        );
    });

    it("RolePolicyAttachment, PolicyAttachment and UserPolicyAttachment with PowerUserAccess, IAMFullAccess and a *FullAccess policy", () => {
        assert.deepStrictEqual(
            [
                run("aws:iam/rolePolicyAttachment:RolePolicyAttachment", {
                    role: "r",
                    policyArn: "arn:aws:iam::aws:policy/PowerUserAccess",
                }),
                run("aws:iam/policyAttachment:PolicyAttachment", { roles: ["r"], policyArn: "arn:aws:iam::aws:policy/IAMFullAccess" }),
                run("aws:iam/userPolicyAttachment:UserPolicyAttachment", {
                    user: "u",
                    policyArn: "arn:aws:iam::aws:policy/AmazonS3FullAccess",
                }),
            ],
            [
                violations(
                    `policyArn attaches the AWS-managed policy arn:aws:iam::aws:policy/PowerUserAccess, which grants every action except most IAM and Organizations actions.${MANAGED_FIX}`,
                ),
                violations(
                    `policyArn attaches the AWS-managed policy arn:aws:iam::aws:policy/IAMFullAccess, which grants every IAM action, so its holder can grant itself anything.${MANAGED_FIX}`,
                ),
                violations(
                    `policyArn attaches the AWS-managed policy arn:aws:iam::aws:policy/AmazonS3FullAccess, which grants full access to a whole service.${MANAGED_FIX}`,
                ),
            ],
        );
    });

    it("a customer-managed or unknown (created in the stack) policy ARN is checked through its own document", () => {
        assert.deepStrictEqual(
            [
                run("aws:iam/rolePolicyAttachment:RolePolicyAttachment", {
                    role: "r",
                    policyArn: "arn:aws:iam::123456789012:policy/AdministratorAccess",
                }),
                run("aws:iam/rolePolicyAttachment:RolePolicyAttachment", { role: "r", policyArn: UNKNOWN_VALUE }),
            ],
            [none, none],
        );
    });
});

describe("iam-no-wildcards: trust policies", () => {
    const role = (trust: object) => ({ assumeRolePolicy: json(trust) });

    it('Principal {"AWS": "*"} without a condition may be assumed by anyone', () => {
        assert.deepStrictEqual(
            run("aws:iam/role:Role", role({ Effect: "Allow", Principal: { AWS: "*" }, Action: "sts:AssumeRole" })),
            violations(
                `assumeRolePolicy: Statement[0] allows Principal {"AWS":"*"} (anyone) to assume the role without a condition restricting who (aws:SourceArn, aws:SourceAccount, aws:PrincipalOrgID, ...).${TRUST_FIX}`,
            ),
        );
    });

    it('Principal "*" with only sts:ExternalId is still anyone; aws:PrincipalOrgID restricts it', () => {
        const trust = (condition: object) => role({ Effect: "Allow", Principal: "*", Action: "sts:AssumeRole", Condition: condition });
        assert.deepStrictEqual(
            [
                run("aws:iam/role:Role", trust({ StringEquals: { "sts:ExternalId": "secret" } })),
                run("aws:iam/role:Role", trust({ StringEquals: { "aws:PrincipalOrgID": "o-abc123" } })),
            ],
            [
                violations(
                    `assumeRolePolicy: Statement[0] allows Principal "*" (anyone) to assume the role without a condition restricting who (aws:SourceArn, aws:SourceAccount, aws:PrincipalOrgID, ...).${TRUST_FIX}`,
                ),
                none,
            ],
        );
    });

    it("an unknown trust policy does not stop the managed-policy check: the violation is reported, then the preview note", () => {
        const props = { assumeRolePolicy: UNKNOWN_VALUE, managedPolicyArns: ["arn:aws:iam::aws:policy/AdministratorAccess"] };
        const args = makeResourceValidationArgs(
            { type: "aws:iam/role:Role", name: "iam", urn: urnOf("aws:iam/role:Role", "iam"), props },
            {},
        );
        const messages: string[] = [];
        let thrown: unknown;
        try {
            void (iamNoWildcards.validateResource as ResourceValidation)(args, (message) => messages.push(message));
        } catch (e) {
            thrown = e;
        }
        assert.deepStrictEqual(
            [messages, thrown instanceof UnknownValueError ? thrown.message : thrown],
            [
                [
                    `managedPolicyArns[0] attaches the AWS-managed policy arn:aws:iam::aws:policy/AdministratorAccess, which grants every action on every resource.${MANAGED_FIX}`,
                ],
                "string value at .assumeRolePolicy can't be known during preview",
            ],
        );
    });
});

describe("iam-no-wildcards: key, bucket, topic and queue policies", () => {
    it("a KMS key policy: anyone may decrypt without a condition; kms:* to a role; the default kms:* to the account root passes", () => {
        const policy = json(
            { Sid: "Default", Effect: "Allow", Principal: { AWS: ACCOUNT_ROOT }, Action: "kms:*", Resource: "*" },
            { Sid: "Anyone", Effect: "Allow", Principal: { AWS: "*" }, Action: "kms:Decrypt", Resource: "*" },
            { Sid: "Role", Effect: "Allow", Principal: { AWS: "arn:aws:iam::123456789012:role/app" }, Action: "kms:*", Resource: "*" },
        );
        const expected = violations(
            `policy: Statement[1] (Sid "Anyone") allows Principal {"AWS":"*"} (anyone) to act on it without a condition restricting who (aws:SourceArn, aws:SourceAccount, aws:PrincipalOrgID, ...).${RESOURCE_FIX}`,
            `policy: Statement[2] (Sid "Role") allows wildcard action "kms:*" to {"AWS":"arn:aws:iam::123456789012:role/app"}; only account root principals (the default key policy) may get every action.${RESOURCE_FIX}`,
        );
        assert.deepStrictEqual(
            [
                run("aws:kms/key:Key", { policy }),
                run("aws:kms/keyPolicy:KeyPolicy", { keyId: "k", policy }),
                run("aws-native:kms:Key", { keyPolicy: JSON.parse(policy) }),
            ],
            [expected, expected, { kind: "violations", messages: expected.messages.map((m) => m.replace(/^policy:/, "keyPolicy:")) }],
        );
    });

    it("a bucket policy that makes objects public; the TLS-only Deny passes", () => {
        const tlsOnly = compliantStack().find((r) => r.name === "capture-bucket-tls-only")!;
        const publicRead = { Effect: "Allow", Principal: "*", Action: "s3:GetObject", Resource: "arn:aws:s3:::capture-bucket/*" };
        assert.deepStrictEqual(
            [
                run("aws:s3/bucketPolicy:BucketPolicy", tlsOnly.inputs),
                run("aws:s3/bucketPolicy:BucketPolicy", { bucket: "capture-bucket", policy: json(publicRead) }),
                run("aws-native:s3:BucketPolicy", { bucket: "capture-bucket", policyDocument: document(publicRead) }),
            ],
            [
                none,
                violations(
                    `policy: Statement[0] allows Principal "*" (anyone) to act on it without a condition restricting who (aws:SourceArn, aws:SourceAccount, aws:PrincipalOrgID, ...).${RESOURCE_FIX}`,
                ),
                violations(
                    `policyDocument: Statement[0] allows Principal "*" (anyone) to act on it without a condition restricting who (aws:SourceArn, aws:SourceAccount, aws:PrincipalOrgID, ...).${RESOURCE_FIX}`,
                ),
            ],
        );
    });

    it("a topic policy: anyone may publish unless aws:SourceArn names the publisher", () => {
        const publish = (condition?: object) =>
            json({
                Effect: "Allow",
                Principal: { AWS: "*" },
                Action: "sns:Publish",
                Resource: "arn:aws:sns:us-east-1:123456789012:alarms",
                ...(condition ? { Condition: condition } : {}),
            });
        assert.deepStrictEqual(
            [
                run("aws:sns/topicPolicy:TopicPolicy", { arn: "t", policy: publish() }),
                run("aws:sns/topicPolicy:TopicPolicy", {
                    arn: "t",
                    policy: publish({ ArnLike: { "aws:SourceArn": "arn:aws:s3:::capture-bucket" } }),
                }),
                run("aws:sns/topic:Topic", { policy: publish() }),
            ],
            [
                violations(
                    `policy: Statement[0] allows Principal {"AWS":"*"} (anyone) to act on it without a condition restricting who (aws:SourceArn, aws:SourceAccount, aws:PrincipalOrgID, ...).${RESOURCE_FIX}`,
                ),
                none,
                violations(
                    `policy: Statement[0] allows Principal {"AWS":"*"} (anyone) to act on it without a condition restricting who (aws:SourceArn, aws:SourceAccount, aws:PrincipalOrgID, ...).${RESOURCE_FIX}`,
                ),
            ],
        );
    });

    it("a queue policy: sqs:* to a service, and NotPrincipal with Allow", () => {
        assert.deepStrictEqual(
            [
                run("aws:sqs/queuePolicy:QueuePolicy", {
                    queueUrl: "q",
                    policy: json({
                        Effect: "Allow",
                        Principal: { Service: "sns.amazonaws.com" },
                        Action: "sqs:*",
                        Resource: "arn:aws:sqs:us-east-1:123456789012:q",
                    }),
                }),
                run("aws-native:sqs:QueueInlinePolicy", {
                    queue: "q",
                    policyDocument: document({
                        Effect: "Allow",
                        NotPrincipal: { AWS: ACCOUNT_ROOT },
                        Action: "sqs:SendMessage",
                        Resource: "arn:aws:sqs:us-east-1:123456789012:q",
                    }),
                }),
            ],
            [
                violations(
                    `policy: Statement[0] allows wildcard action "sqs:*" to {"Service":"sns.amazonaws.com"}; only account root principals (the default key policy) may get every action.${RESOURCE_FIX}`,
                ),
                violations(`policyDocument: Statement[0] uses NotPrincipal with Allow, which grants every other principal.${RESOURCE_FIX}`),
            ],
        );
    });
});

describe("iam-no-wildcards on other resources", () => {
    it("checks both providers' IAM, KMS, S3, SNS and SQS policy holders, and is not applicable to anything else", () => {
        assert.deepStrictEqual(IAM_POLICY_HOLDER_TYPES, [
            "aws:iam/role:Role",
            "aws:iam/rolePolicy:RolePolicy",
            "aws:iam/userPolicy:UserPolicy",
            "aws:iam/groupPolicy:GroupPolicy",
            "aws:iam/policy:Policy",
            "aws:iam/rolePolicyAttachment:RolePolicyAttachment",
            "aws:iam/userPolicyAttachment:UserPolicyAttachment",
            "aws:iam/groupPolicyAttachment:GroupPolicyAttachment",
            "aws:iam/policyAttachment:PolicyAttachment",
            "aws-native:iam:Role",
            "aws-native:iam:User",
            "aws-native:iam:Group",
            "aws-native:iam:RolePolicy",
            "aws-native:iam:UserPolicy",
            "aws-native:iam:GroupPolicy",
            "aws-native:iam:ManagedPolicy",
            "aws:kms/key:Key",
            "aws:kms/keyPolicy:KeyPolicy",
            "aws-native:kms:Key",
            "aws:s3/bucket:Bucket",
            "aws:s3/bucketV2:BucketV2",
            "aws:s3/bucketPolicy:BucketPolicy",
            "aws-native:s3:BucketPolicy",
            "aws:sns/topic:Topic",
            "aws:sns/topicPolicy:TopicPolicy",
            "aws-native:sns:TopicPolicy",
            "aws-native:sns:TopicInlinePolicy",
            "aws:sqs/queue:Queue",
            "aws:sqs/queuePolicy:QueuePolicy",
            "aws-native:sqs:QueueInlinePolicy",
        ]);
        assert.deepStrictEqual(runResourcePolicy(iamNoWildcards, { type: "aws:lambda/function:Function", name: "f", props: {} }), {
            kind: "notApplicable",
            reason: `Policy only applies to resources that hold or attach IAM policies (${IAM_POLICY_HOLDER_TYPES.join(", ")})`,
        });
    });

    it("a role without inline policies, a bucket without a policy, a key with the default policy have nothing to check", () => {
        const role = compliantStack().find((r) => r.name === "capture-forwarder-role")!;
        assert.deepStrictEqual(
            [
                run(role.type, withoutField(role.inputs, "inlinePolicies")),
                run("aws:s3/bucket:Bucket", { bucket: "b" }),
                run("aws:kms/key:Key", { description: "default key policy" }),
            ],
            [none, none, none],
        );
    });
});
