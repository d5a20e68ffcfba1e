/**
 * Pure reading of IAM policy documents (JSON strings or objects) and the least-privilege
 * checks of iam-no-wildcards.
 */
import { arrayOf, objectOf } from "./values";

/**
 * Actions that do not support resource-level permissions: IAM only accepts `"Resource": "*"`
 * for them, so `*` is not a wildcard grant there. Entries ending in `*` cover every action
 * with that prefix. Sources: the Service Authorization Reference (no resource types listed).
 * - ecr:GetAuthorizationToken: registry login for image pulls.
 * - ec2:Describe*: VPC lookups, including the describe calls that accompany
 *   ec2:CreateNetworkInterface for VPC-attached Lambdas and endpoints.
 * - cloudwatch:PutMetricData / GetMetricData / GetMetricStatistics / ListMetrics: metrics
 *   publishing and reading (scope PutMetricData with a cloudwatch:namespace condition).
 * - xray:Put*: trace segments and telemetry records.
 * - s3:ListAllMyBuckets.
 */
export const ACTIONS_WITHOUT_RESOURCE_LEVEL_PERMISSIONS: readonly string[] = [
    "ecr:GetAuthorizationToken",
    "ec2:Describe*",
    "cloudwatch:PutMetricData",
    "cloudwatch:GetMetricData",
    "cloudwatch:GetMetricStatistics",
    "cloudwatch:ListMetrics",
    "xray:Put*",
    "s3:ListAllMyBuckets",
];

export interface PolicyStatement {
    /** "Statement[0]" or 'Statement[0] (Sid "ReadCapture")', for messages. */
    readonly label: string;
    readonly effect: string | undefined;
    readonly actions: string[];
    readonly hasNotAction: boolean;
    readonly resources: string[];
    readonly hasNotResource: boolean;
}

export type ParsedPolicyDocument = { statements: PolicyStatement[] } | { error: string };

const stringList = (value: unknown): string[] =>
    (typeof value === "string" ? [value] : arrayOf(value)).filter((item): item is string => typeof item === "string");

/** The raw statement objects of a policy document given as a JSON string or an object. */
export function readStatements(document: unknown): { statements: Record<string, any>[] } | { error: string } {
    let parsed: unknown = document;
    if (typeof document === "string") {
        try {
            parsed = JSON.parse(document);
        } catch {
            // Not the parser's message: it differs between Node versions, and reports must be deterministic.
            return { error: "is not valid JSON" };
        }
    }
    const root = objectOf(parsed);
    if (!root) {
        return { error: "is not a JSON object" };
    }
    // "Statement" may be a single statement object or a list of them.
    const raw = Array.isArray(root.Statement) ? root.Statement : root.Statement === undefined ? [] : [root.Statement];
    return { statements: raw.map((statement: unknown) => objectOf(statement) ?? {}) };
}

/** Reads a policy document given as a JSON string or an object. */
export function parsePolicyDocument(document: unknown): ParsedPolicyDocument {
    const read = readStatements(document);
    if ("error" in read) {
        return read;
    }
    const statements = read.statements.map((statement, i): PolicyStatement => {
        const sid = typeof statement.Sid === "string" && statement.Sid !== "" ? ` (Sid "${statement.Sid}")` : "";
        return {
            label: `Statement[${i}]${sid}`,
            effect: typeof statement.Effect === "string" ? statement.Effect : undefined,
            actions: stringList(statement.Action),
            hasNotAction: statement.NotAction !== undefined,
            resources: stringList(statement.Resource),
            hasNotResource: statement.NotResource !== undefined,
        };
    });
    return { statements };
}

/** "*" or "service:*": every action, or every action of a service. */
export function isWildcardAction(action: string): boolean {
    return action === "*" || /^[^:*]+:\*$/.test(action);
}

/** True when `action` (which may itself end in `*`) is covered by the allow-list pattern. */
export function actionCoveredBy(action: string, pattern: string): boolean {
    const a = action.toLowerCase();
    const p = pattern.toLowerCase();
    return p.endsWith("*") ? a.startsWith(p.slice(0, -1)) : a === p;
}

export function supportsResourceLevelPermissions(action: string): boolean {
    return !ACTIONS_WITHOUT_RESOURCE_LEVEL_PERMISSIONS.some((pattern) => actionCoveredBy(action, pattern));
}

/** Least-privilege problems of one Allow statement (Deny statements may use wildcards freely). */
export function wildcardProblems(statement: PolicyStatement): string[] {
    if (statement.effect !== "Allow") {
        return [];
    }
    const problems: string[] = [];
    const wildcardActions = statement.actions.filter(isWildcardAction);
    if (wildcardActions.length > 0) {
        problems.push(`${statement.label} allows wildcard action ${wildcardActions.map((a) => JSON.stringify(a)).join(", ")}.`);
    }
    if (statement.hasNotAction) {
        problems.push(`${statement.label} uses NotAction with Allow, which grants every other action.`);
    }
    if (statement.hasNotResource) {
        problems.push(`${statement.label} uses NotResource with Allow, which grants every other resource.`);
    }
    if (statement.resources.includes("*")) {
        const scopable = statement.actions.filter((action) => !isWildcardAction(action) && supportsResourceLevelPermissions(action));
        if (scopable.length > 0) {
            problems.push(
                `${statement.label} grants Resource "*" to ${scopable.map((a) => JSON.stringify(a)).join(", ")}, which support resource-level permissions.`,
            );
        }
    }
    return problems;
}
