/**
 * Checks of resource policies (KMS key, S3 bucket, SNS topic, SQS queue) and role trust policies:
 * who may act. An Allow to everyone (`Principal "*"`, `{"AWS": "*"}`) must carry a condition that
 * restricts who the caller is or where the call comes from; NotPrincipal with Allow grants every
 * other principal; and a wildcard action (`*`, `service:*`) goes only to account root principals,
 * which is the AWS default key policy: it delegates the key to the account's IAM policies, which
 * iam-no-wildcards checks in turn.
 */
import { ConditionTest, isWildcardAction, PolicyStatement } from "./iamPolicyDocument";
import { isObject } from "./values";

/**
 * Condition keys that restrict who calls or where from, so an Allow to `"*"` with one of them is
 * not public: the calling resource or account, the caller's organization, account or ARN, the
 * network the call comes from, and KMS's caller account.
 */
const RESTRICTING_CONDITION_KEYS: readonly string[] = [
    "aws:SourceArn",
    "aws:SourceAccount",
    "aws:SourceOwner",
    "aws:SourceOrgID",
    "aws:SourceOrgPaths",
    "aws:PrincipalOrgID",
    "aws:PrincipalOrgPaths",
    "aws:PrincipalAccount",
    "aws:PrincipalArn",
    "aws:SourceVpc",
    "aws:SourceVpce",
    "aws:SourceIp",
    "kms:CallerAccount",
];

/** Operators that require the key to match (an `...IfExists` operator passes when the key is absent). */
const MATCHING_OPERATORS: readonly string[] = ["stringequals", "stringequalsignorecase", "stringlike", "arnequals", "arnlike", "ipaddress"];

/** Every principal value of a statement: `"*"`, or each value of `{"AWS": ..., "Service": ..., ...}`. */
function principalValues(principal: unknown): { type: string; value: string }[] {
    if (typeof principal === "string") {
        return [{ type: "*", value: principal }];
    }
    if (!isObject(principal)) {
        return [];
    }
    return Object.entries(principal).flatMap(([type, values]) =>
        (Array.isArray(values) ? values : [values]).map((value) => ({ type, value: String(value) })),
    );
}

/** True when the statement's principal includes everyone. */
export function isPublicPrincipal(principal: unknown): boolean {
    return principalValues(principal).some(({ value }) => value === "*");
}

/** True when every principal is an account root (`arn:aws:iam::123456789012:root` or the bare account id). */
export function isAccountRootOnly(principal: unknown): boolean {
    const values = principalValues(principal);
    return (
        values.length > 0 &&
        values.every(({ type, value }) => type === "AWS" && (/^arn:aws[a-z-]*:iam::\d{12}:root$/.test(value) || /^\d{12}$/.test(value)))
    );
}

/** True when one test restricts the caller: a matching operator on a restricting key, with concrete values. */
export function isRestrictingCondition(test: ConditionTest): boolean {
    const operator = test.operator.toLowerCase().replace(/^foranyvalue:/, "");
    const key = test.key.toLowerCase();
    return (
        MATCHING_OPERATORS.includes(operator) &&
        RESTRICTING_CONDITION_KEYS.some((k) => k.toLowerCase() === key) &&
        test.values.length > 0 &&
        test.values.every((value) => /[^*?]/.test(value))
    );
}

const RESTRICTING_EXAMPLES = "aws:SourceArn, aws:SourceAccount, aws:PrincipalOrgID, ...";

/** Problems of one statement shared by resource and trust policies: public Allow without a restricting condition, NotPrincipal. */
function principalProblems(statement: PolicyStatement, what: string): string[] {
    const problems: string[] = [];
    if (isPublicPrincipal(statement.principal) && !statement.conditions.some(isRestrictingCondition)) {
        problems.push(
            `${statement.label} allows Principal ${JSON.stringify(statement.principal)} (anyone) ${what} without a condition restricting who (${RESTRICTING_EXAMPLES}).`,
        );
    }
    if (statement.hasNotPrincipal) {
        problems.push(`${statement.label} uses NotPrincipal with Allow, which grants every other principal.`);
    }
    return problems;
}

/** Problems of one Allow statement of a resource policy (key, bucket, topic or queue). */
export function resourceStatementProblems(statement: PolicyStatement): string[] {
    if (statement.effect !== "Allow") {
        return [];
    }
    const problems = principalProblems(statement, "to act on it");
    const wildcardActions = statement.actions.filter(isWildcardAction);
    if (wildcardActions.length > 0 && !isAccountRootOnly(statement.principal)) {
        problems.push(
            `${statement.label} allows wildcard action ${wildcardActions.map((a) => JSON.stringify(a)).join(", ")} to ${JSON.stringify(statement.principal ?? null)}; only account root principals (the default key policy) may get every action.`,
        );
    }
    if (statement.hasNotAction) {
        problems.push(`${statement.label} uses NotAction with Allow, which grants every other action.`);
    }
    return problems;
}

/** Problems of one Allow statement of a role's trust policy (assumeRolePolicy). */
export function trustStatementProblems(statement: PolicyStatement): string[] {
    return statement.effect === "Allow" ? principalProblems(statement, "to assume the role") : [];
}
