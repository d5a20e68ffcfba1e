import * as assert from "assert";
import { ROOT_LISTING_CONDITION } from "../../domain/dataset/connectorContract";
import { UnknownValueError } from "../../policy/policySdkInternals";
import { datasetConnectorReadOnly } from "../../policy/rules/datasetConnectorReadOnly";
import { SynthResource } from "../../tools/synth/policy/synthResource";
import { makeStackValidationArgs } from "../../tools/synth/policy/validationArgs";
import {
    changeField,
    compliantStack,
    CONNECTOR_PRINCIPAL,
    KMS_KEY_ARN,
    policyJson,
    replaceResource,
    stackView,
    synthResource,
} from "./fixtures";
import { runStackPolicy, UNKNOWN_VALUE, urnOf } from "./harness";

const none = { kind: "violations", violations: [] };
const ROLE = "aws:iam/role:Role";
const ROLE_POLICY = "aws:iam/rolePolicy:RolePolicy";
const roleUrn = urnOf(ROLE, "arthur-connector-role");
const policyUrn = urnOf(ROLE_POLICY, "arthur-connector-read");
const IN_POLICY = 'Dataset connector role "arthur-connector": RolePolicy arthur-connector-read policy:';
const ALLOWED = "s3:ListBucket, s3:GetObject, kms:Decrypt";
const ONLY = `a connector may only ${ALLOWED}.`;
const DATASET_OBJECTS = "arn:aws:s3:::capture-bucket/dataset/*";

/** The dataset table, the connector role and its policy, and an untagged role with its own policy. */
const connectorSet = () =>
    compliantStack().filter((r) =>
        [
            "realtime-dataset-table",
            "arthur-connector-role",
            "arthur-connector-read",
            "capture-forwarder-role",
            "capture-forwarder-metrics",
        ].includes(r.name),
    );
/** The connector's RolePolicy holding exactly `statements`. */
const granting = (...statements: object[]) => changeField(connectorSet(), "arthur-connector-read", "policy", policyJson(statements));
const allow = (Action: unknown, Resource: unknown, extra: object = {}) => ({ Effect: "Allow", Action, Resource, ...extra });
const run = (resources: SynthResource[]) => runStackPolicy(datasetConnectorReadOnly, stackView(resources));
const messages = (resources: SynthResource[]) => {
    const outcome = run(resources);
    return outcome.kind === "violations" ? outcome.violations.map((v) => [v.urn, v.message]) : outcome;
};

describe("dataset-connector-read-only", () => {
    it("passes a connector allowed ListBucket with an s3:prefix condition, GetObject under the dataset and Decrypt on the key", () => {
        assert.deepStrictEqual(run(connectorSet()), none);
    });

    it("passes trivially without connector roles: untagged roles are left to iam-no-wildcards", () => {
        const untagged = changeField(connectorSet(), "arthur-connector-role", "tags", {});
        assert.deepStrictEqual(run(changeField(untagged, "arthur-connector-read", "policy", policyJson([allow("s3:*", "*")]))), none);
        assert.deepStrictEqual(run(compliantStack().filter((r) => r.type !== ROLE && r.type !== ROLE_POLICY)), none);
    });

    describe("actions: only the allowlist, wildcards resolved against it", () => {
        it("a wildcard is refused even when it matches allowed actions; the remediation names the allowed ones it covers", () => {
            const resources = granting(allow(["s3:*", "s3:Get*", "kms:Decryp?", "iam:Pass*"], DATASET_OBJECTS));
            const wildcard = (action: string) =>
                `${IN_POLICY} Statement[0] allows wildcard action "${action}", which matches actions outside ${ALLOWED} (every action that fits it, including those AWS adds later).`;
            assert.deepStrictEqual(messages(resources), [
                [policyUrn, `${wildcard("s3:*")} Remediation: replace "s3:*" with "s3:ListBucket", "s3:GetObject".`],
                [policyUrn, `${wildcard("s3:Get*")} Remediation: replace "s3:Get*" with "s3:GetObject".`],
                [policyUrn, `${wildcard("kms:Decryp?")} Remediation: replace "kms:Decryp?" with "kms:Decrypt".`],
                [policyUrn, `${wildcard("iam:Pass*")} Remediation: remove "iam:Pass*"; ${ONLY}`],
            ]);
        });

        it('"*" covers all three; an action outside the list is refused; exact actions compare case-insensitively, as IAM does', () => {
            assert.deepStrictEqual(messages(granting(allow(["*", "s3:PutObject"], DATASET_OBJECTS))), [
                [
                    policyUrn,
                    `${IN_POLICY} Statement[0] allows wildcard action "*", which matches actions outside ${ALLOWED} (every action that fits it, including those AWS adds later). ` +
                        'Remediation: replace "*" with "s3:ListBucket", "s3:GetObject", "kms:Decrypt".',
                ],
                [
                    policyUrn,
                    `${IN_POLICY} Statement[0] allows "s3:PutObject", which is not one of ${ALLOWED}. Remediation: remove "s3:PutObject"; ${ONLY}`,
                ],
            ]);
            assert.deepStrictEqual(run(granting(allow("S3:getobject", DATASET_OBJECTS), allow("KMS:Decrypt", KMS_KEY_ARN))), none);
        });

        it("NotAction and NotResource with Allow are refused; Deny statements may use anything", () => {
            const resources = granting(
                { Effect: "Allow", NotAction: "iam:*", Resource: DATASET_OBJECTS },
                { Effect: "Allow", Action: "s3:GetObject", NotResource: "arn:aws:s3:::capture-bucket/capture/*" },
                { Effect: "Deny", Action: "*", NotResource: DATASET_OBJECTS },
            );
            assert.deepStrictEqual(messages(resources), [
                [
                    policyUrn,
                    `${IN_POLICY} Statement[0] uses NotAction with Allow, which grants every action it does not list. Remediation: list the actions in Action instead (only ${ALLOWED}).`,
                ],
                [
                    policyUrn,
                    `${IN_POLICY} Statement[1] uses NotResource with Allow, which grants every resource it does not list. Remediation: list the dataset's ARNs in Resource instead.`,
                ],
            ]);
        });
    });

    describe("resources: the dataset's objects and bucket, and one key", () => {
        it('Resource "*" for s3 actions', () => {
            assert.deepStrictEqual(messages(granting(allow("s3:GetObject", "*"))), [
                [
                    policyUrn,
                    `${IN_POLICY} Statement[0] grants on Resource "*" (every bucket, object and key). ` +
                        `Remediation: scope s3:GetObject to ${DATASET_OBJECTS}, s3:ListBucket to the dataset bucket with an s3:prefix condition, and kms:Decrypt to the dataset key's ARN.`,
                ],
            ]);
        });

        it("GetObject on the whole bucket, or on a prefix that only starts like the dataset's, reaches beyond it; a narrower prefix passes", () => {
            const beyond = (resource: string) => [
                policyUrn,
                `${IN_POLICY} Statement[0] grants on "${resource}", which reaches beyond the dataset (roots: s3://capture-bucket/dataset/). Remediation: scope it to ${DATASET_OBJECTS}.`,
            ];
            const resources = granting(
                allow("s3:GetObject", ["arn:aws:s3:::capture-bucket/*", "arn:aws:s3:::capture-bucket/data*", "arn:aws:s3:::*/dataset/*"]),
            );
            assert.deepStrictEqual(messages(resources), [
                beyond("arn:aws:s3:::capture-bucket/*"),
                beyond("arn:aws:s3:::capture-bucket/data*"),
                beyond("arn:aws:s3:::*/dataset/*"),
            ]);
            assert.deepStrictEqual(run(granting(allow("s3:GetObject", "arn:aws:s3:::capture-bucket/dataset/realtime-endpoint/*"))), none);
        });

        it("without a Glue table in the stack no S3 resource is within the dataset", () => {
            const resources = granting(allow("s3:GetObject", DATASET_OBJECTS)).filter((r) => r.name !== "realtime-dataset-table");
            assert.deepStrictEqual(messages(resources), [
                [
                    policyUrn,
                    `${IN_POLICY} Statement[0] grants on "${DATASET_OBJECTS}", which reaches beyond the dataset (roots: none: the stack declares no Glue table). ` +
                        "Remediation: scope it to an object ARN under a Glue table's folder.",
                ],
            ]);
        });

        it("ListBucket needs an s3:prefix condition (not ...IfExists) under the dataset, on a dataset bucket", () => {
            const list = (extra: object, bucket = "arn:aws:s3:::capture-bucket") => granting(allow("s3:ListBucket", bucket, extra));
            const fix = 'Remediation: add Condition {"StringLike": {"s3:prefix": ["dataset/*"]}} to Statement[0].';
            const missing = [
                policyUrn,
                `${IN_POLICY} Statement[0] allows s3:ListBucket without an s3:prefix condition (StringEquals or StringLike), so it lists every key of the bucket. ${fix}`,
            ];
            assert.deepStrictEqual(messages(list({})), [missing]);
            assert.deepStrictEqual(messages(list({ Condition: { StringLikeIfExists: { "s3:prefix": "dataset/*" } } })), [missing]);
            assert.deepStrictEqual(messages(list({ Condition: { StringLike: { "s3:prefix": ["dataset/*", "*"] } } })), [
                [
                    policyUrn,
                    `${IN_POLICY} Statement[0] lets s3:ListBucket list s3:prefix "*", outside the dataset (roots: s3://capture-bucket/dataset/). ${fix}`,
                ],
            ]);
            assert.deepStrictEqual(
                messages(list({ Condition: { StringEquals: { "s3:prefix": "dataset/" } } }, "arn:aws:s3:::other-bucket")),
                [
                    [
                        policyUrn,
                        `${IN_POLICY} Statement[0] grants on bucket "arn:aws:s3:::other-bucket", which holds no dataset of this stack (dataset roots: s3://capture-bucket/dataset/). ` +
                            "Remediation: name only a dataset bucket (arn:aws:s3:::capture-bucket) for s3:ListBucket.",
                    ],
                ],
            );
        });

        it('ListBucket of the bucket root passes only one level deep: s3:prefix "" with StringEquals s3:delimiter "/"', () => {
            const bucket = "arn:aws:s3:::capture-bucket";
            const prefixes = allow("s3:ListBucket", bucket, { Condition: { StringLike: { "s3:prefix": ["dataset/", "dataset/*"] } } });
            const root = (Condition: object) => granting(prefixes, allow("s3:ListBucket", bucket, { Condition }));
            assert.deepStrictEqual(run(root(ROOT_LISTING_CONDITION)), none);
            const refused = [
                [
                    policyUrn,
                    `${IN_POLICY} Statement[1] lets s3:ListBucket list s3:prefix "", outside the dataset (roots: s3://capture-bucket/dataset/); ` +
                        'the root ("") is allowed only with StringEquals s3:delimiter "/", one level deep, as {"StringEquals":{"s3:prefix":"","s3:delimiter":"/"}}. ' +
                        'Remediation: add Condition {"StringLike": {"s3:prefix": ["dataset/*"]}} to Statement[1]. ' +
                        'To let the platform list the bucket\'s root, use Condition {"StringEquals":{"s3:prefix":"","s3:delimiter":"/"}} alone.',
                ],
            ];
            assert.deepStrictEqual(messages(root({ StringEquals: { "s3:prefix": "" } })), refused);
            assert.deepStrictEqual(
                messages(root({ StringEquals: { "s3:prefix": "" }, StringEqualsIfExists: { "s3:delimiter": "/" } })),
                refused,
            );
            assert.deepStrictEqual(messages(root({ StringEquals: { "s3:prefix": "" }, StringLike: { "s3:delimiter": "*" } })), refused);
            assert.deepStrictEqual(messages(root({ StringLike: { "s3:prefix": "*" }, StringEquals: { "s3:delimiter": "/" } })), [
                [
                    policyUrn,
                    `${IN_POLICY} Statement[1] lets s3:ListBucket list s3:prefix "*", outside the dataset (roots: s3://capture-bucket/dataset/). ` +
                        'Remediation: add Condition {"StringLike": {"s3:prefix": ["dataset/*"]}} to Statement[1].',
                ],
            ]);
        });

        it("Decrypt on a key wildcard, an alias or another service's ARN is refused", () => {
            const resources = granting(
                allow("kms:Decrypt", [
                    "arn:aws:kms:us-east-1:123456789012:key/*",
                    "arn:aws:kms:us-east-1:123456789012:alias/dataset",
                    "arn:aws:sqs:us-east-1:123456789012:queue",
                ]),
            );
            const other = (resource: string) => [
                policyUrn,
                `${IN_POLICY} Statement[0] grants on "${resource}", which is neither the dataset's objects, its bucket nor one KMS key ARN. ` +
                    "Remediation: name the dataset's objects (arn:aws:s3:::<bucket>/<dataset prefix>/*), its bucket (for s3:ListBucket) and the dataset key's ARN (arn:aws:kms:<region>:<account>:key/<key id>).",
            ];
            assert.deepStrictEqual(messages(resources), [
                other("arn:aws:kms:us-east-1:123456789012:key/*"),
                other("arn:aws:kms:us-east-1:123456789012:alias/dataset"),
                other("arn:aws:sqs:us-east-1:123456789012:queue"),
            ]);
        });
    });

    describe("every policy the role holds", () => {
        it("inline policies on the role are checked like its RolePolicy", () => {
            const resources = changeField(connectorSet(), "arthur-connector-role", "inlinePolicies", [
                { name: "read", policy: policyJson([allow("kms:Decrypt", KMS_KEY_ARN)]) },
                { name: "write", policy: policyJson([allow("s3:PutObject", DATASET_OBJECTS)]) },
            ]);
            assert.deepStrictEqual(messages(resources), [
                [
                    roleUrn,
                    `Dataset connector role "arthur-connector": inlinePolicies[1].policy: Statement[0] allows "s3:PutObject", which is not one of ${ALLOWED}. Remediation: remove "s3:PutObject"; ${ONLY}`,
                ],
            ]);
        });

        it("managedPolicyArns, a RolePolicyAttachment and a PolicyAttachment are each refused", () => {
            const readOnly = "arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess";
            const resources = [
                ...changeField(connectorSet(), "arthur-connector-role", "managedPolicyArns", [readOnly]),
                synthResource("aws:iam/rolePolicyAttachment:RolePolicyAttachment", "connector-s3-read", {
                    role: "arthur-connector",
                    policyArn: readOnly,
                }),
                synthResource("aws:iam/policyAttachment:PolicyAttachment", "connector-shared", {
                    roles: ["capture-forwarder-role", "arthur-connector"],
                    policyArn: "arn:aws:iam::123456789012:policy/shared",
                }),
            ];
            const INLINE_ONLY =
                "grant the connector only s3:ListBucket, s3:GetObject and kms:Decrypt on the dataset, in an inline RolePolicy.";
            assert.deepStrictEqual(messages(resources), [
                [
                    roleUrn,
                    `Dataset connector role "arthur-connector" attaches managed policies through managedPolicyArns (${readOnly}); a connector holds only its read-only inline policy. ` +
                        `Remediation: remove managedPolicyArns; ${INLINE_ONLY}`,
                ],
                [
                    urnOf("aws:iam/rolePolicyAttachment:RolePolicyAttachment", "connector-s3-read"),
                    `Dataset connector role "arthur-connector": RolePolicyAttachment connector-s3-read attaches ${readOnly}; a connector holds only its read-only inline policy. ` +
                        `Remediation: remove the attachment; ${INLINE_ONLY}`,
                ],
                [
                    urnOf("aws:iam/policyAttachment:PolicyAttachment", "connector-shared"),
                    'Dataset connector role "arthur-connector": PolicyAttachment connector-shared attaches arn:aws:iam::123456789012:policy/shared; a connector holds only its read-only inline policy. ' +
                        `Remediation: remove the attachment; ${INLINE_ONLY}`,
                ],
            ]);
        });

        it("the trust policy needs sts:ExternalId with StringEquals and valid IDs", () => {
            const trust = (extra: object) =>
                changeField(
                    connectorSet(),
                    "arthur-connector-role",
                    "assumeRolePolicy",
                    policyJson([{ Effect: "Allow", Principal: { AWS: CONNECTOR_PRINCIPAL }, Action: "sts:AssumeRole", ...extra }]),
                );
            const fix =
                'Remediation: add Condition {"StringEquals": {"sts:ExternalId": "<the connector\'s external ID>"}} to Statement[0].';
            assert.deepStrictEqual(messages(trust({})), [
                [
                    roleUrn,
                    `Dataset connector role "arthur-connector": assumeRolePolicy: Statement[0] lets {"AWS":"${CONNECTOR_PRINCIPAL}"} assume the role without an sts:ExternalId condition, ` +
                        `so any caller the principal acts for could use it (confused deputy). ${fix}`,
                ],
            ]);
            assert.deepStrictEqual(messages(trust({ Condition: { StringLike: { "sts:ExternalId": "*" } } })), [
                [
                    roleUrn,
                    'Dataset connector role "arthur-connector": assumeRolePolicy: Statement[0] checks sts:ExternalId with StringLike ["*"], ' +
                        `not StringEquals on external IDs of 2-1224 letters, digits and +=,.@:/- characters. ${fix}`,
                ],
            ]);
            // One character: outside the 2-1224 characters STS accepts.
            assert.deepStrictEqual(messages(trust({ Condition: { StringEquals: { "sts:ExternalId": "x" } } })), [
                [
                    roleUrn,
                    'Dataset connector role "arthur-connector": assumeRolePolicy: Statement[0] checks sts:ExternalId with StringEquals ["x"], ' +
                        `not StringEquals on external IDs of 2-1224 letters, digits and +=,.@:/- characters. ${fix}`,
                ],
            ]);
        });

        it("a document that is not JSON", () => {
            assert.deepStrictEqual(messages(changeField(connectorSet(), "arthur-connector-read", "policy", "{")), [
                [policyUrn, `${IN_POLICY.slice(0, -1)} is not valid JSON. Remediation: give a valid IAM policy document.`],
            ]);
        });

        it("aws-native roles (tags as a list, policies[].policyDocument) and RolePolicy (roleName) are checked too", () => {
            const resources = [
                synthResource("aws-native:iam:Role", "native-connector", {
                    roleName: "native-connector",
                    tags: [{ key: "sagemaker-monitoring:component", value: "dataset-connector" }],
                    assumeRolePolicyDocument: {
                        Statement: [
                            {
                                Effect: "Allow",
                                Principal: { AWS: CONNECTOR_PRINCIPAL },
                                Action: "sts:AssumeRole",
                                Condition: { StringEquals: { "sts:ExternalId": "abc-123" } },
                            },
                        ],
                    },
                    policies: [{ policyName: "read", policyDocument: { Statement: [allow("kms:Decrypt", KMS_KEY_ARN)] } }],
                }),
                synthResource("aws-native:iam:RolePolicy", "native-connector-write", {
                    roleName: "native-connector",
                    policyName: "write",
                    policyDocument: { Statement: [allow("s3:DeleteObject", "arn:aws:s3:::capture-bucket/dataset/*")] },
                }),
                ...connectorSet().filter((r) => r.name === "realtime-dataset-table"),
            ];
            assert.deepStrictEqual(messages(resources), [
                [
                    urnOf("aws-native:iam:RolePolicy", "native-connector-write"),
                    `Dataset connector role "native-connector": RolePolicy native-connector-write policyDocument: Statement[0] allows "s3:DeleteObject", which is not one of ${ALLOWED}. ` +
                        `Remediation: remove "s3:DeleteObject"; ${ONLY}`,
                ],
            ]);
        });
    });

    describe("during preview", () => {
        it("a role whose name is unknown is joined to its RolePolicy through propertyDependencies", () => {
            const resources = replaceResource(
                changeField(
                    changeField(granting(allow("s3:PutObject", DATASET_OBJECTS)), "arthur-connector-role", "name", UNKNOWN_VALUE),
                    "arthur-connector-read",
                    "role",
                    UNKNOWN_VALUE,
                ),
                "arthur-connector-read",
                (r) => ({ ...r, propertyDependencies: { role: [roleUrn] } }),
            );
            assert.deepStrictEqual(messages(resources), [
                [
                    policyUrn,
                    `Dataset connector role resource "arthur-connector-role": RolePolicy arthur-connector-read policy: Statement[0] allows "s3:PutObject", which is not one of ${ALLOWED}. ` +
                        `Remediation: remove "s3:PutObject"; ${ONLY}`,
                ],
            ]);
        });

        it("inlinePolicies and managedPolicyArns wholly unknown (the provider's computed outputs) are skipped", () => {
            const resources = changeField(
                changeField(connectorSet(), "arthur-connector-role", "inlinePolicies", UNKNOWN_VALUE),
                "arthur-connector-role",
                "managedPolicyArns",
                UNKNOWN_VALUE,
            );
            assert.deepStrictEqual(run(resources), none);
        });

        it("an unknown table location withholds only the outside-the-dataset findings: the others are reported, then the rule can't run", () => {
            const resources = changeField(
                granting(allow(["s3:GetObject", "s3:PutObject"], "arn:aws:s3:::capture-bucket/*")),
                "realtime-dataset-table",
                "storageDescriptor.location",
                UNKNOWN_VALUE,
            );
            const reported: string[] = [];
            let thrown: unknown;
            try {
                const args = makeStackValidationArgs(
                    stackView(resources).map((r) => ({ ...r, urn: urnOf(r.type, r.name) })),
                    {},
                );
                void datasetConnectorReadOnly.validateStack(args, (message) => reported.push(message));
            } catch (e) {
                thrown = e;
            }
            assert.deepStrictEqual(
                [reported, thrown instanceof UnknownValueError],
                [
                    [
                        `${IN_POLICY} Statement[0] allows "s3:PutObject", which is not one of ${ALLOWED}. Remediation: remove "s3:PutObject"; ${ONLY}`,
                    ],
                    true,
                ],
            );
        });

        it("an unknown policy document can't be judged", () => {
            const outcome = run(changeField(connectorSet(), "arthur-connector-read", "policy", UNKNOWN_VALUE));
            assert.deepStrictEqual(outcome, {
                kind: "unknown",
                message: "string value at .policy can't be known during preview",
            });
        });
    });
});
