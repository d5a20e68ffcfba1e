/**
 * data-capture-exemptions: holds the pack config's exemptions from the mandatory capture rules
 * (captureExemptions.ts) and reports, as advisory, what each exempted rule would have found on
 * its endpoint, ending with "(exempted: <reason>, until <date>)". The rules themselves skip an
 * exempted endpoint. A stack policy, so it sees endpoint configs and the endpoints and inference
 * components data-capture-config-in-stack checks; its level is always advisory (config.ts).
 */
import { EXEMPTIONS_POLICY, exemptedNote, exemptionsConfig, findExemption } from "../captureExemptions";
import { checkEach } from "../previewSafe";
import { readRuleConfig } from "../ruleConfig";
import { endpointConfigShape } from "../resourceShapes";
import { ENDPOINT_CONFIG_TYPES } from "../resourceTypes";
import { resourcesOfType } from "../stackModel";
import { stackFileKeysOf } from "../stackFileKeys";
import { CONFIG_IN_STACK_RULE, forEachUnverifiedCapture } from "./captureConfigInStack";
import { ENDPOINT_CONFIG_CAPTURE_CHECKS } from "./dataCapture";
import { exemptionNames } from "./exemptionKit";
import { PackStackPolicy, resourceSubject, RuleDefinition } from "./ruleKit";

const dataCaptureExemptions: PackStackPolicy = {
    name: EXEMPTIONS_POLICY,
    description:
        "Exemptions from the mandatory capture rules, each for one endpoint with a reason and an expiry; reports what each exempted rule finds, as advisory.",
    enforcementLevel: "advisory",
    severity: "high",
    remediationSteps: "Fix the endpoint and remove its exemption before the exemption expires.",
    configSchema: exemptionsConfig.configSchema,
    validateStack: (args, reportViolation) => {
        const { exemptions } = readRuleConfig(EXEMPTIONS_POLICY, exemptionsConfig, args.getConfig());
        if (exemptions.length === 0) {
            return args.notApplicable("No exemptions in the policy pack config");
        }
        const reportEndpointConfigs = () =>
            checkEach(resourcesOfType(args.resources, ENDPOINT_CONFIG_TYPES), (resource) => {
                const config = endpointConfigShape(resource.type, resource.props)!;
                const parentUrn = resource.opts?.parent;
                const names = exemptionNames(resource.name, parentUrn, [config.knownName]);
                for (const exemption of exemptions.filter((e) => names.includes(e.endpoint))) {
                    const check = ENDPOINT_CONFIG_CAPTURE_CHECKS[exemption.rule];
                    const result = check === undefined ? [] : check(config, stackFileKeysOf(resource.urn, resource.props));
                    const subject = resourceSubject("Endpoint config", config.knownName, resource.name, parentUrn);
                    for (const message of "notApplicable" in result ? [] : result) {
                        reportViolation(`${exemption.rule}: ${subject}: ${message} ${exemptedNote(exemption)}`, resource.urn);
                    }
                }
            });
        const reportUnverified = () =>
            forEachUnverifiedCapture(args.resources, ({ resource, names, message }) => {
                const exemption = findExemption(exemptions, CONFIG_IN_STACK_RULE, names);
                if (exemption !== undefined) {
                    reportViolation(`${CONFIG_IN_STACK_RULE}: ${message} ${exemptedNote(exemption)}`, resource.urn);
                }
            });
        checkEach([reportEndpointConfigs, reportUnverified], (report) => report());
    },
};

export const captureExemptionRules: RuleDefinition[] = [{ policy: dataCaptureExemptions, config: exemptionsConfig }];
