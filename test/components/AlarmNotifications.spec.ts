import * as assert from "assert";
import { AlarmNotifications } from "../../components/alarmNotifications/AlarmNotifications";
import * as rules from "../../domain/validationRules";
import { EndpointNetwork } from "../../components/endpointNetwork/EndpointNetwork";
import { stableHex } from "../../tools/synth/mockState";
import { declared, ofType, resource } from "../support/pulumiMocks";

describe("AlarmNotifications", () => {
    it("creates a customer-key-encrypted topic CloudWatch may publish to, with e-mail subscriptions", async () => {
        const resources = await declared(() => new AlarmNotifications("alarms", { emails: ["a@example.com"] }));
        const key = resource(resources, "aws:kms/key:Key", "alarms-key");
        assert.deepStrictEqual(JSON.parse(key.inputs.policy).Statement[1], {
            Sid: "CloudWatchPublishesEncrypted",
            Effect: "Allow",
            Principal: { Service: "cloudwatch.amazonaws.com" },
            Action: ["kms:Decrypt", "kms:GenerateDataKey*"],
            Resource: ["*"],
            Condition: { StringEquals: { "aws:SourceAccount": "123456789012" } },
        });
        const topic = resource(resources, "aws:sns/topic:Topic", "alarms-topic");
        assert.strictEqual(topic.inputs.kmsMasterKeyId, key.outputs.id);
        const policy = JSON.parse(resource(resources, "aws:sns/topicPolicy:TopicPolicy", "alarms-topic-policy").inputs.policy);
        assert.deepStrictEqual(
            policy.Statement.map((s: any) => [s.Sid, s.Effect, s.Resource]),
            [
                ["CloudWatchAlarmsPublish", "Allow", [topic.outputs.arn]],
                ["DenyInsecureTransport", "Deny", [topic.outputs.arn]],
            ],
        );
        assert.deepStrictEqual(resource(resources, "aws:sns/topicSubscription:TopicSubscription", "alarms-email-0").inputs, {
            topic: topic.outputs.arn,
            protocol: "email",
            endpoint: "a@example.com",
        });
    });

    it("sends to an existing topic without creating one", async () => {
        const resources = await declared(() => new AlarmNotifications("alarms", { topicArn: "arn:aws:sns:us-east-1:123456789012:oncall" }));
        assert.deepStrictEqual(
            resources.map((r) => r.type),
            ["sagemaker-monitoring:alarms:AlarmNotifications"],
        );
    });

    it("rejects a topic ARN without an account, as AsyncEndpoint and CaptureForwarder do", () => {
        assert.throws(
            () => new AlarmNotifications("alarms", { topicArn: "arn:aws:sns:us-east-1::alarms" }),
            (error: any) => {
                assert.deepStrictEqual(
                    error.errors.map((e: any) => e.propertyPath),
                    ["topicArn"],
                );
                assert.match(error.errors[0].reason, /^must be an SNS topic ARN arn:aws:sns:<region>:<account>:<topic name>, but /);
                return true;
            },
        );
    });

    it("rejects a malformed topic ARN and e-mail together", () => {
        assert.throws(
            () => new AlarmNotifications("alarms", { topicArn: "arn:aws:sqs:us-east-1:123456789012:q", emails: ["nobody"] }),
            (error: any) => {
                assert.deepStrictEqual(error.errors, [
                    { propertyPath: "topicArn", reason: rules.snsTopicArn("arn:aws:sqs:us-east-1:123456789012:q") },
                    { propertyPath: "emails[0]", reason: 'must be an e-mail address like oncall@example.com (got "nobody")' },
                ]);
                return true;
            },
        );
    });
});

describe("EndpointNetwork", () => {
    it("creates isolated subnets with an S3 gateway endpoint awsx attaches to their route tables, and, without interface endpoints, an HTTPS-to-S3-only group", async () => {
        const resources = await declared(
            () =>
                new EndpointNetwork("network", {
                    mode: "create",
                    availabilityZoneCount: 3,
                    region: "eu-west-1",
                    interfaceEndpoints: false,
                }),
        );
        const vpc = resource(resources, "awsx:ec2:Vpc", "network-vpc");
        const tags = { "sagemaker-monitoring:component": "endpoint-network" };
        assert.deepStrictEqual(vpc.inputs, {
            cidrBlock: "10.20.0.0/16",
            numberOfAvailabilityZones: 3,
            subnetStrategy: "Auto",
            subnetSpecs: [{ type: "Isolated", name: "endpoints" }],
            natGateways: { strategy: "None" },
            vpcEndpointStrategy: "Auto",
            vpcEndpointSpecs: [{ serviceName: "com.amazonaws.eu-west-1.s3", vpcEndpointType: "Gateway", tags }],
            enableDnsHostnames: true,
            enableDnsSupport: true,
            tags,
        });
        const sg = resource(resources, "aws:ec2/securityGroup:SecurityGroup", "network-endpoint-sg");
        assert.deepStrictEqual(sg.inputs, {
            vpcId: vpc.outputs.vpcId,
            description: "SageMaker endpoint ENIs: no inbound, HTTPS out to this VPC's AWS service endpoints only",
            egress: [
                {
                    description: "HTTPS to S3 through the gateway endpoint",
                    protocol: "tcp",
                    fromPort: 443,
                    toPort: 443,
                    prefixListIds: [`pl-${stableHex("com.amazonaws.eu-west-1.s3", 8)}`],
                },
            ],
            tags,
        });
        assert.deepStrictEqual(
            resources.map((r) => r.type),
            ["awsx:ec2:Vpc", "aws:ec2/securityGroup:SecurityGroup", "sagemaker-monitoring:network:EndpointNetwork"].sort(),
        );
    });

    it("refuses a region that is not one", () => {
        assert.throws(
            () => new EndpointNetwork("network", { mode: "create", region: "mars-1" }),
            (error: any) => {
                assert.deepStrictEqual(error.errors, [
                    {
                        propertyPath: "region",
                        reason:
                            "must be an AWS region: a region of partition aws, e.g. us-east-1, eu-west-1 (36 regions); or a region of partition aws-cn: cn-north-1, cn-northwest-1; or a region of partition aws-us-gov: us-gov-east-1, us-gov-west-1" +
                            ' (got "mars-1"): set aws:region in the stack config or pass region',
                    },
                ]);
                return true;
            },
        );
    });

    it("passes existing subnets through and validates their IDs", async () => {
        const resources = await declared(
            () =>
                new EndpointNetwork("network", {
                    mode: "existing",
                    subnetIds: ["subnet-0123456789abcdef0"],
                    securityGroupIds: ["sg-0123456789abcdef0"],
                }),
        );
        assert.deepStrictEqual(ofType(resources, "awsx:ec2:Vpc"), []);
        assert.throws(
            () => new EndpointNetwork("network", { mode: "existing", subnetIds: ["subnet-x"], securityGroupIds: [] }),
            (error: any) => {
                assert.deepStrictEqual(error.errors, [
                    { propertyPath: "subnetIds[0]", reason: 'must be an ID matching ^subnet-[0-9a-f]{8,17}$ (got "subnet-x")' },
                    { propertyPath: "securityGroupIds", reason: "must list 1-16 IDs" },
                ]);
                return true;
            },
        );
    });
});
