/**
 * Pure reading of IAM policy documents (JSON strings or objects) and the least-privilege checks
 * iam-no-wildcards applies to identity policies (what a role, user or group may do). Resource
 * and trust policies (who may use a key, bucket, topic, queue or role) are checked in
 * iamResourcePolicy.ts, with the statements read here.
 */
import { arrayOf, objectOf } from "./values";

/**
 * The one table of actions that may have a wildcard resource (`"*"`, or `arn:...:network-interface/*`):
 * AWS cannot scope them to named resources. Entries ending in `*` cover every action with that
 * prefix (matching exact actions; an action written with a wildcard is itself a violation).
 * Sources: the Service Authorization Reference (no resource types listed for the action, or only
 * resources the call itself creates).
 * - ecr:GetAuthorizationToken: registry login for image pulls.
 * - ec2:Describe*: VPC lookups, including the describe calls that accompany
 *   ec2:CreateNetworkInterface for VPC-attached Lambdas and endpoints.
 * - ec2:CreateNetworkInterface, ec2:CreateNetworkInterfacePermission, ec2:DeleteNetworkInterface,
 *   ec2:DeleteNetworkInterfacePermission: the network interfaces SageMaker manages for a VPC-attached
 *   endpoint do not exist before the call creates them, so they cannot be named in advance (the
 *   execution role grants them on `network-interface/*`, `subnet/*` and `security-group/*` of its
 *   own account and region).
 * - cloudwatch:PutMetricData / GetMetricData / GetMetricStatistics / ListMetrics: metrics
 *   publishing and reading (scope PutMetricData with a cloudwatch:namespace condition).
 * - xray:Put*: trace segments and telemetry records.
 * - s3:ListAllMyBuckets.
 */
const ACTIONS_WITHOUT_RESOURCE_LEVEL_PERMISSIONS: readonly string[] = [
    "ecr:GetAuthorizationToken",
    "ec2:Describe*",
    "ec2:CreateNetworkInterface",
    "ec2:CreateNetworkInterfacePermission",
    "ec2:DeleteNetworkInterface",
    "ec2:DeleteNetworkInterfacePermission",
    "cloudwatch:PutMetricData",
    "cloudwatch:GetMetricData",
    "cloudwatch:GetMetricStatistics",
    "cloudwatch:ListMetrics",
    "xray:Put*",
    "s3:ListAllMyBuckets",
];

/** Services whose ARNs name the resource right after the account, without a resource type. */
const SERVICES_WITHOUT_RESOURCE_TYPE: readonly string[] = ["s3", "sqs", "sns"];

/** One `Condition` test: operator, key and the values it compares with. */
export interface ConditionTest {
    readonly operator: string;
    readonly key: string;
    readonly values: string[];
}

export interface PolicyStatement {
    /** "Statement[0]" or 'Statement[0] (Sid "ReadCapture")', for messages. */
    readonly label: string;
    readonly effect: string | undefined;
    readonly actions: string[];
    readonly hasNotAction: boolean;
    readonly resources: string[];
    readonly hasNotResource: boolean;
    /** `Principal` as written (a string or an object), undefined when absent. */
    readonly principal: unknown;
    readonly hasNotPrincipal: boolean;
    readonly conditions: ConditionTest[];
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

function conditionTests(condition: unknown): ConditionTest[] {
    return Object.entries(objectOf(condition) ?? {}).flatMap(([operator, tests]) =>
        Object.entries(objectOf(tests) ?? {}).map(([key, values]) => ({
            operator,
            key,
            values: (Array.isArray(values) ? values : [values]).map(String),
        })),
    );
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
            principal: statement.Principal,
            hasNotPrincipal: statement.NotPrincipal !== undefined,
            conditions: conditionTests(statement.Condition),
        };
    });
    return { statements };
}

/** True when the text contains an IAM wildcard character (`*` or `?`). */
function hasWildcard(text: string): boolean {
    return /[*?]/.test(text);
}

/** "*" or "service:*": every action, or every action of a service. */
export function isWildcardAction(action: string): boolean {
    return action === "*" || /^[^:*]+:\*$/.test(action);
}

/** True when `action` (an exact action) is covered by the allow-list pattern. */
export function actionCoveredBy(action: string, pattern: string): boolean {
    const a = action.toLowerCase();
    const p = pattern.toLowerCase();
    return p.endsWith("*") ? a.startsWith(p.slice(0, -1)) : a === p;
}

function supportsResourceLevelPermissions(action: string): boolean {
    return !ACTIONS_WITHOUT_RESOURCE_LEVEL_PERMISSIONS.some((pattern) => actionCoveredBy(action, pattern));
}

/**
 * True when a resource names no particular resource: `"*"`, a wildcard in the ARN's partition,
 * service or account, or a resource name that starts with a wildcard (`arn:aws:s3:::*`,
 * `arn:aws:iam::123456789012:role/*`, `...:log-group:*`). A wildcard after a concrete name or
 * prefix scopes the grant to it and is accepted: `arn:aws:s3:::capture-bucket/capture/*`,
 * `...:log-group:/aws/lambda/forwarder:*`, `...:secret:token-*`. The region may be a wildcard.
 */
export function isBroadResource(resource: string): boolean {
    if (!hasWildcard(resource)) {
        return false;
    }
    const parts = resource.split(":");
    if (parts[0] !== "arn" || parts.length < 6) {
        return true;
    }
    const [, partition, service, , account] = parts;
    if ([partition, service, account].some(hasWildcard)) {
        return true;
    }
    const rest = parts.slice(5).join(":");
    const name = SERVICES_WITHOUT_RESOURCE_TYPE.includes(service) ? rest : rest.replace(/^[A-Za-z0-9-]+[/:]/, "");
    return name === "" || /^[*?]/.test(name);
}

const quoted = (values: readonly string[]) => values.map((v) => JSON.stringify(v)).join(", ");

/**
 * Least-privilege problems of one Allow statement of an identity policy (Deny statements may use
 * wildcards freely): a wildcard character anywhere in an action, NotAction/NotResource, and a
 * broad resource for actions that support resource-level permissions.
 */
export function wildcardProblems(statement: PolicyStatement): string[] {
    if (statement.effect !== "Allow") {
        return [];
    }
    const problems: string[] = [];
    const wildcardActions = statement.actions.filter(hasWildcard);
    if (wildcardActions.length > 0) {
        problems.push(`${statement.label} allows wildcard action ${quoted(wildcardActions)}.`);
    }
    if (statement.hasNotAction) {
        problems.push(`${statement.label} uses NotAction with Allow, which grants every other action.`);
    }
    if (statement.hasNotResource) {
        problems.push(`${statement.label} uses NotResource with Allow, which grants every other resource.`);
    }
    const broad = statement.resources.filter(isBroadResource);
    if (broad.length > 0) {
        const scopable = statement.actions.filter((action) => !hasWildcard(action) && supportsResourceLevelPermissions(action));
        if (scopable.length > 0) {
            problems.push(
                `${statement.label} grants Resource ${quoted(broad)} to ${quoted(scopable)}, which support resource-level permissions.`,
            );
        }
    }
    return problems;
}
