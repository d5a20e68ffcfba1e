import * as assert from "assert";
import { closestName, editDistance } from "../../domain/closestName";
import { tooBroadManagedPolicy } from "../../domain/awsManagedPolicies";
import { providerBoolean, providerNumber } from "../../domain/providerValues";
import { stackFileKey, stackPathOfTagValue, stackPathTagValue } from "../../domain/stackPathTag";
import { actionCoveredBy, isBroadResource, isWildcardAction, parsePolicyDocument } from "../../domain/iamPolicyDocument";
import { isAccountRootOnly, isPublicPrincipal, isRestrictingCondition } from "../../domain/iamResourcePolicy";
import { hasLocalNvmeStorage, instanceFamily, isGpuInstanceType } from "../../domain/instanceTypes";
import { bucketNameOfS3Uri } from "../../domain/s3Location";
import { arrayOf, isObject, nonEmptyString, objectOf, stringsOf, uniqueSorted } from "../../domain/values";
import {
    eventTypesOverlap,
    findOverlappingRules,
    notificationRulesOverlap,
    prefixesOverlap,
    sharedEventTypes,
    suffixesOverlap,
} from "../../domain/s3NotificationOverlap";

describe("s3NotificationOverlap", () => {
    const eventCases: [string, string, boolean][] = [
        ["s3:ObjectCreated:*", "s3:ObjectCreated:Put", true],
        ["s3:ObjectCreated:Put", "s3:ObjectCreated:*", true],
        ["s3:ObjectCreated:*", "s3:ObjectCreated:*", true],
        ["s3:ObjectCreated:Put", "s3:ObjectCreated:Post", false],
        ["s3:ObjectCreated:*", "s3:ObjectRemoved:Delete", false],
        ["s3:ObjectRemoved:*", "s3:ObjectRemoved:DeleteMarkerCreated", true],
        ["s3:ObjectRestore:*", "s3:ObjectRemoved:*", false],
    ];
    for (const [a, b, expected] of eventCases) {
        it(`event types ${a} / ${b} -> ${expected}`, () => assert.strictEqual(eventTypesOverlap(a, b), expected));
    }

    const keyCases: [string | undefined, string | undefined, boolean, boolean][] = [
        // a, b, prefixes overlap (as prefixes), suffixes overlap (as suffixes)
        [undefined, "capture/", true, true],
        ["capture/", "capture/ep-a/", true, false],
        ["capture/", "ground-truth/", false, false],
        [".jsonl", "data.jsonl", false, true],
        ["", "", true, true],
    ];
    for (const [a, b, prefix, suffix] of keyCases) {
        it(`key filters ${JSON.stringify(a)} / ${JSON.stringify(b)} -> prefix ${prefix}, suffix ${suffix}`, () => {
            assert.deepStrictEqual([prefixesOverlap(a, b), suffixesOverlap(a, b)], [prefix, suffix]);
        });
    }

    it("shared event types are the narrower of each overlapping pair, sorted and unique", () => {
        assert.deepStrictEqual(
            sharedEventTypes(
                { events: ["s3:ObjectCreated:*", "s3:ObjectRemoved:*"] },
                { events: ["s3:ObjectRemoved:Delete", "s3:ObjectCreated:Put", "s3:ObjectCreated:*"] },
            ),
            ["s3:ObjectCreated:*", "s3:ObjectCreated:Put", "s3:ObjectRemoved:Delete"],
        );
    });

    it("a prefix-only rule and a suffix-only rule on the same event overlap (S3 rejects them)", () => {
        assert.strictEqual(
            notificationRulesOverlap(
                { events: ["s3:ObjectCreated:*"], filterPrefix: "images/" },
                { events: ["s3:ObjectCreated:*"], filterSuffix: ".jpg" },
            ),
            true,
        );
    });

    it("different suffixes on the same prefix do not overlap", () => {
        assert.strictEqual(
            notificationRulesOverlap(
                { events: ["s3:ObjectCreated:*"], filterPrefix: "capture/", filterSuffix: ".jsonl" },
                { events: ["s3:ObjectCreated:*"], filterPrefix: "capture/", filterSuffix: ".csv" },
            ),
            false,
        );
    });

    it("finds every overlapping pair in index order", () => {
        assert.deepStrictEqual(
            findOverlappingRules([
                { events: ["s3:ObjectCreated:*"], filterPrefix: "a/" },
                { events: ["s3:ObjectCreated:Put"], filterPrefix: "b/" },
                { events: ["s3:ObjectCreated:Put"], filterPrefix: "a/x/" },
                { events: ["s3:ObjectCreated:Copy"] },
            ]),
            [
                { first: 0, second: 2, events: ["s3:ObjectCreated:Put"] },
                { first: 0, second: 3, events: ["s3:ObjectCreated:Copy"] },
            ],
        );
    });
});

describe("instanceTypes", () => {
    const cases: [string, string | undefined, boolean, boolean][] = [
        // type, family, GPU, local NVMe
        ["ml.m5.xlarge", "m5", false, false],
        ["ml.m5d.xlarge", "m5d", false, true],
        ["ml.c6gd.2xlarge", "c6gd", false, true],
        ["ml.m6gd.large", "m6gd", false, true],
        ["ml.g4dn.xlarge", "g4dn", true, true],
        ["ml.g5.xlarge", "g5", true, true],
        ["ml.g5g.xlarge", "g5g", true, false],
        ["ml.g6e.2xlarge", "g6e", true, true],
        ["ml.p3.2xlarge", "p3", true, false],
        ["ml.p3dn.24xlarge", "p3dn", true, true],
        ["ml.p4d.24xlarge", "p4d", true, true],
        ["ml.p5.48xlarge", "p5", true, true],
        ["ml.p6-b200.48xlarge", "p6-b200", true, true],
        ["ml.inf2.xlarge", "inf2", false, false],
        ["ml.trn1.32xlarge", "trn1", false, true],
        ["serverless", undefined, false, false],
    ];
    for (const [type, family, gpu, nvme] of cases) {
        it(`${type}: family ${family}, GPU ${gpu}, local NVMe ${nvme}`, () => {
            assert.deepStrictEqual([instanceFamily(type), isGpuInstanceType(type), hasLocalNvmeStorage(type)], [family, gpu, nvme]);
        });
    }
});

describe("bucketNameOfS3Uri", () => {
    const cases: [string, string | undefined][] = [
        ["s3://capture-bucket/capture/ep", "capture-bucket"],
        ["s3://capture-bucket", "capture-bucket"],
        ["https://capture-bucket.s3.amazonaws.com/capture", "capture-bucket"],
        ["https://capture-bucket.s3.us-east-1.amazonaws.com/capture", "capture-bucket"],
        ["https://my.dotted.bucket.s3-us-west-2.amazonaws.com/x", "my.dotted.bucket"],
        ["https://s3.us-east-1.amazonaws.com/capture-bucket/capture", "capture-bucket"],
        ["gs://bucket/x", undefined],
    ];
    for (const [uri, bucket] of cases) {
        it(`${uri} -> ${bucket}`, () => assert.strictEqual(bucketNameOfS3Uri(uri), bucket));
    }
});

describe("iamPolicyDocument", () => {
    it("reads a single statement object and string Action/Resource, its principal and its condition tests", () => {
        assert.deepStrictEqual(
            parsePolicyDocument({
                Statement: {
                    Sid: "One",
                    Effect: "Allow",
                    Principal: { Service: "s3.amazonaws.com" },
                    Action: "s3:GetObject",
                    Resource: "arn:aws:s3:::b/*",
                    Condition: { StringEquals: { "aws:SourceAccount": "123456789012" }, ArnLike: { "aws:SourceArn": ["a", "b"] } },
                },
            }),
            {
                statements: [
                    {
                        label: 'Statement[0] (Sid "One")',
                        effect: "Allow",
                        actions: ["s3:GetObject"],
                        hasNotAction: false,
                        resources: ["arn:aws:s3:::b/*"],
                        hasNotResource: false,
                        principal: { Service: "s3.amazonaws.com" },
                        hasNotPrincipal: false,
                        conditions: [
                            { operator: "StringEquals", key: "aws:SourceAccount", values: ["123456789012"] },
                            { operator: "ArnLike", key: "aws:SourceArn", values: ["a", "b"] },
                        ],
                    },
                ],
            },
        );
    });

    it("a broad resource names no particular resource; a wildcard after a concrete name or prefix scopes the grant", () => {
        const broad = [
            "*",
            "arn:aws:s3:::*",
            "arn:aws:s3:::*/capture/*",
            "arn:aws:iam::123456789012:role/*",
            "arn:aws:logs:us-east-1:123456789012:log-group:*",
            "arn:aws:sqs:us-east-1:123456789012:*",
            "arn:aws:sqs:us-east-1:*:queue",
            "arn:*:s3:::bucket",
            "bucket*",
        ];
        const scoped = [
            "arn:aws:s3:::capture-bucket/capture/*",
            "arn:aws:s3:::capture-*",
            "arn:aws:iam::123456789012:role/service-role/*",
            "arn:aws:logs:us-east-1:123456789012:log-group:/aws/lambda/forwarder:*",
            "arn:aws:secretsmanager:us-east-1:123456789012:secret:token-*",
            "arn:aws:logs:*:123456789012:log-group:/aws/sagemaker/Endpoints/x",
            "arn:aws:s3:::capture-bucket",
        ];
        assert.deepStrictEqual([broad.map(isBroadResource), scoped.map(isBroadResource)], [broad.map(() => true), scoped.map(() => false)]);
    });

    it("AWS-managed administrator, power-user and full-access policies are too broad, from one table", () => {
        assert.deepStrictEqual(
            [
                "arn:aws:iam::aws:policy/AdministratorAccess",
                "arn:aws-us-gov:iam::aws:policy/PowerUserAccess",
                "arn:aws:iam::aws:policy/IAMFullAccess",
                "arn:aws:iam::aws:policy/job-function/SystemAdministrator",
                "arn:aws:iam::aws:policy/AmazonS3FullAccess",
                "arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole",
                "arn:aws:iam::123456789012:policy/AdministratorAccess",
            ].map(tooBroadManagedPolicy),
            [
                "every action on every resource",
                "every action except most IAM and Organizations actions",
                "every IAM action, so its holder can grant itself anything",
                "administrator access to compute, networking and operations services",
                "full access to a whole service",
                undefined,
                undefined,
            ],
        );
    });

    it("a condition restricts who calls only with a matching operator on a caller key and concrete values", () => {
        const test = (operator: string, key: string, values: string[]) => isRestrictingCondition({ operator, key, values });
        assert.deepStrictEqual(
            [
                test("StringEquals", "aws:SourceAccount", ["123456789012"]),
                test("ArnLike", "aws:SourceArn", ["arn:aws:s3:::capture-bucket"]),
                test("ForAnyValue:StringLike", "aws:PrincipalOrgPaths", ["o-abc/r-1/*"]),
                test("stringequals", "AWS:PrincipalOrgID", ["o-abc"]),
                test("StringEqualsIfExists", "aws:SourceAccount", ["123456789012"]),
                test("StringLike", "aws:SourceArn", ["*"]),
                test("Bool", "aws:SecureTransport", ["true"]),
                test("StringEquals", "sts:ExternalId", ["secret"]),
            ],
            [true, true, true, true, false, false, false, false],
        );
    });

    it("public and account-root principals", () => {
        assert.deepStrictEqual(
            [
                ["*", { AWS: "*" }, { AWS: ["arn:aws:iam::123456789012:root", "*"] }, { Service: "sns.amazonaws.com" }].map(
                    isPublicPrincipal,
                ),
                [
                    { AWS: "arn:aws:iam::123456789012:root" },
                    { AWS: ["123456789012", "arn:aws-cn:iam::210987654321:root"] },
                    { AWS: "arn:aws:iam::123456789012:role/admin" },
                    "*",
                ].map(isAccountRootOnly),
            ],
            [
                [true, true, true, false],
                [true, true, false, false],
            ],
        );
    });

    it("rejects documents that are not objects", () => {
        assert.deepStrictEqual(parsePolicyDocument("[1]"), { error: "is not a JSON object" });
    });

    it("wildcard actions are * and service:*, not partial wildcards", () => {
        assert.deepStrictEqual(["*", "s3:*", "s3:Get*", "s3:GetObject"].map(isWildcardAction), [true, true, false, false]);
    });

    it("allow-list patterns cover narrower actions, case-insensitively", () => {
        assert.deepStrictEqual(
            [
                actionCoveredBy("ec2:DescribeVpcs", "ec2:Describe*"),
                actionCoveredBy("ec2:describeSubnets", "ec2:Describe*"),
                actionCoveredBy("ec2:CreateNetworkInterface", "ec2:Describe*"),
                actionCoveredBy("cloudwatch:PutMetricData", "cloudwatch:PutMetricData"),
            ],
            [true, true, false, true],
        );
    });
});

describe("closestName", () => {
    it("measures edits", () => {
        assert.deepStrictEqual([editDistance("kitten", "sitting"), editDistance("", "abc"), editDistance("same", "same")], [3, 3, 0]);
    });

    it("suggests a plausible misspelling, and nothing for a far-off name", () => {
        const names = ["data-capture-sampling-100", "data-capture-kms", "iam-no-wildcards"];
        assert.deepStrictEqual(
            [closestName("data-capture-sampling", names), closestName("iam-no-wildcard", names), closestName("cost-budget", names)],
            ["data-capture-sampling-100", "iam-no-wildcards", undefined],
        );
    });
});

describe("values", () => {
    it("objects are non-null, non-array objects", () => {
        assert.deepStrictEqual([{}, [], null, "x", 1].map(isObject), [true, false, false, false, false]);
        assert.deepStrictEqual([objectOf({ a: 1 }), objectOf([1])], [{ a: 1 }, undefined]);
    });

    it("strings, arrays and string lists read defensively", () => {
        assert.deepStrictEqual([nonEmptyString("a"), nonEmptyString(""), nonEmptyString(3)], ["a", undefined, undefined]);
        assert.deepStrictEqual([arrayOf([1]), arrayOf("x"), stringsOf(["a", "", 2, "b"])], [[1], [], ["a", "b"]]);
    });

    it("uniqueSorted drops duplicates and sorts", () => {
        assert.deepStrictEqual(uniqueSorted(["b", "a", "b"]), ["a", "b"]);
    });
});

describe("providerValues: scalars as the provider converts them", () => {
    it("booleans and numbers given as strings", () => {
        assert.deepStrictEqual(
            [
                [true, false, "true", "FALSE", "no", 1, undefined].map(providerBoolean),
                [50, "50", " 99.5 ", "-1", "50%", "", Number.NaN, undefined].map(providerNumber),
            ],
            [
                [true, false, true, false, undefined, undefined, undefined],
                [50, 50, 99.5, -1, undefined, undefined, undefined, undefined],
            ],
        );
    });
});

describe("stackPathTag", () => {
    it("writes entry paths with dots (AWS tag values take no brackets) and reads them back as stack-file keys", () => {
        assert.deepStrictEqual(
            [
                stackPathTagValue("endpoints", 3),
                ["endpoints.3", "forwarders.0.sink", "endpoints[0]", "endpoints..1", ""].map(stackPathOfTagValue),
                stackFileKey("sagemaker-monitoring", "endpoints[3]", "dataCapture.samplingPercentage"),
            ],
            [
                "endpoints.3",
                ["endpoints[3]", "forwarders[0].sink", undefined, undefined, undefined],
                "sagemaker-monitoring:endpoints[3].dataCapture.samplingPercentage",
            ],
        );
    });
});
