import * as assert from "assert";
import { EndpointNetwork } from "../../components/endpointNetwork/EndpointNetwork";
import { stableHex } from "../../tools/synth/mockState";
import { declaredWithDependencies, ofType, resource } from "../support/pulumiMocks";

const TAGS = { "sagemaker-monitoring:component": "endpoint-network" };

describe("EndpointNetwork interface endpoints", () => {
    it("by default adds CloudWatch Logs, CloudWatch and SNS interface endpoints with private DNS, reachable on 443 from the models' group only", async () => {
        const { resources } = await declaredWithDependencies(
            () => new EndpointNetwork("network", { mode: "create", availabilityZoneCount: 2, region: "eu-west-1" }),
        );
        const vpc = resource(resources, "awsx:ec2:Vpc", "network-vpc");
        const endpointsGroup = resource(resources, "aws:ec2/securityGroup:SecurityGroup", "network-interface-endpoints-sg");
        const modelsGroup = resource(resources, "aws:ec2/securityGroup:SecurityGroup", "network-endpoint-sg");
        assert.deepStrictEqual(endpointsGroup.inputs, {
            vpcId: vpc.outputs.vpcId,
            description: "Interface VPC endpoints of CloudWatch Logs, CloudWatch and SNS: HTTPS in from the SageMaker endpoint ENIs only",
            tags: TAGS,
        });
        assert.deepStrictEqual(
            ofType(resources, "aws:ec2/vpcEndpoint:VpcEndpoint").map((e) => [e.name, e.inputs]),
            ["logs", "monitoring", "sns"].map((service) => [
                `network-${service}-endpoint`,
                {
                    vpcId: vpc.outputs.vpcId,
                    serviceName: `com.amazonaws.eu-west-1.${service}`,
                    vpcEndpointType: "Interface",
                    privateDnsEnabled: true,
                    subnetIds: vpc.outputs.isolatedSubnetIds,
                    securityGroupIds: [endpointsGroup.outputs.id],
                    tags: TAGS,
                },
            ]),
        );
        assert.deepStrictEqual(
            resource(resources, "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule", "network-interface-endpoints-https-in").inputs,
            {
                securityGroupId: endpointsGroup.outputs.id,
                referencedSecurityGroupId: modelsGroup.outputs.id,
                ipProtocol: "tcp",
                fromPort: 443,
                toPort: 443,
                description: "HTTPS from the SageMaker endpoint ENIs",
                tags: TAGS,
            },
        );
        assert.deepStrictEqual(modelsGroup.inputs.egress, [
            {
                description: "HTTPS to S3 through the gateway endpoint",
                protocol: "tcp",
                fromPort: 443,
                toPort: 443,
                prefixListIds: [`pl-${stableHex("com.amazonaws.eu-west-1.s3", 8)}`],
            },
            {
                description: "HTTPS to the CloudWatch Logs, CloudWatch and SNS interface endpoints",
                protocol: "tcp",
                fromPort: 443,
                toPort: 443,
                securityGroups: [endpointsGroup.outputs.id],
            },
        ]);
        assert.strictEqual(modelsGroup.inputs.ingress, undefined);
    });

    it("refuses an interfaceEndpoints that is not a boolean", () => {
        assert.throws(
            () => new EndpointNetwork("network", { mode: "create", region: "us-east-1", interfaceEndpoints: "yes" as never }),
            (error: any) => {
                assert.deepStrictEqual(error.errors, [{ propertyPath: "interfaceEndpoints", reason: 'must be true or false (got "yes")' }]);
                return true;
            },
        );
    });
});
