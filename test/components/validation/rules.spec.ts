import * as assert from "assert";
import * as rules from "../../../domain/validationRules";
import { ProblemCollector } from "../../../components/core/validation/problems";

describe("validation rules", () => {
    const table: [string, string | undefined, string | undefined][] = [
        ["churn-dev", rules.sageMakerName("churn-dev"), undefined],
        ["a", rules.sageMakerName("a"), undefined],
        [
            "underscore",
            rules.sageMakerName("churn_dev"),
            'must match ^[a-zA-Z0-9](-*[a-zA-Z0-9]){0,62}$: letters, digits and hyphens, starting and ending with a letter or digit (got "churn_dev")',
        ],
        [
            "leading hyphen",
            rules.sageMakerName("-x"),
            'must match ^[a-zA-Z0-9](-*[a-zA-Z0-9]){0,62}$: letters, digits and hyphens, starting and ending with a letter or digit (got "-x")',
        ],
        ["64 chars", rules.sageMakerName("a".repeat(64)), `must be at most 63 characters (got 64: "${"a".repeat(64)}")`],
        ["empty", rules.sageMakerName(""), "must be a non-empty string of 1-63 characters matching ^[a-zA-Z0-9](-*[a-zA-Z0-9]){0,62}$"],
        ["integer ok", rules.integerInRange(100, 0, 100), undefined],
        ["integer over", rules.integerInRange(101, 0, 100), "must be an integer from 0 to 100 (got 101)"],
        ["integer fraction", rules.integerInRange(50.5, 0, 100), "must be an integer from 0 to 100 (got 50.5)"],
        ["integer string", rules.integerInRange("50", 0, 100), 'must be an integer from 0 to 100 (got "50")'],
        ["at least", rules.integerAtLeast(0, 1), "must be an integer >= 1 (got 0)"],
        ["one of", rules.oneOf(15, [10, 30]), "must be one of 10, 30 (got 15)"],
        ["s3 ok", rules.s3Uri("s3://my-bucket/a/b.tar.gz"), undefined],
        [
            "s3 https",
            rules.s3Uri("https://my-bucket/x"),
            'must be an S3 URI of the form s3://<bucket>/<key>, bucket 3-63 lowercase letters, digits, dots and hyphens (got "https://my-bucket/x")',
        ],
        ["prefix ok", rules.s3Prefix("datacapture/v1"), undefined],
        [
            "prefix slash",
            rules.s3Prefix("/datacapture"),
            `must be 1-512 characters of S3-safe key segments (letters, digits, !_.*'()-) separated by single "/", with no leading or trailing "/" (got "/datacapture")`,
        ],
        [
            "bucket name",
            rules.s3BucketName("My_Bucket"),
            'must be an S3 bucket name: 3-63 lowercase letters, digits, dots and hyphens, starting and ending with a letter or digit (got "My_Bucket")',
        ],
    ];
    for (const [label, actual, expected] of table) {
        it(label, () => assert.strictEqual(actual, expected));
    }

    it("tag rules name each bad key", () => {
        assert.deepStrictEqual(rules.tagProblems({ ok: "v", "aws:x": "v", "bad#key": "v", long: "x".repeat(257) }), [
            { key: "aws:x", reason: 'tag key must not start with the reserved prefix "aws:" (got "aws:x")' },
            { key: "bad#key", reason: 'tag key must be 1-128 letters, digits, spaces and _.:/=+-@ (got "bad#key")' },
            {
                key: "long",
                reason: `tag value must be a string of 0-256 letters, digits, spaces and _.:/=+-@ (got ${JSON.stringify("x".repeat(257))})`,
            },
        ]);
        const many = Object.fromEntries(Array.from({ length: 51 }, (_, i) => [`k${i}`, "v"]));
        assert.deepStrictEqual(rules.tagProblems(many), [{ reason: "must have at most 50 tags (got 51)" }]);
    });

    it("parses S3 URIs into bucket and key", () => {
        assert.deepStrictEqual(rules.parseS3Uri("s3://b-1/x/y/"), { bucket: "b-1", key: "x/y/" });
        assert.deepStrictEqual(rules.parseS3Uri("s3://b-1"), { bucket: "b-1", key: "" });
    });

    it("collects problems with prefixes and throws them all at once", () => {
        const problems = new ProblemCollector();
        problems.add("a", "first");
        problems.addAll(
            [
                { propertyPath: "b[0]", reason: "second" },
                { propertyPath: "[1].c", reason: "third" },
            ],
            "root",
        );
        assert.throws(
            () => problems.throwIfAny("Thing"),
            (error: any) => {
                assert.deepStrictEqual(error.errors, [
                    { propertyPath: "a", reason: "first" },
                    { propertyPath: "root.b[0]", reason: "second" },
                    { propertyPath: "root[1].c", reason: "third" },
                ]);
                assert.strictEqual(error.message, "Thing: 3 invalid inputs:\n  - a: first\n  - root.b[0]: second\n  - root[1].c: third");
                return true;
            },
        );
    });
});
