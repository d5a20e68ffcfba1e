import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { parsePackConfig } from "../../policy/config";

const ROOT = path.join(__dirname, "..", "..");
const stacks = fs
    .readdirSync(ROOT)
    .map((file) => /^Pulumi\.(.+)\.yaml$/.exec(file)?.[1])
    .filter((stack): stack is string => stack !== undefined)
    .sort();
const packConfigFiles = fs
    .readdirSync(path.join(ROOT, "policy", "stacks"))
    .filter((file) => file.endsWith(".json"))
    .sort();
const packConfig = (stack: string) => JSON.parse(fs.readFileSync(path.join(ROOT, "policy", "stacks", `${stack}.json`), "utf8"));

describe("per-stack policy pack configs (policy/stacks/<stack>.json, used by CI synth and preview)", () => {
    it("exist and are valid for every stack file", () => {
        const status = (stack: string) => {
            if (!fs.existsSync(path.join(ROOT, "policy", "stacks", `${stack}.json`))) {
                return `${stack}: missing`;
            }
            parsePackConfig(packConfig(stack)); // throws PolicyConfigError with every problem
            return `${stack}: valid`;
        };
        assert.deepStrictEqual(
            stacks.map(status),
            stacks.map((stack) => `${stack}: valid`),
        );
        assert.ok(stacks.includes("dev") && stacks.includes("prod"));
    });

    it("every pack config file belongs to a stack, so CI's offline synth validates each one (the Pulumi CLI ignores unknown rule names)", () => {
        assert.deepStrictEqual(
            packConfigFiles,
            stacks.map((stack) => `${stack}.json`),
        );
    });

    it("prod switches on the prod rules, allows its async endpoint to scale to zero explicitly, and requires 10 s enhanced metrics", () => {
        const prod = parsePackConfig(packConfig("prod"));
        assert.deepStrictEqual(
            {
                metrics: prod["enhanced-metrics-enabled"].properties,
                minCount: prod["min-instance-count"].properties,
                minCapacity: prod["min-scaling-capacity"].properties,
                isolation: prod["model-network-isolation-and-vpc"].properties,
                allowed: prod["allowed-instance-types"].properties,
            },
            {
                metrics: { maximumPublishFrequencySeconds: 10 },
                minCount: { enabled: true, minimumInstanceCount: 2 },
                minCapacity: { enabled: true, minimumCapacity: 2, allowScaleToZeroForAsync: true },
                isolation: { enabled: true },
                allowed: { enabled: false, allowedInstanceTypes: [] },
            },
        );
    });
});
