/** docs/components/endpoint-network.md: an isolated VPC for an endpoint, or subnets and security groups you already have. */
import { AlarmNotifications, CaptureBucket, EndpointNetwork, RealtimeEndpoint } from "sagemaker-monitoring";

const network = new EndpointNetwork("network", { mode: "create", availabilityZoneCount: 3, cidrBlock: "10.40.0.0/16" });

const capture = new CaptureBucket("capture", { endpointNames: ["churn-prod"] });
const alarms = new AlarmNotifications("alarms");
const churn = new RealtimeEndpoint("churn-prod", {
    model: {
        image: "683313688378.dkr.ecr.us-east-1.amazonaws.com/sagemaker-xgboost:1.7-1",
        modelDataUrl: "s3://ml-models-prod-123456789012/churn/xgboost/model.tar.gz",
    },
    instanceType: "ml.m5.xlarge",
    instanceCount: 2,
    captureDestination: capture.destination(),
    alarmTopicArn: alarms.topicArn,
    // networkIsolation defaults to true when network is set.
    network: { subnetIds: network.subnetIds, securityGroupIds: network.securityGroupIds },
});

const shared = new EndpointNetwork("shared-network", {
    mode: "existing",
    subnetIds: ["subnet-0a1b2c3d4e5f60718", "subnet-0f1e2d3c4b5a69788"],
    securityGroupIds: ["sg-0123456789abcdef0"],
});

export const endpointName = churn.endpointName;
export const sharedSubnets = shared.subnetIds;
