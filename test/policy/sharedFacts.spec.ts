/**
 * Facts the components and the policy pack both rely on come from one module each (the pack's
 * pure modules), so a component can never build what the pack then rejects. These tests fail if
 * either side grows its own copy again, and show the case that drifted (ml.m6gd.large) end to end.
 */
import * as assert from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import * as asyncMetrics from "../../components/asyncEndpoint/asyncMetrics";
import * as sageMakerLimits from "../../domain/sageMakerLimits";
import * as variantScalableTarget from "../../components/asyncEndpoint/scaling/variantScalableTarget";
import * as instanceTypes from "../../domain/instanceTypes";
import { enhancedMetricsEnabled } from "../../policy/rules/enhancedMetrics";
import * as sageMakerMetrics from "../../domain/sageMakerMetrics";
import * as variantScaling from "../../domain/variantScaling";
import { synthInProcess, writeStackFile } from "../support/synthCli";

describe("facts shared by components and the policy pack (one source each)", () => {
    it("instance storage and GPU families: the components use the pack's functions and lists", () => {
        assert.strictEqual(sageMakerLimits.usesInstanceStore, instanceTypes.hasLocalNvmeStorage);
        assert.strictEqual(sageMakerLimits.instanceFamily, instanceTypes.instanceFamily);
        assert.strictEqual(sageMakerLimits.GPU_INSTANCE_FAMILY_PREFIXES, instanceTypes.GPU_INSTANCE_FAMILY_PREFIXES);
        assert.deepStrictEqual(instanceTypes.GPU_INSTANCE_TYPE_PREFIXES, ["ml.g", "ml.p"]);
        assert.strictEqual("INSTANCE_STORE_FAMILIES" in sageMakerLimits, false);
    });

    it("the types whose storage the two sides used to disagree on are instance-store types for both", () => {
        const types = [
            "ml.m6gd.large",
            "ml.c6gd.xlarge",
            "ml.r6gd.large",
            "ml.m5d.large",
            "ml.g4dn.xlarge",
            "ml.g5.xlarge",
            "ml.p4d.24xlarge",
            "ml.m5.large",
            "ml.g5g.xlarge",
        ];
        assert.deepStrictEqual(
            types.map((type) => [type, sageMakerLimits.usesInstanceStore(type)]),
            types.map((type) => [type, !["ml.m5.large", "ml.g5g.xlarge"].includes(type)]),
        );
    });

    it("metric publish frequencies: the component's list is the pack's, and the pack's config schema offers exactly it", () => {
        assert.strictEqual(sageMakerLimits.METRIC_PUBLISH_FREQUENCIES, sageMakerMetrics.METRIC_PUBLISH_FREQUENCIES);
        assert.deepStrictEqual(enhancedMetricsEnabled.configSchema!.properties.maximumPublishFrequencySeconds.enum, [
            ...sageMakerMetrics.METRIC_PUBLISH_FREQUENCIES,
        ]);
    });

    it("async metrics: catalog, namespace and the metrics async endpoints never publish are the pack's", () => {
        assert.strictEqual(
            asyncMetrics.METRICS_NOT_PUBLISHED_BY_ASYNC_ENDPOINTS,
            sageMakerMetrics.METRICS_NOT_PUBLISHED_BY_ASYNC_ENDPOINTS,
        );
        assert.strictEqual(asyncMetrics.ASYNC_ENDPOINT_METRICS, sageMakerMetrics.ASYNC_ENDPOINT_METRICS);
        assert.strictEqual(asyncMetrics.ASYNC_VARIANT_METRICS, sageMakerMetrics.ASYNC_VARIANT_METRICS);
        assert.strictEqual(asyncMetrics.SAGEMAKER_METRIC_NAMESPACE, sageMakerMetrics.SAGEMAKER_METRIC_NAMESPACE);
    });

    it("variant scalable-target resource ids: the component builds with the function the pack parses with", () => {
        assert.strictEqual(variantScalableTarget.variantResourceId, variantScaling.variantResourceId);
        assert.strictEqual(variantScalableTarget.SAGEMAKER_VARIANT_SCALING, variantScaling.SAGEMAKER_VARIANT_SCALING);
        const target = variantScalableTarget.buildVariantScalableTarget("churn-batch", "AllTraffic", { minCapacity: 0, maxCapacity: 2 });
        assert.deepStrictEqual(variantScaling.parseVariantResourceId(target.resourceId), {
            endpointName: "churn-batch",
            variantName: "AllTraffic",
        });
        assert.strictEqual(variantScaling.parseVariantResourceId("table/deliveries"), undefined);
    });
});

describe("an endpoint on ml.m6gd.large (instance storage the component once missed)", function () {
    this.timeout(120000);
    const out = fs.mkdtempSync(path.join(os.tmpdir(), "shared-facts-"));
    after(() => fs.rmSync(out, { recursive: true, force: true }));

    it("gets no volume key from the component, and endpoint-config-kms accepts it", async () => {
        const file = path.join(out, "m6gd.yaml");
        writeStackFile(file, "scorer", []);
        fs.writeFileSync(file, fs.readFileSync(file, "utf8").replace("instanceType: ml.m5.large", "instanceType: ml.m6gd.large"));
        const run = await synthInProcess(["--stack", "m6gd", "--config", file, "--out", out]);
        assert.strictEqual(run.status, 0, run.stderr);
        const resources = JSON.parse(fs.readFileSync(path.join(out, "m6gd", "resources.json"), "utf8"));
        const config = resources.find((r: any) => r.type === "aws-native:sagemaker:EndpointConfig");
        assert.deepStrictEqual([config.inputs.productionVariants[0].instanceType, "kmsKeyId" in config.inputs], ["ml.m6gd.large", false]);
        assert.deepStrictEqual(JSON.parse(fs.readFileSync(path.join(out, "m6gd", "policy.json"), "utf8")), { violations: [] });
    });
});
