/**
 * Small shared pieces of every rule: the policy type with the metadata this pack requires,
 * the message format, the per-type dispatch for endpoint-config and model rules (whose messages
 * name the resource and the component it belongs to), and the strict config check every
 * registered policy runs.
 */
import type {
    EnforcementLevel,
    ReportViolation,
    ResourceValidation,
    ResourceValidationArgs,
    ResourceValidationPolicy,
    Severity,
    StackValidationPolicy,
} from "@pulumi/policy";
import { ENDPOINT_CONFIG_TYPES, MODEL_TYPES } from "../resourceTypes";
import { allVariants, endpointConfigShape, EndpointConfigShape, modelShape, ModelShape } from "../resourceShapes";
import { INJECTED_EXEMPTIONS } from "../captureExemptions";
import { isMandatoryCaptureRule } from "../mandatoryCapture";
import { defineRuleConfig, flag, readRuleConfig, RuleConfigSpec } from "../ruleConfig";

/** Metadata every policy of this pack carries (optional in CrossGuard, required here). */
interface PackPolicyMetadata {
    enforcementLevel: EnforcementLevel;
    severity: Severity;
    /** How to fix a violation; each violation message also ends with its own specific remediation. */
    remediationSteps: string;
}

export type PackResourcePolicy = ResourceValidationPolicy & PackPolicyMetadata;
export type PackStackPolicy = StackValidationPolicy & PackPolicyMetadata;
export type PackPolicy = PackResourcePolicy | PackStackPolicy;

/** A registry entry: the CrossGuard policy and, when configurable, its config spec. */
export interface RuleDefinition {
    readonly policy: PackPolicy;
    readonly config?: RuleConfigSpec<any>;
}

/** Names in a message: comma-separated, or "none". */
export const listOrNone = (names: readonly string[]): string => (names.length > 0 ? names.join(", ") : "none");

/**
 * The one message format: what is wrong, then how to fix it. With `stackFileKey` (the key of the
 * stack file the resource was built from), the remediation names it after the provider field:
 * `... Remediation: set dataCaptureConfig.initialSamplingPercentage to 100 (stack file:
 * sagemaker-monitoring:endpoints[0].dataCapture.samplingPercentage).`
 */
export function violation(problem: string, remediation: string, stackFileKey?: string): string {
    const fix = stackFileKey === undefined ? remediation : `${remediation.replace(/\.$/, "")} (stack file: ${stackFileKey}).`;
    return `${problem} Remediation: ${fix}`;
}

/** JSON-ish rendering of a value inside a message. */
export function show(value: unknown): string {
    return value === undefined ? "not set" : JSON.stringify(value);
}

/**
 * True when every variant is serverless. Serverless Inference supports neither Data Capture
 * nor instance settings (instance type, count, storage volume), so instance- and capture-level
 * rules do not apply to such configs.
 */
function isServerlessOnly(config: EndpointConfigShape): boolean {
    const variants = allVariants(config);
    return variants.length > 0 && variants.every((variant) => variant.serverless && variant.instanceTypes.length === 0);
}

/** The name of the component a resource was declared in (its parent URN's name), undefined for top-level resources. */
export function parentComponentName(parentUrn: string | undefined): string | undefined {
    const parts = parentUrn?.split("::") ?? [];
    const type = parts[2]?.split("$").pop();
    return type === undefined || parts.length < 4 || type === "pulumi:pulumi:Stack" ? undefined : parts.slice(3).join("::");
}

/**
 * `<ParentType> "<name>"` of the component a resource was declared in (e.g. `RealtimeEndpoint
 * "churn-dev"`, which names the endpoint in this project), from the parent URN the engine passes;
 * undefined for top-level resources, whose parent is the stack.
 */
export function parentComponent(parentUrn: string | undefined): string | undefined {
    const name = parentComponentName(parentUrn);
    const type = parentUrn?.split("::")[2]?.split("$").pop();
    return name === undefined || type === undefined ? undefined : `${type.split(":").pop()} "${name}"`;
}

/**
 * What a resource rule's messages start with, so a violation names the resource and, through
 * its component, the endpoint: `Endpoint config "churn-dev-46b18808" of RealtimeEndpoint
 * "churn-dev"`. The physical name is used when known (during preview it often is not: it is a
 * hash of other resources' outputs), else the logical name. Never reads an unknown value.
 */
export function resourceSubject(
    kind: string,
    knownPhysicalName: string | undefined,
    logicalName: string,
    parentUrn: string | undefined,
): string {
    const name = knownPhysicalName === undefined ? `resource "${logicalName}"` : `"${knownPhysicalName}"`;
    const parent = parentComponent(parentUrn);
    return `${kind} ${name}${parent === undefined ? "" : ` of ${parent}`}`;
}

/** Prefixes every message with `subject()` (computed only when there is a violation). */
function reportingAs(subject: () => string, reportViolation: ReportViolation): ReportViolation {
    return (message, urn) => reportViolation(`${subject()}: ${message}`, urn);
}

/** A resource validation for both endpoint-config types (aws-native and classic). */
export function validateEndpointConfig(
    validate: (config: EndpointConfigShape, args: ResourceValidationArgs, reportViolation: ReportViolation) => void,
): ResourceValidation {
    return (args, reportViolation) => {
        const config = endpointConfigShape(args.type, args.props);
        if (!config) {
            return args.notApplicable(`Policy only applies to resources of type ${ENDPOINT_CONFIG_TYPES.join(", ")}`);
        }
        validate(
            config,
            args,
            reportingAs(() => resourceSubject("Endpoint config", config.knownName, args.name, args.opts.parent), reportViolation),
        );
    };
}

/** Like {@link validateEndpointConfig}, but skips serverless-only configs (see {@link isServerlessOnly}). */
export function validateInstanceEndpointConfig(
    validate: (config: EndpointConfigShape, args: ResourceValidationArgs, reportViolation: ReportViolation) => void,
): ResourceValidation {
    return validateEndpointConfig((config, args, reportViolation) => {
        if (isServerlessOnly(config)) {
            return args.notApplicable("Serverless-only endpoint configs have no instances, instance storage or Data Capture");
        }
        validate(config, args, reportViolation);
    });
}

/** A resource validation for both model types (aws-native and classic). */
export function validateModel(
    validate: (model: ModelShape, args: ResourceValidationArgs, reportViolation: ReportViolation) => void,
): ResourceValidation {
    return (args, reportViolation) => {
        const model = modelShape(args.type, args.props);
        if (!model) {
            return args.notApplicable(`Policy only applies to resources of type ${MODEL_TYPES.join(", ")}`);
        }
        validate(
            model,
            args,
            reportingAs(() => resourceSubject("Model", model.knownName, args.name, args.opts.parent), reportViolation),
        );
    };
}

/** The `enabled` switch of the prod rules: off unless the pack config turns it on. */
export const enabledSwitch = flag(false, "Prod rule switch: the rule runs only when this is true.");

/** Stops a prod rule that the pack config has not switched on. */
export function requireEnabled(args: { notApplicable(reason?: string): never }, enabled: boolean): void {
    if (!enabled) {
        args.notApplicable("Prod rule switched off; set enabled: true in the policy pack config to enforce it");
    }
}

/** The config spec of a policy without properties: only enforcementLevel may be given. */
const NO_PROPERTIES = defineRuleConfig({});

/**
 * The registry entry for `policy`, whose every validation first checks the policy's whole config
 * strictly (unknown or invalid properties throw PolicyConfigError naming each). The Pulumi CLI
 * validates pack config only against each schema's `properties` and `required` (the engine's
 * PolicyConfigSchema has no `additionalProperties`), so without this a misspelled property would
 * be ignored under `pulumi preview` while the offline synth rejects it.
 */
export function defineRule(policy: PackPolicy, config?: RuleConfigSpec<any>): RuleDefinition {
    const spec = config ?? NO_PROPERTIES;
    // A mandatory capture rule also receives its exemptions from the config resolution (not a user property).
    const own = (properties: Record<string, unknown>) => {
        const { [INJECTED_EXEMPTIONS]: _injected, ...rest } = properties;
        return isMandatoryCaptureRule(policy.name) ? rest : properties;
    };
    const checkConfig = (args: { getConfig<T extends object>(): T }) =>
        void readRuleConfig(policy.name, spec, own(args.getConfig<Record<string, unknown>>()));
    if ("validateStack" in policy) {
        const validateStack = policy.validateStack;
        return { policy: { ...policy, validateStack: (args, report) => (checkConfig(args), validateStack(args, report)) }, config };
    }
    const validations =
        policy.validateResource === undefined
            ? []
            : Array.isArray(policy.validateResource)
              ? policy.validateResource
              : [policy.validateResource];
    const checked: ResourceValidation[] = validations.map((validate) => (args, report) => (checkConfig(args), validate(args, report)));
    return { policy: { ...policy, validateResource: checked.length === 1 ? checked[0] : checked }, config };
}
