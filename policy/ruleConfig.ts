/**
 * Per-rule configuration: each rule declares its properties once, as a zod schema, and gets
 * both the CrossGuard `configSchema` (JSON Schema, so the Pulumi CLI validates pack config too)
 * and a strict reader that applies defaults and reports every problem with its path.
 */
import type { PolicyConfigSchema } from "@pulumi/policy";
// Named imports (not the `z` namespace) let the bundler drop zod's locale tables.
import { array, boolean, literal, number, string, strictObject, toJSONSchema } from "zod";
import type { core, output, RefinementCtx, ZodObject, ZodRawShape, ZodType } from "zod";
import { closestName } from "../domain/closestName";
import { INSTANCE_TYPE_PATTERN, instanceTypeReason } from "../domain/instanceTypes";
import { S3_BUCKET_NAME_PATTERN, s3BucketName } from "../domain/validationRules";
import { PolicyConfigError, PolicyConfigProblem } from "./policyConfigError";

export interface RuleConfigSpec<T> {
    /** Strict zod schema of the rule's properties (without `enforcementLevel`). */
    readonly schema: ZodType<T>;
    /** Property names, for "did you mean" suggestions. */
    readonly propertyNames: readonly string[];
    /** The same schema as JSON Schema, in CrossGuard's `{ properties, required }` shape. */
    readonly configSchema: PolicyConfigSchema;
}

/** Declares a rule's config properties. `check` adds cross-field rules JSON Schema cannot express. */
export function defineRuleConfig<Shape extends ZodRawShape>(
    shape: Shape,
    check?: (value: output<ZodObject<Shape>>, ctx: RefinementCtx) => void,
): RuleConfigSpec<output<ZodObject<Shape>>> {
    const base = strictObject(shape);
    const jsonSchema = toJSONSchema(base, { target: "draft-7", io: "input" }) as {
        properties?: PolicyConfigSchema["properties"];
        required?: string[];
    };
    const configSchema: PolicyConfigSchema = { properties: jsonSchema.properties ?? {} };
    if (jsonSchema.required && jsonSchema.required.length > 0) {
        configSchema.required = jsonSchema.required;
    }
    return {
        schema: check ? base.superRefine(check) : base,
        propertyNames: Object.keys(shape),
        configSchema,
    };
}

/** Turns zod issues into problems whose paths start at `prefix` (the policy name). */
export function problemsFromIssues(
    prefix: string,
    issues: readonly core.$ZodIssue[],
    propertyNames: readonly string[],
): PolicyConfigProblem[] {
    const problems: PolicyConfigProblem[] = [];
    for (const issue of issues) {
        // "exemptions[0].reason": list indexes in brackets, as in the config file.
        const path = issue.path.reduce<string>(
            (at, segment) => (typeof segment === "number" ? `${at}[${segment}]` : `${at}.${String(segment)}`),
            prefix,
        );
        if (issue.code === "unrecognized_keys") {
            for (const key of issue.keys) {
                problems.push({ path: `${path}.${key}`, reason: unknownPropertyReason(key, propertyNames) });
            }
        } else {
            problems.push({ path, reason: issue.message });
        }
    }
    return problems;
}

export function unknownPropertyReason(key: string, propertyNames: readonly string[]): string {
    const allowed = ["enforcementLevel", ...propertyNames];
    const suggestion = closestName(key, allowed);
    return `unknown property${suggestion ? `; did you mean "${suggestion}"?` : ""} (allowed: ${allowed.join(", ")})`;
}

/** Parses a rule's properties (applying defaults). Throws PolicyConfigError listing every problem. */
export function readRuleConfig<T>(policyName: string, spec: RuleConfigSpec<T>, raw: unknown): T {
    const result = spec.schema.safeParse(raw ?? {});
    if (!result.success) {
        throw new PolicyConfigError(problemsFromIssues(policyName, result.error.issues, spec.propertyNames));
    }
    return result.data;
}

// ---------------------------------------------------------------------------------------------
// Field builders with messages that name the rule and the allowed values.

const describeValue = (value: unknown): string => (value === undefined ? "nothing" : JSON.stringify(value));

export function integerInRange(min: number, max: number, defaultValue: number, description: string) {
    const reason = (iss: { input?: unknown }) => `must be an integer from ${min} to ${max} (got ${describeValue(iss.input)})`;
    return number({ error: reason })
        .int({ error: reason })
        .min(min, { error: reason })
        .max(max, { error: reason })
        .default(defaultValue)
        .describe(description);
}

export function oneOfNumbers<const Values extends readonly [number, ...number[]]>(
    values: Values,
    defaultValue: Values[number],
    description: string,
) {
    return literal(values, { error: (iss) => `must be one of ${values.join(", ")} (got ${describeValue(iss.input)})` })
        .default(defaultValue as never)
        .describe(description);
}

/**
 * An integer that may only be `value`: for a threshold of a mandatory rule that a pack config must
 * not lower. The JSON Schema (minimum = maximum = value) lets the Pulumi CLI reject other values too.
 */
export function integerFixedAt(value: number, description: string, loweredReason: (got: number) => string) {
    const reason = (iss: { input?: unknown }) => `must be ${value} (got ${describeValue(iss.input)})`;
    return number({ error: reason })
        .int({ error: reason })
        .min(value, { error: (iss) => loweredReason(iss.input as number) })
        .max(value, { error: reason })
        .default(value)
        .describe(description);
}

export function flag(defaultValue: boolean, description: string) {
    return boolean({ error: (iss) => `must be true or false (got ${describeValue(iss.input)})` })
        .default(defaultValue)
        .describe(description);
}

/** A list of SageMaker instance types (`ml.<family>.<size>`). */
export function instanceTypeList(description: string) {
    // The domain's pattern and words, so the pack refuses what the stack file and components refuse.
    const item = string({ error: (iss) => instanceTypeReason(iss.input) }).regex(INSTANCE_TYPE_PATTERN, {
        error: (iss) => instanceTypeReason(iss.input),
    });
    return array(item, { error: (iss) => `must be a list of instance types such as ["ml.m5.xlarge"] (got ${describeValue(iss.input)})` })
        .default([])
        .describe(description);
}

/** A list of S3 bucket names (3-63 lowercase letters, digits, dots and hyphens). */
export function bucketNameList(description: string) {
    const item = string({ error: (iss) => s3BucketName(iss.input) }).regex(S3_BUCKET_NAME_PATTERN, {
        error: (iss) => s3BucketName(iss.input),
    });
    return array(item, { error: (iss) => `must be a list of bucket names such as ["shared-dataset"] (got ${describeValue(iss.input)})` })
        .default([])
        .describe(description);
}
