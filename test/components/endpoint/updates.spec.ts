import * as assert from "assert";
import { AsyncEndpoint } from "../../../components/asyncEndpoint/AsyncEndpoint";
import { CaptureBucket } from "../../../components/captureBucket/CaptureBucket";
import { RealtimeEndpoint } from "../../../components/realtimeEndpoint/RealtimeEndpoint";
import { declared, declaredWithDependencies, resource } from "../../support/pulumiMocks";

const IMAGE = "683313688378.dkr.ecr.us-east-1.amazonaws.com/sagemaker-xgboost:1.7-1";
const destination = {
    bucketName: "capture-bucket",
    prefix: "datacapture",
    kmsKeyArn: "arn:aws:kms:us-east-1:123456789012:key/e0000002-0000-4000-8000-000000000002",
};
const ENDPOINT = "aws-native:sagemaker:Endpoint";
const TOPIC = "arn:aws:sns:us-east-1:123456789012:alarms";

describe("endpoint updates", () => {
    it("an autoscaled endpoint keeps the instance counts Auto Scaling set when its config changes", async () => {
        const resources = await declared(() => {
            new AsyncEndpoint("scaled", {
                model: { image: IMAGE },
                instanceType: "ml.m5.large",
                captureDestination: destination,
                alarmTopicArn: "arn:aws:sns:us-east-1:123456789012:alarms",
            });
            new AsyncEndpoint("fixed", {
                model: { image: IMAGE },
                instanceType: "ml.m5.large",
                captureDestination: destination,
                alarmTopicArn: "arn:aws:sns:us-east-1:123456789012:alarms",
                scaling: { enabled: false },
            });
            new RealtimeEndpoint("realtime", {
                model: { image: IMAGE },
                instanceType: "ml.m5.large",
                captureDestination: destination,
                alarmTopicArn: TOPIC,
            });
        });
        assert.deepStrictEqual(
            ["scaled", "fixed", "realtime"].map((name) => {
                const inputs = resource(resources, ENDPOINT, `${name}-endpoint`).inputs;
                return [inputs.retainAllVariantProperties, inputs.excludeRetainedVariantProperties];
            }),
            [
                // Counts stay as Auto Scaling set them; weight changes in the config still apply.
                [true, [{ variantPropertyType: "DesiredWeight" }]],
                [undefined, undefined],
                [undefined, undefined],
            ],
        );
    });

    it("endpoints receive a capture bucket's name only after its encryption, public-access block and TLS policy exist", async () => {
        const { dependencies } = await declaredWithDependencies(() => {
            const capture = new CaptureBucket("capture", { endpointNames: ["churn"] });
            new RealtimeEndpoint("churn", {
                model: { image: IMAGE },
                instanceType: "ml.m5.large",
                captureDestination: capture.destination(),
                alarmTopicArn: TOPIC,
            });
        });
        const settings = [
            "capture-encryption",
            "capture-public-access-block",
            "capture-ownership",
            "capture-versioning",
            "capture-lifecycle",
            "capture-tls-only-policy",
        ];
        const names = (urns: string[] | undefined) => (urns ?? []).map((urn) => urn.split("::").pop());
        for (const child of ["churn-config", "churn-execution-policy"]) {
            assert.deepStrictEqual(
                names(dependencies.get(child))
                    .filter((n) => settings.includes(n!))
                    .sort(),
                [...settings].sort(),
                child,
            );
        }
    });
});
