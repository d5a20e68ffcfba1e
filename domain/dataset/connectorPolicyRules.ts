/**
 * What keeps a dataset connector role read-only, as pure checks of its policy statements (read by
 * ../iamPolicyDocument.ts): the pack rule dataset-connector-read-only applies them, and the
 * components can test what they build against them.
 *
 * - Identity policies allow only CONNECTOR_ALLOWED_ACTIONS. An action with a wildcard is never
 *   allowed, even one that matches only allowed actions today (`kms:Decryp*`): a pattern matches
 *   every action name that fits it, including those AWS adds later, so the set it grants is never
 *   within a fixed list. Actions compare case-insensitively, as IAM compares them.
 * - Resources name the dataset and nothing else: objects under a dataset root
 *   (`arn:aws:s3:::<bucket>/<root>*`), a dataset bucket for s3:ListBucket, restricted by an
 *   s3:prefix condition under a root, and one KMS key ARN. The one s3:prefix outside the roots
 *   allowed is "" with ROOT_LISTING_CONDITION's delimiter test: the bucket's root, one level deep.
 * - The trust policy lets a principal assume the role only with an sts:ExternalId.
 */
import { kmsKeyArn } from "../arn";
import { ConditionTest, PolicyStatement } from "../iamPolicyDocument";
import { CONNECTOR_ALLOWED_ACTIONS, EXTERNAL_ID_PATTERN, ROOT_LISTING_CONDITION } from "./connectorContract";

/** A folder of the dataset: a bucket and a key prefix ending in "/" ("" for the whole bucket). */
export interface DatasetRoot {
    readonly bucket: string;
    readonly key: string;
}

export interface ConnectorProblem {
    readonly problem: string;
    readonly remediation: string;
    /** The problem is a resource outside the known dataset roots (a root not yet known could hold it). */
    readonly outsideDataset?: boolean;
}

const ALLOWED = CONNECTOR_ALLOWED_ACTIONS.join(", ");
const hasWildcard = (text: string) => /[*?]/.test(text);
const quoted = (value: string) => JSON.stringify(value);

/** IAM glob matching (`*` any run, `?` one character), case-insensitive. */
function globMatches(pattern: string, text: string): boolean {
    const source = pattern
        .split("")
        .map((c) => (c === "*" ? ".*" : c === "?" ? "." : c.replace(/[.+^${}()|[\]\\]/g, "\\$&")))
        .join("");
    return new RegExp(`^${source}$`, "i").test(text);
}

const isAllowedAction = (action: string) => CONNECTOR_ALLOWED_ACTIONS.some((allowed) => allowed.toLowerCase() === action.toLowerCase());

/** Why an action pattern grants more than the allowlist, or undefined when it grants only allowed actions. */
function actionProblem(label: string, action: string): ConnectorProblem | undefined {
    if (hasWildcard(action)) {
        const covered = CONNECTOR_ALLOWED_ACTIONS.filter((allowed) => globMatches(action, allowed));
        return {
            problem: `${label} allows wildcard action ${quoted(action)}, which matches actions outside ${ALLOWED} (every action that fits it, including those AWS adds later).`,
            remediation:
                covered.length > 0
                    ? `replace ${quoted(action)} with ${covered.map(quoted).join(", ")}.`
                    : `remove ${quoted(action)}; a connector may only ${ALLOWED}.`,
        };
    }
    return isAllowedAction(action)
        ? undefined
        : {
              problem: `${label} allows ${quoted(action)}, which is not one of ${ALLOWED}.`,
              remediation: `remove ${quoted(action)}; a connector may only ${ALLOWED}.`,
          };
}

/** The literal part of a pattern, before its first wildcard. */
const literalPrefix = (pattern: string) => pattern.split(/[*?]/)[0];

/** True when every key the pattern can match lies under `root` (the pattern's literal part starts with it). */
const keyWithin = (pattern: string, root: DatasetRoot) => literalPrefix(pattern).startsWith(root.key);

const rootsText = (roots: readonly DatasetRoot[]) =>
    roots.length === 0 ? "none: the stack declares no Glue table" : roots.map((r) => `s3://${r.bucket}/${r.key}`).join(", ");
const objectArns = (roots: readonly DatasetRoot[], partition: string) =>
    roots.length === 0
        ? "an object ARN under a Glue table's folder"
        : roots.map((r) => `arn:${partition}:s3:::${r.bucket}/${r.key}*`).join(" or ");

/** Why one resource of an Allow statement reaches beyond the dataset and its key, or undefined. */
function resourceProblem(label: string, resource: string, roots: readonly DatasetRoot[]): ConnectorProblem | undefined {
    if (resource === "*") {
        return {
            problem: `${label} grants on Resource "*" (every bucket, object and key).`,
            remediation: `scope s3:GetObject to ${objectArns(roots, "aws")}, s3:ListBucket to the dataset bucket with an s3:prefix condition, and kms:Decrypt to the dataset key's ARN.`,
        };
    }
    const [prefix, partition = "aws", service, , , ...rest] = resource.split(":");
    const name = rest.join(":");
    if (prefix === "arn" && service === "s3") {
        const slash = name.indexOf("/");
        const bucket = slash < 0 ? name : name.slice(0, slash);
        const sameBucket = hasWildcard(bucket) ? [] : roots.filter((root) => root.bucket === bucket);
        if (slash < 0) {
            return sameBucket.length > 0
                ? undefined
                : {
                      problem: `${label} grants on bucket ${quoted(resource)}, which holds no dataset of this stack (dataset roots: ${rootsText(roots)}).`,
                      remediation: `name only a dataset bucket (${roots.map((r) => `arn:${partition}:s3:::${r.bucket}`).join(", ") || "the bucket of a Glue table"}) for s3:ListBucket.`,
                      outsideDataset: true,
                  };
        }
        const key = name.slice(slash + 1);
        return sameBucket.some((root) => keyWithin(key, root))
            ? undefined
            : {
                  problem: `${label} grants on ${quoted(resource)}, which reaches beyond the dataset (roots: ${rootsText(roots)}).`,
                  remediation: `scope it to ${objectArns(roots, partition)}.`,
                  outsideDataset: true,
              };
    }
    if (prefix === "arn" && service === "kms" && !hasWildcard(resource) && kmsKeyArn(resource) === undefined) {
        return undefined;
    }
    return {
        problem: `${label} grants on ${quoted(resource)}, which is neither the dataset's objects, its bucket nor one KMS key ARN.`,
        remediation:
            "name the dataset's objects (arn:aws:s3:::<bucket>/<dataset prefix>/*), its bucket (for s3:ListBucket) and the dataset key's ARN (arn:aws:kms:<region>:<account>:key/<key id>).",
    };
}

/** s3:prefix tests a ListBucket grant may be limited by: plain matching operators (an ...IfExists one passes without the key). */
const isPrefixTest = (test: ConditionTest) =>
    test.key.toLowerCase() === "s3:prefix" && ["stringequals", "stringlike"].includes(test.operator.toLowerCase());

const { "s3:prefix": ROOT_PREFIX, "s3:delimiter": ROOT_DELIMITER } = ROOT_LISTING_CONDITION.StringEquals;
const isStringEquals = (test: ConditionTest) => test.operator.toLowerCase() === "stringequals";

/** The statement lists with exactly ROOT_LISTING_CONDITION's delimiter: StringEquals, that one value, no ...IfExists. */
const limitedToOneLevel = (statement: PolicyStatement) =>
    statement.conditions.some(
        (test) =>
            isStringEquals(test) &&
            test.key.toLowerCase() === "s3:delimiter" &&
            test.values.length === 1 &&
            test.values[0] === ROOT_DELIMITER,
    );

/** A ListBucket grant lists only under a dataset root (every s3:prefix value it allows lies under one), or the root one level deep. */
function listBucketProblem(statement: PolicyStatement, roots: readonly DatasetRoot[]): ConnectorProblem | undefined {
    if (!statement.actions.some((action) => action.toLowerCase() === "s3:listbucket")) {
        return undefined;
    }
    const example = roots[0] === undefined ? "<dataset prefix>/*" : `${roots[0].key}*`;
    const remediation = `add Condition {"StringLike": {"s3:prefix": [${quoted(example)}]}} to ${statement.label}.`;
    const tests = statement.conditions.filter(isPrefixTest);
    if (tests.length === 0) {
        return {
            problem: `${statement.label} allows s3:ListBucket without an s3:prefix condition (StringEquals or StringLike), so it lists every key of the bucket.`,
            remediation,
        };
    }
    const oneLevel = limitedToOneLevel(statement);
    const outside = tests.flatMap((test) =>
        test.values.filter(
            (value) => !roots.some((root) => keyWithin(value, root)) && !(oneLevel && isStringEquals(test) && value === ROOT_PREFIX),
        ),
    );
    if (outside.length === 0) {
        return undefined;
    }
    const rootListing = JSON.stringify(ROOT_LISTING_CONDITION);
    const unlimitedRoot = outside.includes(ROOT_PREFIX);
    return {
        problem:
            `${statement.label} lets s3:ListBucket list s3:prefix ${outside.map(quoted).join(", ")}, outside the dataset (roots: ${rootsText(roots)})` +
            (unlimitedRoot
                ? `; the root ("") is allowed only with StringEquals s3:delimiter "/", one level deep, as ${rootListing}.`
                : "."),
        remediation: unlimitedRoot
            ? `${remediation} To let the platform list the bucket's root, use Condition ${rootListing} alone.`
            : remediation,
        outsideDataset: true,
    };
}

/** What one statement of a connector role's identity policy grants beyond read-only access to the dataset. */
export function connectorStatementProblems(statement: PolicyStatement, roots: readonly DatasetRoot[]): ConnectorProblem[] {
    if (statement.effect !== "Allow") {
        return [];
    }
    const problems: (ConnectorProblem | undefined)[] = [];
    if (statement.hasNotAction) {
        problems.push({
            problem: `${statement.label} uses NotAction with Allow, which grants every action it does not list.`,
            remediation: `list the actions in Action instead (only ${ALLOWED}).`,
        });
    }
    if (statement.hasNotResource) {
        problems.push({
            problem: `${statement.label} uses NotResource with Allow, which grants every resource it does not list.`,
            remediation: "list the dataset's ARNs in Resource instead.",
        });
    }
    problems.push(...statement.actions.map((action) => actionProblem(statement.label, action)));
    problems.push(...statement.resources.map((resource) => resourceProblem(statement.label, resource, roots)));
    problems.push(listBucketProblem(statement, roots));
    return problems.filter((p): p is ConnectorProblem => p !== undefined);
}

/** A trust statement that lets a principal assume the role requires an sts:ExternalId (StringEquals, valid IDs). */
export function connectorTrustProblems(statement: PolicyStatement): ConnectorProblem[] {
    if (statement.effect !== "Allow") {
        return [];
    }
    const tests = statement.conditions.filter((test) => test.key.toLowerCase() === "sts:externalid");
    const valid = tests.some(
        (test) =>
            test.operator.toLowerCase() === "stringequals" &&
            test.values.length > 0 &&
            test.values.every((v) => EXTERNAL_ID_PATTERN.test(v)),
    );
    if (valid) {
        return [];
    }
    const found = tests.map((test) => `${test.operator} ${JSON.stringify(test.values)}`).join(", ");
    return [
        {
            problem:
                tests.length === 0
                    ? `${statement.label} lets ${JSON.stringify(statement.principal ?? null)} assume the role without an sts:ExternalId condition, so any caller the principal acts for could use it (confused deputy).`
                    : `${statement.label} checks sts:ExternalId with ${found}, not StringEquals on external IDs of 2-1224 letters, digits and +=,.@:/- characters.`,
            remediation: `add Condition {"StringEquals": {"sts:ExternalId": "<the connector's external ID>"}} to ${statement.label}.`,
        },
    ];
}
