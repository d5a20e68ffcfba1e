/**
 * How the mandatory capture rules honour exemptions: the names an exemption's `endpoint` may use
 * for a resource, and the resource-rule builder that skips an exempted endpoint (the
 * data-capture-exemptions policy reports what the rule would have found, as advisory).
 */
import { findExemption, injectedExemptions } from "../captureExemptions";
import { stackFileKeysOf } from "../stackFileKeys";
import { EndpointConfigCaptureCheck } from "./captureChecks";
import { PackResourcePolicy, parentComponentName, validateEndpointConfig } from "./ruleKit";

/**
 * The names an exemption's `endpoint` matches for a resource: the component it was declared in
 * (this project names each endpoint component after its endpoint), its logical name and its known
 * physical names.
 */
export function exemptionNames(
    logicalName: string,
    parentUrn: string | undefined,
    physicalNames: readonly (string | undefined)[],
): string[] {
    return [parentComponentName(parentUrn), logicalName, ...physicalNames].filter((name): name is string => name !== undefined);
}

type RuleMetadata = Omit<PackResourcePolicy, "enforcementLevel" | "validateResource">;

/** A mandatory capture rule on endpoint configs: runs `check` unless the endpoint is exempted from it. */
export function mandatoryEndpointConfigRule(metadata: RuleMetadata, check: EndpointConfigCaptureCheck): PackResourcePolicy {
    return {
        ...metadata,
        enforcementLevel: "mandatory",
        validateResource: validateEndpointConfig((config, args, reportViolation) => {
            const names = exemptionNames(args.name, args.opts.parent, [config.knownName]);
            const exemption = findExemption(injectedExemptions(args.getConfig()), metadata.name, names);
            if (exemption !== undefined) {
                return args.notApplicable(
                    `Exempted until ${exemption.expires}: ${exemption.reason} (data-capture-exemptions reports the violations as advisory)`,
                );
            }
            const result = check(config, stackFileKeysOf(args.urn, args.props));
            if ("notApplicable" in result) {
                return args.notApplicable(result.notApplicable);
            }
            result.forEach((message) => reportViolation(message));
        }),
    };
}
