/**
 * iam-no-wildcards: IAM policies grant no "*" or "service:*" action, and no "*" resource for
 * actions that support resource-level permissions. Checks aws:iam/role inline policies,
 * aws:iam/rolePolicy and aws:iam/policy, with documents given as JSON strings or objects.
 */
import { parsePolicyDocument, wildcardProblems } from "../../domain/iamPolicyDocument";
import { arrayOf, objectOf } from "../../domain/values";
import { IAM_POLICY_HOLDER_TYPES, TYPES } from "../resourceTypes";
import { PackResourcePolicy, RuleDefinition, violation } from "./ruleKit";

const REMEDIATION = "name the exact actions and scope Resource to the ARNs they act on.";

/** The policy documents a resource holds, each with the property path that holds it. */
function documentsOf(type: string, props: Record<string, any>): { path: string; document: unknown }[] {
    if (type === TYPES.iamRole) {
        return arrayOf(props.inlinePolicies)
            .map((inline, i) => ({ path: `inlinePolicies[${i}].policy`, document: objectOf(inline)?.policy }))
            .filter(({ document }) => document !== undefined);
    }
    return props.policy === undefined ? [] : [{ path: "policy", document: props.policy }];
}

export const iamNoWildcards: PackResourcePolicy = {
    name: "iam-no-wildcards",
    description:
        'IAM policies allow no "*" or "service:*" action, and no "*" resource where the action supports resource-level permissions.',
    enforcementLevel: "mandatory",
    severity: "high",
    remediationSteps:
        'List the exact actions instead of "*" or "service:*", and scope Resource to ARNs; "*" is accepted only for actions without resource-level permissions (ecr:GetAuthorizationToken, ec2:Describe*, cloudwatch:PutMetricData, ...).',
    validateResource: (args, reportViolation) => {
        if (!IAM_POLICY_HOLDER_TYPES.includes(args.type)) {
            return args.notApplicable(`Policy only applies to resources of type ${IAM_POLICY_HOLDER_TYPES.join(", ")}`);
        }
        for (const { path, document } of documentsOf(args.type, args.props)) {
            const parsed = parsePolicyDocument(document);
            if ("error" in parsed) {
                reportViolation(violation(`${path} ${parsed.error}.`, "give a valid IAM policy document."));
                continue;
            }
            for (const problem of parsed.statements.flatMap(wildcardProblems)) {
                reportViolation(violation(`${path}: ${problem}`, REMEDIATION));
            }
        }
    },
};

export const iamRules: RuleDefinition[] = [{ policy: iamNoWildcards }];
