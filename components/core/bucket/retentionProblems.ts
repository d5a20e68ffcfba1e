import * as rules from "../../../domain/validationRules";
import { joinPath, ProblemCollector } from "../validation/problems";

/**
 * A key prefix and its lifecycle expiry, as the capture bucket and its dataset both take them;
 * `at` is the path of the object holding them ("" at the top level).
 */
export function checkPrefixAndExpiration(
    problems: ProblemCollector,
    at: string,
    args: { prefix?: string; expirationDays?: number },
    existingBucket: boolean,
): void {
    if (args.prefix !== undefined) {
        problems.check(joinPath(at, "prefix"), rules.s3Prefix(args.prefix));
    }
    if (args.expirationDays === undefined) return;
    const path = joinPath(at, "expirationDays");
    problems.check(path, rules.integerInRange(args.expirationDays, rules.S3_EXPIRATION_DAYS.min, rules.S3_EXPIRATION_DAYS.max));
    if (existingBucket) {
        problems.add(path, "must not be set with `existing`: the lifecycle of an existing bucket is its owner's");
    }
}
