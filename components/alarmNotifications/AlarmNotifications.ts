import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { awsContext } from "../core/awsContext";
import { accountAdministersKey, denyInsecureTransport, PolicyDocument, policyDocument } from "../core/iam/policyDocument";
import { withComponentTag } from "../core/tags";
import { checkedAtDeploy } from "../core/validation/deployTime";
import { ProblemCollector } from "../core/validation/problems";
import * as rules from "../../domain/validationRules";

export interface AlarmNotificationsArgs {
    /** Send alarms to this existing SNS topic. @default a KMS-encrypted topic is created */
    topicArn?: pulumi.Input<string>;
    /** E-mail addresses subscribed to the topic (each must confirm). @default [] */
    emails?: string[];
    /** @default {} */
    tags?: Record<string, string>;
}

const ALARM_NOTIFICATIONS_TYPE = "sagemaker-monitoring:alarms:AlarmNotifications";
const EMAIL = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;

export function alarmNotificationsArgsProblems(args: AlarmNotificationsArgs) {
    const problems = new ProblemCollector();
    if (args.topicArn !== undefined && rules.isKnownString(args.topicArn)) {
        problems.check("topicArn", rules.snsTopicArn(args.topicArn));
    }
    (args.emails ?? []).forEach((email, i) => {
        if (typeof email !== "string" || !EMAIL.test(email)) {
            problems.add(`emails[${i}]`, `must be an e-mail address like oncall@example.com (got ${JSON.stringify(email)})`);
        }
    });
    problems.checkTags(args.tags);
    return problems.list();
}

/** CloudWatch may use the key (it encrypts what it publishes); the account administers it. */
function buildAlarmTopicKeyPolicy(partition: string, accountId: string): PolicyDocument {
    return policyDocument([
        accountAdministersKey(partition, accountId),
        {
            Sid: "CloudWatchPublishesEncrypted",
            Effect: "Allow",
            Principal: { Service: "cloudwatch.amazonaws.com" },
            Action: ["kms:Decrypt", "kms:GenerateDataKey*"],
            Resource: ["*"],
            Condition: { StringEquals: { "aws:SourceAccount": accountId } },
        },
    ]);
}

/** Only this account's CloudWatch alarms publish, and only over TLS. */
function buildAlarmTopicPolicy(topicArn: string, accountId: string): PolicyDocument {
    return policyDocument([
        {
            Sid: "CloudWatchAlarmsPublish",
            Effect: "Allow",
            Principal: { Service: "cloudwatch.amazonaws.com" },
            Action: ["sns:Publish"],
            Resource: [topicArn],
            Condition: { StringEquals: { "aws:SourceAccount": accountId } },
        },
        denyInsecureTransport(["sns:Publish"], [topicArn]),
    ]);
}

/**
 * Where every alarm of the stack sends its notifications.
 *
 * Declares a KMS key CloudWatch may encrypt with, an SNS topic encrypted with it and a topic policy
 * that lets only this account's CloudWatch alarms publish, over TLS; with `topicArn`, uses that
 * topic instead. Declares one e-mail subscription per address in `emails`. Arguments:
 * {@link AlarmNotificationsArgs}.
 */
export class AlarmNotifications extends pulumi.ComponentResource {
    public readonly topicArn: pulumi.Output<string>;

    constructor(name: string, args: AlarmNotificationsArgs = {}, opts?: pulumi.ComponentResourceOptions) {
        const problems = new ProblemCollector();
        problems.addAll(alarmNotificationsArgsProblems(args));
        problems.throwIfAny(`AlarmNotifications "${name}"`);
        super(ALARM_NOTIFICATIONS_TYPE, name, {}, opts);
        const parentOpts = { parent: this };
        const tags = withComponentTag(args.tags ?? {}, "alarm-notifications");
        if (args.topicArn !== undefined) {
            this.topicArn = pulumi.output(checkedAtDeploy(`AlarmNotifications "${name}"`, "topicArn", args.topicArn, rules.snsTopicArn));
        } else {
            const context = awsContext(this, opts);
            // The AWS-managed SNS key does not let CloudWatch publish: a customer key is required.
            const key = new aws.kms.Key(
                `${name}-key`,
                {
                    description: `Encrypts alarm notifications of ${name}`,
                    enableKeyRotation: true,
                    deletionWindowInDays: 30,
                    policy: context.apply((c) => JSON.stringify(buildAlarmTopicKeyPolicy(c.partition, c.accountId))),
                    tags,
                },
                parentOpts,
            );
            const topic = new aws.sns.Topic(`${name}-topic`, { kmsMasterKeyId: key.id, tags }, parentOpts);
            new aws.sns.TopicPolicy(
                `${name}-topic-policy`,
                {
                    arn: topic.arn,
                    policy: pulumi
                        .output({ topicArn: topic.arn, context })
                        .apply(({ topicArn, context: c }) => JSON.stringify(buildAlarmTopicPolicy(topicArn, c.accountId))),
                },
                parentOpts,
            );
            this.topicArn = topic.arn;
        }
        (args.emails ?? []).forEach((email, i) => {
            new aws.sns.TopicSubscription(`${name}-email-${i}`, { topic: this.topicArn, protocol: "email", endpoint: email }, parentOpts);
        });
        this.registerOutputs({ topicArn: this.topicArn });
    }
}
