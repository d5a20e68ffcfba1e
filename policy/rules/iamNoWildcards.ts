/**
 * iam-no-wildcards: no IAM document in the stack grants more than it names. Identity policies
 * (inline and managed, for roles, users and groups) allow no action with a wildcard character and
 * no broad resource for actions AWS can scope; no AWS-managed administrator, power-user or
 * full-access policy is attached; trust policies and the resource policies of keys, buckets,
 * topics and queues allow no one-and-all principal without a restricting condition and no
 * wildcard action except to account roots. Which resource holds which document is in
 * ../iamDocuments.ts; the checks themselves are pure (domain/iam*.ts).
 */
import { tooBroadManagedPolicy } from "../../domain/awsManagedPolicies";
import { wildcardProblems, parsePolicyDocument, PolicyStatement } from "../../domain/iamPolicyDocument";
import { resourceStatementProblems, trustStatementProblems } from "../../domain/iamResourcePolicy";
import { DocumentKind, IAM_POLICY_HOLDER_TYPES, IAM_POLICY_HOLDERS } from "../iamDocuments";
import { checkEach } from "../previewSafe";
import { PackResourcePolicy, RuleDefinition, violation } from "./ruleKit";

const CHECKS: Record<DocumentKind, { problems: (statement: PolicyStatement) => string[]; remediation: string }> = {
    identity: {
        problems: wildcardProblems,
        remediation: "name the exact actions and scope Resource to the ARNs they act on.",
    },
    trust: {
        problems: trustStatementProblems,
        remediation:
            "name the principals that may assume the role (a service, an account or a role ARN), or restrict them with a condition such as aws:PrincipalOrgID or aws:SourceArn.",
    },
    resource: {
        problems: resourceStatementProblems,
        remediation:
            'name the principals (accounts, roles or services) and the exact actions they need, or restrict Principal "*" with a condition such as aws:SourceArn, aws:SourceAccount or aws:PrincipalOrgID.',
    },
};

const MANAGED_POLICY_REMEDIATION = "attach a customer-managed policy that names the exact actions and resources instead.";

export const iamNoWildcards: PackResourcePolicy = {
    name: "iam-no-wildcards",
    description:
        'IAM identity policies allow no wildcard action and no broad resource AWS could scope, attach no AWS-managed administrator or full-access policy; trust and resource policies (keys, buckets, topics, queues) allow no unrestricted "*" principal and no wildcard action except to account roots.',
    enforcementLevel: "mandatory",
    severity: "high",
    remediationSteps:
        'List exact actions (no "*" or "?" in them) and scope Resource to ARNs; "*" is accepted only for actions without resource-level permissions (ecr:GetAuthorizationToken, ec2:Describe*, cloudwatch:PutMetricData, ...). Attach customer-managed policies, not AdministratorAccess, PowerUserAccess or *FullAccess. Name the principals of trust and resource policies, or restrict "*" with aws:SourceArn, aws:SourceAccount or aws:PrincipalOrgID.',
    validateResource: (args, reportViolation) => {
        const holder = IAM_POLICY_HOLDERS[args.type];
        if (holder === undefined) {
            return args.notApplicable(
                `Policy only applies to resources that hold or attach IAM policies (${IAM_POLICY_HOLDER_TYPES.join(", ")})`,
            );
        }
        const checkDocuments = () =>
            checkEach(holder.documents(args.props), ({ path, kind, read }) => {
                const parsed = parsePolicyDocument(read());
                if ("error" in parsed) {
                    reportViolation(violation(`${path} ${parsed.error}.`, "give a valid IAM policy document."));
                    return;
                }
                const { problems, remediation } = CHECKS[kind];
                for (const problem of parsed.statements.flatMap(problems)) {
                    reportViolation(violation(`${path}: ${problem}`, remediation));
                }
            });
        const checkAttachedArns = () => {
            for (const { path, arn } of holder.attachedArns(args.props)) {
                const grants = tooBroadManagedPolicy(arn);
                if (grants !== undefined) {
                    reportViolation(
                        violation(`${path} attaches the AWS-managed policy ${arn}, which grants ${grants}.`, MANAGED_POLICY_REMEDIATION),
                    );
                }
            }
        };
        // Independent parts: a document unknown during preview does not stop the others.
        checkEach([checkDocuments, checkAttachedArns], (check) => check());
    },
};

export const iamRules: RuleDefinition[] = [{ policy: iamNoWildcards }];
