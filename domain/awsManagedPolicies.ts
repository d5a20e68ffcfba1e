/**
 * AWS-managed policies too broad to attach to any role, user or group of this project: the one
 * table of administrator and power-user policies, plus every `...FullAccess` policy (full access
 * to a whole service). Customer-managed policies are checked through their own documents.
 */
const TOO_BROAD_AWS_MANAGED_POLICIES: readonly { readonly name: string; readonly grants: string }[] = [
    { name: "AdministratorAccess", grants: "every action on every resource" },
    { name: "AdministratorAccess-Amplify", grants: "administrator access to Amplify and the resources it deploys" },
    { name: "AdministratorAccess-AWSElasticBeanstalk", grants: "administrator access to Elastic Beanstalk and the resources it deploys" },
    { name: "PowerUserAccess", grants: "every action except most IAM and Organizations actions" },
    { name: "IAMFullAccess", grants: "every IAM action, so its holder can grant itself anything" },
    { name: "job-function/SystemAdministrator", grants: "administrator access to compute, networking and operations services" },
    { name: "job-function/NetworkAdministrator", grants: "administrator access to networking services" },
    { name: "job-function/DatabaseAdministrator", grants: "administrator access to database services" },
];

const FULL_ACCESS_SUFFIX = "FullAccess";

/** `arn:<partition>:iam::aws:policy/<path/><name>` -> "<path/><name>", else undefined (not AWS-managed). */
function awsManagedPolicyName(arn: string): string | undefined {
    return /^arn:aws[a-z-]*:iam::aws:policy\/(.+)$/.exec(arn)?.[1];
}

/** What a too-broad AWS-managed policy grants, or undefined when the ARN is not one. */
export function tooBroadManagedPolicy(arn: string): string | undefined {
    const name = awsManagedPolicyName(arn);
    if (name === undefined) {
        return undefined;
    }
    const listed = TOO_BROAD_AWS_MANAGED_POLICIES.find((policy) => policy.name === name);
    if (listed !== undefined) {
        return listed.grants;
    }
    return name.endsWith(FULL_ACCESS_SUFFIX) ? "full access to a whole service" : undefined;
}
