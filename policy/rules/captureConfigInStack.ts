/**
 * data-capture-config-in-stack: the capture rules check endpoint configs declared in the stack,
 * so every endpoint and every inference component must run on one. An endpoint that names an
 * endpoint config created elsewhere, or an inference component deployed onto an endpoint outside
 * the stack, would serve traffic whose Data Capture no rule has seen. A mandatory capture rule
 * (mandatoryCapture.ts). Joins use propertyDependencies first (known at preview), then names.
 */
import type { ReportViolation } from "@pulumi/policy";
import { findExemption, injectedExemptions } from "../captureExemptions";
import { checkEach, knownString } from "../previewSafe";
import { endpointShape } from "../resourceShapes";
import { ENDPOINT_TYPES, TYPES } from "../resourceTypes";
import { endpointsOf, referencedResources, resourcesOfType, StackResource } from "../stackModel";
import { exemptionNames } from "./exemptionKit";
import { PackStackPolicy, resourceSubject, RuleDefinition, show, violation } from "./ruleKit";

export const CONFIG_IN_STACK_RULE = "data-capture-config-in-stack";

const REMEDIATION =
    'declare the endpoint and its endpoint config in this stack (for example with RealtimeEndpoint or AsyncEndpoint), or exempt the endpoint in "data-capture-exemptions" with a reason and an expiry.';

export interface UnverifiedCapture {
    readonly resource: StackResource;
    /** The names an exemption's `endpoint` may use for it. */
    readonly names: string[];
    readonly message: string;
}

/**
 * Calls `visit` for every endpoint whose endpoint config, and every inference component whose
 * endpoint, is not declared in the stack. A join that needs a value unknown during preview stops
 * for its own resource only; the first such error is rethrown at the end (see checkEach).
 */
export function forEachUnverifiedCapture(resources: readonly StackResource[], visit: (finding: UnverifiedCapture) => void): void {
    const endpointNodes = endpointsOf(resources);
    const endpoints = resourcesOfType(resources, ENDPOINT_TYPES);
    const checkEndpoints = () =>
        checkEach(endpointNodes, (node) => {
            if (node.configResource !== undefined) {
                return;
            }
            const { resource } = node;
            const physical = knownString(resource.props, resource.type === TYPES.nativeEndpoint ? "endpointName" : "name");
            const subject = resourceSubject("Endpoint", physical, resource.name, resource.opts?.parent);
            visit({
                resource,
                names: exemptionNames(resource.name, resource.opts?.parent, [physical]),
                message: `${subject}: ${violation(
                    `runs endpoint config ${show(knownString(resource.props, "endpointConfigName"))}, which is not declared in this stack, so the Data Capture rules cannot check it.`,
                    REMEDIATION,
                )}`,
            });
        });
    const checkInferenceComponents = () =>
        checkEach(resourcesOfType(resources, [TYPES.inferenceComponent]), (resource) => {
            const hosts = referencedResources(resource, "endpointName", endpoints, (e) => [endpointShape(e.type, e.props)!.endpointName]);
            if (hosts.length > 0) {
                return;
            }
            const endpointName = knownString(resource.props, "endpointName");
            const physical = knownString(resource.props, "inferenceComponentName");
            const subject = resourceSubject("Inference component", physical, resource.name, resource.opts?.parent);
            visit({
                resource,
                names: exemptionNames(resource.name, resource.opts?.parent, [endpointName, physical]),
                message: `${subject}: ${violation(
                    `runs on endpoint ${show(endpointName)}, which is not declared in this stack, so the Data Capture rules cannot check its endpoint config.`,
                    REMEDIATION,
                )}`,
            });
        });
    checkEach([checkEndpoints, checkInferenceComponents], (check) => check());
}

export const dataCaptureConfigInStack: PackStackPolicy = {
    name: CONFIG_IN_STACK_RULE,
    description:
        "Every SageMaker endpoint and inference component must run on an endpoint config declared in this stack, so the Data Capture rules can check it.",
    enforcementLevel: "mandatory",
    severity: "high",
    remediationSteps:
        "Declare each endpoint's endpoint config in the stack (RealtimeEndpoint, AsyncEndpoint, or an EndpointConfig resource), and deploy inference components only onto endpoints of the stack.",
    validateStack: (args, reportViolation: ReportViolation) => {
        const exemptions = injectedExemptions(args.getConfig());
        forEachUnverifiedCapture(args.resources, ({ resource, names, message }) => {
            if (findExemption(exemptions, CONFIG_IN_STACK_RULE, names) === undefined) {
                reportViolation(message, resource.urn);
            }
        });
    },
};

export const captureConfigInStackRules: RuleDefinition[] = [{ policy: dataCaptureConfigInStack }];
