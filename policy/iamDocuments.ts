/**
 * The one table of resources that hold IAM policy documents or attach managed policies, for
 * both providers: where each document sits, what kind it is (identity policy: what a principal
 * may do; trust policy: who may assume a role; resource policy: who may use a key, bucket, topic
 * or queue), and where managed policy ARNs are attached. iam-no-wildcards reads this table only.
 */
import { TYPES } from "./resourceTypes";
import { Props } from "./resourceShapes";
import { isSet, isUnknownAt, knownStringItems, knownStrings } from "./previewSafe";
import { arrayOf, objectOf } from "../domain/values";

export type DocumentKind = "identity" | "trust" | "resource";

interface HeldDocument {
    /** Property path for messages, e.g. "inlinePolicies[0].policy". */
    readonly path: string;
    readonly kind: DocumentKind;
    /** Reads the document (a JSON string or an object); may throw while it is unknown during preview. */
    readonly read: () => unknown;
}

interface AttachedPolicyArn {
    /** Property path for messages, e.g. "managedPolicyArns[1]" or "policyArn". */
    readonly path: string;
    readonly arn: string;
}

interface PolicyHolder {
    /** The documents present on the resource (absent optional ones are left out). */
    documents(props: Props): HeldDocument[];
    /** Known managed policy ARNs (an ARN unknown at preview names a policy created in the stack, checked as its own resource). */
    attachedArns(props: Props): AttachedPolicyArn[];
}

// Presence is tested without reading through the preview proxy (an unknown document is present);
// only `read` touches the value, so an unknown stops the check of that one document.
const single = (property: string, kind: DocumentKind) => (props: Props) =>
    isSet(props, property) ? [{ path: property, kind, read: () => props[property] }] : [];

/** `list[i].<field>` for each item of an inline-policy list (the whole list while it is unknown). */
const inlineList = (list: string, field: string) => (props: Props) => {
    if (isUnknownAt(props, list)) {
        return [{ path: list, kind: "identity" as const, read: () => props[list] }];
    }
    return arrayOf(props[list]).flatMap((item, i) => {
        const inline = objectOf(item);
        return isSet(inline, field) ? [{ path: `${list}[${i}].${field}`, kind: "identity" as const, read: () => inline![field] }] : [];
    });
};

const arnList = (property: string) => (props: Props) =>
    knownStringItems(props, property).map(({ index, value }) => ({ path: `${property}[${index}]`, arn: value }));
const arnField = (property: string) => (props: Props) => knownStrings(props, property).map((arn) => ({ path: property, arn }));
const noArns = () => [];

const holder = (documents: PolicyHolder["documents"][], attachedArns: PolicyHolder["attachedArns"] = noArns): PolicyHolder => ({
    documents: (props) => documents.flatMap((read) => read(props)),
    attachedArns,
});

export const IAM_POLICY_HOLDERS: Readonly<Record<string, PolicyHolder>> = {
    // Identities and their inline and attached policies.
    "aws:iam/role:Role": holder(
        [inlineList("inlinePolicies", "policy"), single("assumeRolePolicy", "trust")],
        arnList("managedPolicyArns"),
    ),
    "aws:iam/rolePolicy:RolePolicy": holder([single("policy", "identity")]),
    "aws:iam/userPolicy:UserPolicy": holder([single("policy", "identity")]),
    "aws:iam/groupPolicy:GroupPolicy": holder([single("policy", "identity")]),
    "aws:iam/policy:Policy": holder([single("policy", "identity")]),
    "aws:iam/rolePolicyAttachment:RolePolicyAttachment": holder([], arnField("policyArn")),
    "aws:iam/userPolicyAttachment:UserPolicyAttachment": holder([], arnField("policyArn")),
    "aws:iam/groupPolicyAttachment:GroupPolicyAttachment": holder([], arnField("policyArn")),
    "aws:iam/policyAttachment:PolicyAttachment": holder([], arnField("policyArn")),
    "aws-native:iam:Role": holder(
        [inlineList("policies", "policyDocument"), single("assumeRolePolicyDocument", "trust")],
        arnList("managedPolicyArns"),
    ),
    "aws-native:iam:User": holder([inlineList("policies", "policyDocument")], arnList("managedPolicyArns")),
    "aws-native:iam:Group": holder([inlineList("policies", "policyDocument")], arnList("managedPolicyArns")),
    "aws-native:iam:RolePolicy": holder([single("policyDocument", "identity")]),
    "aws-native:iam:UserPolicy": holder([single("policyDocument", "identity")]),
    "aws-native:iam:GroupPolicy": holder([single("policyDocument", "identity")]),
    "aws-native:iam:ManagedPolicy": holder([single("policyDocument", "identity")]),
    // Resource policies: KMS keys, S3 buckets, SNS topics, SQS queues.
    "aws:kms/key:Key": holder([single("policy", "resource")]),
    "aws:kms/keyPolicy:KeyPolicy": holder([single("policy", "resource")]),
    "aws-native:kms:Key": holder([single("keyPolicy", "resource")]),
    [TYPES.bucket]: holder([single("policy", "resource")]),
    [TYPES.bucketV2]: holder([single("policy", "resource")]),
    [TYPES.bucketPolicy]: holder([single("policy", "resource")]),
    "aws-native:s3:BucketPolicy": holder([single("policyDocument", "resource")]),
    [TYPES.snsTopic]: holder([single("policy", "resource")]),
    "aws:sns/topicPolicy:TopicPolicy": holder([single("policy", "resource")]),
    "aws-native:sns:TopicPolicy": holder([single("policyDocument", "resource")]),
    "aws-native:sns:TopicInlinePolicy": holder([single("policyDocument", "resource")]),
    [TYPES.sqsQueue]: holder([single("policy", "resource")]),
    "aws:sqs/queuePolicy:QueuePolicy": holder([single("policy", "resource")]),
    "aws-native:sqs:QueueInlinePolicy": holder([single("policyDocument", "resource")]),
};

export const IAM_POLICY_HOLDER_TYPES: readonly string[] = Object.keys(IAM_POLICY_HOLDERS);
