/**
 * dataset-connector-read-only: a dataset connector role (tagged DATASET_CONNECTOR_TAG) is
 * assumed from another account by a pull-based monitoring platform, so it may only list and get
 * the dataset's objects, list the bucket's root one level deep (a connection test's listing), and
 * decrypt them (domain/dataset/connectorPolicyRules.ts), and only a
 * caller presenting its external ID may assume it. Every policy the role holds is checked: its
 * inline policies (inlinePolicies / policies) and the RolePolicy resources of the stack attached to
 * it; a managed policy (managedPolicyArns, RolePolicyAttachment, PolicyAttachment) is a violation
 * by itself, since nothing this pack can see bounds what it grants. The dataset is what the stack's
 * Glue tables locate (datasetModel.ts).
 *
 * During preview a document built from ARNs is unknown and stops the check of that document only.
 * A role's inlinePolicies or managedPolicyArns wholly unknown is what the provider computes when the
 * program sets none; they are skipped then (the RolePolicy and attachment resources are checked on
 * their own, and `pulumi up` sees the real lists).
 */
import { DATASET_CONNECTOR_TAG } from "../../domain/dataset/connectorContract";
import {
    ConnectorProblem,
    connectorStatementProblems,
    connectorTrustProblems,
    DatasetRoot,
} from "../../domain/dataset/connectorPolicyRules";
import { parsePolicyDocument, PolicyStatement } from "../../domain/iamPolicyDocument";
import { arrayOf } from "../../domain/values";
import { datasetRoots, datasetTablesOf } from "../datasetModel";
import { IAM_POLICY_HOLDERS } from "../iamDocuments";
import { checkEach, isUnknownAt, knownString, knownStrings, knownTag } from "../previewSafe";
import { TYPES } from "../resourceTypes";
import { referencedResources, resourcesOfType, StackResource } from "../stackModel";
import { PackStackPolicy, RuleDefinition, violation } from "./ruleKit";

const ROLE_TYPES: readonly string[] = [TYPES.iamRole, TYPES.nativeIamRole];
/** Separate inline policies, by the property naming their role and the one holding the document. */
const ROLE_POLICIES: Record<string, { role: string; document: string }> = {
    [TYPES.iamRolePolicy]: { role: "role", document: "policy" },
    [TYPES.nativeIamRolePolicy]: { role: "roleName", document: "policyDocument" },
};
/** Managed-policy attachments, by the property naming the role(s). */
const ATTACHMENTS: Record<string, string> = { [TYPES.iamRolePolicyAttachment]: "role", [TYPES.iamPolicyAttachment]: "roles" };
/** Role properties a wholly unknown value of which is the provider's computed output (see the header). */
const COMPUTED_LISTS = ["inlinePolicies", "policies", "managedPolicyArns"];
const INLINE_ONLY = "grant the connector only s3:ListBucket, s3:GetObject and kms:Decrypt on the dataset, in an inline RolePolicy.";

/** The names a RolePolicy or attachment can name a role by: name (classic), roleName (aws-native), id, ARN. */
const roleIdentities = (role: StackResource) =>
    ["name", "roleName", "id", "arn"].map((key) => knownString(role.props, key)).filter((n): n is string => n !== undefined);

const roleSubject = (role: StackResource) => {
    const name = knownString(role.props, "name") ?? knownString(role.props, "roleName");
    return `Dataset connector role ${name === undefined ? `resource "${role.name}"` : `"${name}"`}`;
};

export const datasetConnectorReadOnly: PackStackPolicy = {
    name: "dataset-connector-read-only",
    description:
        `Roles tagged ${DATASET_CONNECTOR_TAG.key}=${DATASET_CONNECTOR_TAG.value} may only s3:ListBucket (with an s3:prefix condition) and s3:GetObject under the dataset's folders, s3:ListBucket the bucket's root one level deep (s3:prefix "" with StringEquals s3:delimiter "/") and kms:Decrypt one key, ` +
        "hold no managed policy, and trust their principal only with an sts:ExternalId.",
    enforcementLevel: "mandatory",
    severity: "critical",
    remediationSteps:
        "Give each connector role one inline policy allowing s3:ListBucket on the dataset bucket (Condition StringLike s3:prefix <dataset prefix>/*, and for the root listing only " +
        'StringEquals {"s3:prefix": "", "s3:delimiter": "/"}), s3:GetObject on arn:aws:s3:::<bucket>/<dataset prefix>/* ' +
        'and kms:Decrypt on the dataset key ARN, with no wildcard action, NotAction or Resource "*"; attach no managed policy; require sts:ExternalId (StringEquals) in its trust policy.',
    validateStack: (args, reportViolation) => {
        const roles = resourcesOfType(args.resources, ROLE_TYPES).filter(
            (role) => knownTag(role.props, DATASET_CONNECTOR_TAG.key) === DATASET_CONNECTOR_TAG.value,
        );
        if (roles.length === 0) {
            return;
        }
        let rootsRead: { roots: DatasetRoot[]; unknown: unknown } | undefined;
        const roots = () => (rootsRead ??= datasetRoots(datasetTablesOf(args.resources)));

        /** Reports what one document grants beyond the contract; `where` names it in messages. */
        const checkDocument = (
            subject: string,
            where: string,
            read: () => unknown,
            urn: string,
            problems: (statement: PolicyStatement) => ConnectorProblem[],
        ) => {
            const parsed = parsePolicyDocument(read());
            if ("error" in parsed) {
                reportViolation(violation(`${subject}: ${where} ${parsed.error}.`, "give a valid IAM policy document."), urn);
                return;
            }
            const found = parsed.statements.flatMap(problems);
            // A resource outside the known roots may be inside a root whose table location is still unknown.
            const { unknown } = roots();
            const reportable = unknown === undefined ? found : found.filter((p) => !p.outsideDataset);
            for (const { problem, remediation } of reportable) {
                reportViolation(violation(`${subject}: ${where}: ${problem}`, remediation), urn);
            }
            if (reportable.length < found.length) {
                throw unknown;
            }
        };
        const identity = (statement: PolicyStatement) => connectorStatementProblems(statement, roots().roots);

        checkEach(roles, (role) => {
            const subject = roleSubject(role);
            const held = IAM_POLICY_HOLDERS[role.type].documents(role.props).filter((doc) => !COMPUTED_LISTS.includes(doc.path));
            const checks: (() => void)[] = held.map(
                (doc) => () =>
                    checkDocument(subject, doc.path, doc.read, role.urn, doc.kind === "trust" ? connectorTrustProblems : identity),
            );
            checks.push(() => {
                const arns = arrayOf(isUnknownAt(role.props, "managedPolicyArns") ? [] : role.props.managedPolicyArns);
                if (arns.length > 0) {
                    const known = knownStrings(role.props, "managedPolicyArns");
                    reportViolation(
                        violation(
                            `${subject} attaches managed policies through managedPolicyArns (${known.join(", ") || "ARNs unknown until deployment"}); a connector holds only its read-only inline policy.`,
                            `remove managedPolicyArns; ${INLINE_ONLY}`,
                        ),
                        role.urn,
                    );
                }
            });
            for (const [type, { role: roleProperty, document }] of Object.entries(ROLE_POLICIES)) {
                for (const rolePolicy of resourcesOfType(args.resources, [type])) {
                    checks.push(() => {
                        if (referencedResources(rolePolicy, roleProperty, [role], roleIdentities).length > 0) {
                            const where = `RolePolicy ${rolePolicy.name} ${document}`;
                            checkDocument(subject, where, () => rolePolicy.props[document], rolePolicy.urn, identity);
                        }
                    });
                }
            }
            for (const [type, roleProperty] of Object.entries(ATTACHMENTS)) {
                for (const attachment of resourcesOfType(args.resources, [type])) {
                    checks.push(() => {
                        if (referencedResources(attachment, roleProperty, [role], roleIdentities).length > 0) {
                            const arn = knownString(attachment.props, "policyArn") ?? "a policy whose ARN is unknown until deployment";
                            reportViolation(
                                violation(
                                    `${subject}: ${type.split(":").pop()} ${attachment.name} attaches ${arn}; a connector holds only its read-only inline policy.`,
                                    `remove the attachment; ${INLINE_ONLY}`,
                                ),
                                attachment.urn,
                            );
                        }
                    });
                }
            }
            checkEach(checks, (check) => check());
        });
    },
};

export const datasetConnectorRules: RuleDefinition[] = [{ policy: datasetConnectorReadOnly }];
