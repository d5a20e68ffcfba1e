import * as assert from "assert";
import { ROOT_LISTING_CONDITION } from "../../../domain/dataset/connectorContract";
import { connectorStatementProblems, connectorTrustProblems, DatasetRoot } from "../../../domain/dataset/connectorPolicyRules";
import { parsePolicyDocument, PolicyStatement } from "../../../domain/iamPolicyDocument";

const statement = (raw: object): PolicyStatement => {
    const parsed = parsePolicyDocument({ Statement: [raw] });
    if ("error" in parsed) throw new Error(parsed.error);
    return parsed.statements[0];
};
const problems = (raw: object, roots: DatasetRoot[]) => connectorStatementProblems(statement(raw), roots).map((p) => p.problem);

describe("connector policy rules (pure)", () => {
    it("a dataset at the bucket root (a table at s3://b/<endpoint>/) covers the whole bucket", () => {
        const roots = [{ bucket: "dataset-bucket", key: "" }];
        const read = { Effect: "Allow", Action: "s3:GetObject", Resource: "arn:aws:s3:::dataset-bucket/*" };
        const list = {
            Effect: "Allow",
            Action: "s3:ListBucket",
            Resource: "arn:aws:s3:::dataset-bucket",
            Condition: { StringLike: { "s3:prefix": "*" } },
        };
        assert.deepStrictEqual([problems(read, roots), problems(list, roots)], [[], []]);
    });

    it('ListBucket outside the roots: only s3:prefix "" with exactly StringEquals s3:delimiter "/" (the root, one level deep)', () => {
        const roots = [{ bucket: "b", key: "dataset/" }];
        const list = (Condition: object) =>
            problems({ Effect: "Allow", Action: "s3:ListBucket", Resource: "arn:aws:s3:::b", Condition }, roots);
        const refused = (values: string) =>
            `Statement[0] lets s3:ListBucket list s3:prefix ${values}, outside the dataset (roots: s3://b/dataset/); ` +
            'the root ("") is allowed only with StringEquals s3:delimiter "/", one level deep, as {"StringEquals":{"s3:prefix":"","s3:delimiter":"/"}}.';
        assert.deepStrictEqual(
            [
                list(ROOT_LISTING_CONDITION),
                list({ StringEquals: { "S3:Prefix": ["", "dataset/"], "s3:delimiter": ["/"] } }),
                list({ StringEquals: { "s3:prefix": "" } }),
                list({ StringEquals: { "s3:prefix": "", "s3:delimiter": ["/", ""] } }),
                list({ StringEquals: { "s3:prefix": "", "s3:delimiter": "|" } }),
                list({ StringEquals: { "s3:prefix": "" }, StringLike: { "s3:delimiter": "/" } }),
                list({ StringEquals: { "s3:prefix": "" }, StringEqualsIfExists: { "s3:delimiter": "/" } }),
                list({ StringLike: { "s3:prefix": "" }, StringEquals: { "s3:delimiter": "/" } }),
                list({ StringEquals: { "s3:prefix": ["", "other/"], "s3:delimiter": "/" } }),
                list({ StringEqualsIfExists: { "s3:prefix": "", "s3:delimiter": "/" } }),
            ],
            [
                [],
                [],
                [refused('""')],
                [refused('""')],
                [refused('""')],
                [refused('""')],
                [refused('""')],
                [refused('""')],
                ['Statement[0] lets s3:ListBucket list s3:prefix "other/", outside the dataset (roots: s3://b/dataset/).'],
                [
                    "Statement[0] allows s3:ListBucket without an s3:prefix condition (StringEquals or StringLike), so it lists every key of the bucket.",
                ],
            ],
        );
        const [unlimited] = connectorStatementProblems(
            statement({
                Effect: "Allow",
                Action: "s3:ListBucket",
                Resource: "arn:aws:s3:::b",
                Condition: { StringEquals: { "s3:prefix": "" } },
            }),
            roots,
        );
        assert.deepStrictEqual(
            unlimited.remediation,
            'add Condition {"StringLike": {"s3:prefix": ["dataset/*"]}} to Statement[0]. To let the platform list the bucket\'s root, use Condition {"StringEquals":{"s3:prefix":"","s3:delimiter":"/"}} alone.',
        );
        assert.strictEqual(unlimited.outsideDataset, true);
    });

    it("a wildcard never resolves to the allowlist, whatever it matches; matching is IAM's glob, case-insensitive", () => {
        const roots = [{ bucket: "b", key: "dataset/" }];
        const allowed = (action: string) =>
            problems({ Effect: "Allow", Action: action, Resource: "arn:aws:s3:::b/dataset/*" }, roots).length === 0;
        assert.deepStrictEqual(
            ["s3:GetObject", "S3:GETOBJECT", "s3:GetObject*", "s3:GetObjec?", "s3:?etObject", "s3:GetObjectAcl", "kms:Decrypt"].map(
                allowed,
            ),
            [true, true, false, false, false, false, true],
        );
        const remediations = connectorStatementProblems(
            statement({ Effect: "Allow", Action: "S3:?ETOBJECT", Resource: "arn:aws:s3:::b/dataset/*" }),
            roots,
        );
        assert.deepStrictEqual(
            remediations.map((p) => p.remediation),
            ['replace "S3:?ETOBJECT" with "s3:GetObject".'],
        );
    });

    it("only findings about resources outside the known roots are marked outsideDataset (a root still unknown at preview may hold them)", () => {
        const found = connectorStatementProblems(
            statement({ Effect: "Allow", Action: ["s3:GetObject", "s3:PutObject"], Resource: "arn:aws:s3:::b/other/*" }),
            [{ bucket: "b", key: "dataset/" }],
        );
        assert.deepStrictEqual(
            found.map((p) => p.outsideDataset === true),
            [false, true],
        );
    });

    it("trust: Deny statements need no external ID; each Allow statement does", () => {
        const deny = statement({ Effect: "Deny", Principal: "*", Action: "sts:AssumeRole" });
        const valid = statement({
            Effect: "Allow",
            Principal: { AWS: "arn:aws:iam::210987654321:role/x" },
            Action: "sts:AssumeRole",
            Condition: { StringEquals: { "STS:EXTERNALID": ["a1", "b2"] } },
        });
        assert.deepStrictEqual([connectorTrustProblems(deny), connectorTrustProblems(valid)], [[], []]);
    });
});
