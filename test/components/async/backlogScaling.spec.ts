import * as assert from "assert";
import {
    buildBacklogTargetTracking,
    buildScaleFromZeroStepScaling,
    buildScaleFromZeroTriggerAlarm,
} from "../../../components/asyncEndpoint/scaling/backlogScaling";
import { resolveBacklogScaling } from "../../../components/asyncEndpoint/scaling/backlogScalingArgs";
import { backlogScalingProblems } from "../../../components/asyncEndpoint/scaling/validateBacklogScaling";
import { buildVariantScalableTarget } from "../../../components/asyncEndpoint/scaling/variantScalableTarget";

describe("backlog scaling documents", () => {
    it("defaults: 1-4 instances, 5 queued requests per instance, scale in after 600 s, out after 300 s", () => {
        assert.deepStrictEqual(resolveBacklogScaling(), {
            enabled: true,
            minCapacity: 1,
            maxCapacity: 4,
            targetBacklogPerInstance: 5,
            scaleInCooldownSeconds: 600,
            scaleOutCooldownSeconds: 300,
        });
    });

    it("the scalable target addresses the variant's desired instance count", () => {
        assert.deepStrictEqual(buildVariantScalableTarget("scorer", "AllTraffic", { minCapacity: 0, maxCapacity: 3 }), {
            serviceNamespace: "sagemaker",
            resourceId: "endpoint/scorer/variant/AllTraffic",
            scalableDimension: "sagemaker:variant:DesiredInstanceCount",
            minCapacity: 0,
            maxCapacity: 3,
        });
    });

    it("target tracking follows ApproximateBacklogSizePerInstance, EndpointName only, Average", () => {
        const scaling = resolveBacklogScaling({ targetBacklogPerInstance: 2.5, scaleInCooldownSeconds: 900, scaleOutCooldownSeconds: 120 });
        assert.deepStrictEqual(buildBacklogTargetTracking("scorer", scaling), {
            targetValue: 2.5,
            customizedMetricSpecification: {
                metricName: "ApproximateBacklogSizePerInstance",
                namespace: "AWS/SageMaker",
                dimensions: [{ name: "EndpointName", value: "scorer" }],
                statistic: "Average",
            },
            scaleInCooldown: 900,
            scaleOutCooldown: 120,
        });
    });

    it("scale from zero: +1 instance from metric interval lower bound 0, with the scale-out cooldown", () => {
        assert.deepStrictEqual(buildScaleFromZeroStepScaling(resolveBacklogScaling({ scaleOutCooldownSeconds: 240 })), {
            adjustmentType: "ChangeInCapacity",
            cooldown: 240,
            metricAggregationType: "Average",
            stepAdjustments: [{ metricIntervalLowerBound: "0", scalingAdjustment: 1 }],
        });
    });

    it("the trigger: HasBacklogWithoutCapacity >= 1, Average over 60 s, EndpointName only", () => {
        assert.deepStrictEqual(buildScaleFromZeroTriggerAlarm("scorer", "AllTraffic"), {
            id: "scale-from-zero-AllTraffic",
            alarmName: "scorer-AllTraffic-scale-from-zero",
            description:
                "Scaling trigger for variant AllTraffic of async endpoint scorer, not a page: requests are queued while the endpoint has no instance (HasBacklogWithoutCapacity >= 1), " +
                "so the step policy adds one. If it stays in ALARM, see the scorer-HasBacklogWithoutCapacity alarm.",
            namespace: "AWS/SageMaker",
            metricName: "HasBacklogWithoutCapacity",
            dimensions: { EndpointName: "scorer" },
            statistic: "Average",
            periodSeconds: 60,
            evaluationPeriods: 1,
            datapointsToAlarm: 1,
            threshold: 1,
            comparisonOperator: "GreaterThanOrEqualToThreshold",
            treatMissingData: "missing",
        });
    });
});

describe("backlogScalingProblems", () => {
    const none: never[] = [];
    it("accepts min 0 and the defaults", () => {
        assert.deepStrictEqual(backlogScalingProblems({ minCapacity: 0, maxCapacity: 1 }, [{ path: "instanceCount", count: 1 }]), none);
        assert.deepStrictEqual(backlogScalingProblems(undefined, []), none);
        assert.deepStrictEqual(backlogScalingProblems({}, [{ path: "instanceCount", count: 4 }]), none);
    });

    it("min > max and max = 0 name their property", () => {
        assert.deepStrictEqual(backlogScalingProblems({ minCapacity: 3, maxCapacity: 2 }, []), [
            { propertyPath: "scaling.minCapacity", reason: "must be <= scaling.maxCapacity (2) (got 3)" },
        ]);
        assert.deepStrictEqual(backlogScalingProblems({ minCapacity: 0, maxCapacity: 0 }, []), [
            { propertyPath: "scaling.maxCapacity", reason: "must be an integer >= 1 (got 0)" },
        ]);
        assert.deepStrictEqual(backlogScalingProblems({ minCapacity: 5 }, []), [
            { propertyPath: "scaling.minCapacity", reason: "must be <= scaling.maxCapacity (4) (got 5)" },
        ]);
    });

    it("scaling on Invocations, InvocationsPerInstance or OverheadLatency is refused at scaling.metricName", () => {
        for (const metric of ["Invocations", "InvocationsPerInstance", "OverheadLatency"]) {
            assert.deepStrictEqual(backlogScalingProblems({ metricName: metric }, []), [
                {
                    propertyPath: "scaling.metricName",
                    reason: `must not be ${metric}: asynchronous endpoints do not publish Invocations, InvocationsPerInstance or OverheadLatency, so an alarm on it never fires and a scaling policy on it never scales; use one of ApproximateBacklogSizePerInstance`,
                },
            ]);
        }
        assert.deepStrictEqual(backlogScalingProblems({ metricName: "ApproximateBacklogSize" }, []), [
            {
                propertyPath: "scaling.metricName",
                reason: 'must be a metric asynchronous endpoints publish, one of ApproximateBacklogSizePerInstance (got "ApproximateBacklogSize")',
            },
        ]);
    });

    it("reports every problem at once: negative target and cooldowns, counts above maxCapacity", () => {
        assert.deepStrictEqual(
            backlogScalingProblems(
                {
                    enabled: "yes" as never,
                    minCapacity: -1,
                    maxCapacity: 2,
                    targetBacklogPerInstance: -5,
                    scaleInCooldownSeconds: -1,
                    scaleOutCooldownSeconds: 86401,
                },
                [
                    { path: "variants[0].instanceCount", count: 3 },
                    { path: "instanceCount", count: 2 },
                ],
            ),
            [
                { propertyPath: "scaling.enabled", reason: 'must be true or false (got "yes")' },
                { propertyPath: "scaling.minCapacity", reason: "must be an integer >= 0 (got -1)" },
                {
                    propertyPath: "variants[0].instanceCount",
                    reason: "must be <= scaling.maxCapacity (2), or Auto Scaling removes the extra instances right after deployment (got 3)",
                },
                { propertyPath: "scaling.targetBacklogPerInstance", reason: "must be a number > 0 (got -5)" },
                { propertyPath: "scaling.scaleInCooldownSeconds", reason: "must be an integer from 0 to 86400 (got -1)" },
                { propertyPath: "scaling.scaleOutCooldownSeconds", reason: "must be an integer from 0 to 86400 (got 86401)" },
            ],
        );
    });

    it("instance counts above maxCapacity do not matter when scaling is off", () => {
        assert.deepStrictEqual(backlogScalingProblems({ enabled: false, maxCapacity: 1 }, [{ path: "instanceCount", count: 3 }]), none);
    });
});
