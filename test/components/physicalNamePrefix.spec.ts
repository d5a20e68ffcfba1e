import * as assert from "assert";
import { bucketNamePrefix, namePrefix, PREFIX_LIMITS } from "../../components/core/physicalNamePrefix";

describe("physical name prefixes", () => {
    const cases: [string, string, string][] = [
        ["short name", bucketNamePrefix("capture"), "capture-"],
        ["capitals, underscores and dots S3 refuses", bucketNamePrefix("ML_Capture.main"), "ml-capture-main-"],
        ["leading punctuation", bucketNamePrefix("_x"), "x-"],
        ["nothing usable", bucketNamePrefix("__"), "bucket-"],
        ["cut to S3's 37", bucketNamePrefix("a".repeat(60)), `${"a".repeat(36)}-`],
        ["IAM keeps case, cut to 38", namePrefix("Churn-" + "b".repeat(50), PREFIX_LIMITS.iamRole), `Churn-${"b".repeat(31)}-`],
    ];
    for (const [label, actual, expected] of cases) {
        it(label, () => assert.strictEqual(actual, expected));
    }

    it("every S3 prefix is at most 37 characters of a-z, 0-9 and hyphens, starting with a letter or digit", () => {
        for (const name of ["capture", "ML_Capture.main", "_x", "__", "a".repeat(60), "churn-batch-dev-io"]) {
            assert.match(bucketNamePrefix(name), /^[a-z0-9][a-z0-9-]{0,35}-$/);
        }
    });
});
