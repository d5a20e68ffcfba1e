import * as assert from "assert";
import { BUILT_IN_GPU_CATALOGUE, GPU_CATALOGUE_SOURCE, PRICE_PROVENANCE } from "../../domain/gpuCatalogue";
import { gpuCatalogueOverrideProblems, gpusPerInstance, hourlyPrice, mergeGpuCatalogue } from "../../domain/gpuCatalogueRules";
import { isGpuInstanceType, isInstanceType } from "../../domain/instanceTypes";

describe("GPU catalogue", () => {
    it("lists only GPU instance types, each with a GPU count, and states its source and date", () => {
        for (const [instanceType, facts] of Object.entries(BUILT_IN_GPU_CATALOGUE)) {
            assert.ok(isInstanceType(instanceType) && isGpuInstanceType(instanceType), instanceType);
            assert.ok(Number.isInteger(facts.gpus) && facts.gpus >= 1, instanceType);
        }
        assert.strictEqual(GPU_CATALOGUE_SOURCE.recordedOn, "2026-12-05");
    });

    it("says where every built-in price comes from: an estimate, or third-party pages with the figure they quote", () => {
        const priced = Object.keys(BUILT_IN_GPU_CATALOGUE).filter((t) => Object.keys(BUILT_IN_GPU_CATALOGUE[t].hourlyUsd).length > 0);
        assert.deepStrictEqual(Object.keys(PRICE_PROVENANCE).sort(), priced.sort());
        for (const [instanceType, provenance] of Object.entries(PRICE_PROVENANCE)) {
            if (provenance.basis !== "third-party") {
                continue;
            }
            const ours = BUILT_IN_GPU_CATALOGUE[instanceType].hourlyUsd["us-east-1"];
            // "agrees": every page's figure is ours rounded to cents.
            const agrees = provenance.pages.every((page) => Math.abs(page.figureUsd - ours) < 0.006);
            assert.strictEqual(provenance.agrees, agrees, instanceType);
        }
        assert.deepStrictEqual(
            Object.entries(PRICE_PROVENANCE)
                .filter(([, p]) => p.basis === "third-party")
                .map(([t, p]) => [t, p.basis === "third-party" && p.agrees]),
            [
                ["ml.g5.xlarge", false],
                ["ml.g5.2xlarge", true],
                ["ml.p4d.24xlarge", true],
            ],
        );
    });

    it("merges a stack's entries over the built-in ones, prices per region", () => {
        const merged = mergeGpuCatalogue({
            "ml.g5.12xlarge": { hourlyUsd: { "eu-west-1": 7.9 } },
            "ml.g7.xlarge": { gpus: 2, hourlyUsd: { "us-east-1": 3 } },
        });
        assert.deepStrictEqual(merged["ml.g5.12xlarge"], { gpus: 4, hourlyUsd: { "us-east-1": 7.09, "eu-west-1": 7.9 } });
        assert.deepStrictEqual(merged["ml.g7.xlarge"], { gpus: 2, hourlyUsd: { "us-east-1": 3 } });
        assert.deepStrictEqual(BUILT_IN_GPU_CATALOGUE["ml.g5.12xlarge"].hourlyUsd, { "us-east-1": 7.09 });
    });

    it("looks up GPUs and prices, naming the fix when they are missing", () => {
        const catalogue = mergeGpuCatalogue();
        assert.deepStrictEqual(gpusPerInstance(catalogue, "ml.g5.12xlarge"), { gpus: 4 });
        assert.deepStrictEqual(hourlyPrice(catalogue, "ml.g5.12xlarge", "us-east-1"), { usd: 7.09 });
        const missing = gpusPerInstance(catalogue, "ml.g7.xlarge");
        assert.ok(
            "reason" in missing &&
                missing.reason.startsWith(
                    'is a GPU instance type missing from the GPU catalogue: add it to the stack\'s gpuCatalogue as { "ml.g7.xlarge": { gpus, hourlyUsd: { <region>: <USD> } } }, or use one of ml.g4dn.12xlarge, ',
                ),
        );
        assert.deepStrictEqual(hourlyPrice(catalogue, "ml.g6.xlarge", "eu-west-1"), {
            reason: 'has no hourly price for ml.g6.xlarge in eu-west-1: set gpuCatalogue["ml.g6.xlarge"].hourlyUsd["eu-west-1"] (priced regions: none)',
        });
    });

    it("refuses bad stack entries with their path and the allowed values", () => {
        assert.deepStrictEqual(
            gpuCatalogueOverrideProblems({
                "ml.g7.xlarge": { hourlyUsd: { "us-east-1": 0 } },
                "ml.g5.xlarge": { gpus: 0, hourlyUsd: { nowhere: 1 } },
                g5: { gpus: 1 },
            }),
            [
                { propertyPath: '["ml.g7.xlarge"].gpus', reason: "is required for an instance type the built-in catalogue does not list" },
                { propertyPath: '["ml.g7.xlarge"].hourlyUsd["us-east-1"]', reason: "must be a number > 0 (got 0)" },
                { propertyPath: '["ml.g5.xlarge"].gpus', reason: "must be an integer >= 1 (got 0)" },
                {
                    propertyPath: '["ml.g5.xlarge"].hourlyUsd["nowhere"]',
                    reason:
                        "must be an AWS region: a region of partition aws, e.g. us-east-1, eu-west-1 (36 regions); or a region of partition aws-cn: cn-north-1, cn-northwest-1; or a region of partition aws-us-gov: us-gov-east-1, us-gov-west-1" +
                        ' (got "nowhere")',
                },
                { propertyPath: '["g5"]', reason: 'must be keyed by a SageMaker instance type "ml.<family>.<size>"' },
            ],
        );
    });
});
