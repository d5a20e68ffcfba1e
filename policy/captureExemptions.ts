/**
 * Exemptions from the mandatory capture rules: the one explicit, reviewable way to let an endpoint
 * fail one of them for a while. They live in the pack config under the `data-capture-exemptions`
 * policy (a real policy of the pack, so both the offline synth and the Pulumi CLI pass its entry):
 *
 *   "data-capture-exemptions": {
 *     "exemptions": [
 *       { "endpoint": "legacy-ep", "rule": "data-capture-sampling-100", "reason": "...", "expires": "2027-03-31" }
 *     ]
 *   }
 *
 * A CrossGuard policy sees only its own config entry, so the pack's config resolution copies each
 * exemption into the properties of the rule it names (INJECTED_EXEMPTIONS): parsePackConfig does
 * it offline, the configure guard under the CLI. An exempted rule skips that endpoint; the
 * `data-capture-exemptions` policy reports what it would have found, as advisory.
 */
import { array, string, strictObject } from "zod";
import { closestName } from "../domain/closestName";
import { MANDATORY_CAPTURE_RULES, isMandatoryCaptureRule } from "./mandatoryCapture";
import { PolicyConfigProblem } from "./policyConfigError";
import { defineRuleConfig } from "./ruleConfig";
import { arrayOf, objectOf } from "../domain/values";

export const EXEMPTIONS_POLICY = "data-capture-exemptions";

/** The property the config resolution adds to each mandatory capture rule: its own exemptions. */
export const INJECTED_EXEMPTIONS = "_exemptions";

export interface CaptureExemption {
    /** The endpoint: its name (this project names each endpoint component after it), or the resource's logical or physical name. */
    readonly endpoint: string;
    readonly rule: string;
    readonly reason: string;
    /** Last day (UTC) the exemption applies, YYYY-MM-DD. */
    readonly expires: string;
}

const required = (what: string) => (iss: { input?: unknown }) =>
    iss.input === undefined ? `is required: ${what}` : `must be a string: ${what} (got ${JSON.stringify(iss.input)})`;
const notBlank = (what: string) => `must not be blank: ${what}`;

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** True for a real calendar date written YYYY-MM-DD. */
function isIsoDate(value: string): boolean {
    const date = new Date(`${value}T00:00:00Z`);
    return ISO_DATE.test(value) && !Number.isNaN(date.getTime()) && date.toISOString().startsWith(value);
}

const exemptionItem = strictObject({
    endpoint: string({ error: required("the endpoint name it applies to") }).min(1, { error: notBlank("the endpoint name it applies to") }),
    rule: string({ error: required("the mandatory capture rule it lifts") }),
    reason: string({ error: required("why this endpoint may fail the rule (reviewers read it)") })
        .trim()
        .min(1, { error: notBlank("why this endpoint may fail the rule (reviewers read it)") }),
    expires: string({ error: required("the last day it applies, YYYY-MM-DD") }).refine(isIsoDate, {
        error: (iss) => `must be a date YYYY-MM-DD, the last day the exemption applies (got ${JSON.stringify(iss.input)})`,
    }),
});

export const exemptionsConfig = defineRuleConfig({
    exemptions: array(exemptionItem, {
        error: (iss) => `must be a list of exemptions { endpoint, rule, reason, expires } (got ${JSON.stringify(iss.input)})`,
    })
        .default([])
        .describe("Endpoints allowed to fail one mandatory capture rule until a date, each with the reason."),
});

/** Today's date in UTC, YYYY-MM-DD: exemptions compare with it. */
export function utcToday(now: Date = new Date()): string {
    return now.toISOString().slice(0, 10);
}

/**
 * Problems that need more than the item schema: a rule that is not a mandatory capture rule, and
 * an expiry in the past. Read from the raw list, so they are reported even when another item (or
 * another field) is malformed. Paths start at `data-capture-exemptions.exemptions[i]`.
 */
export function exemptionProblems(rawExemptions: unknown, today: string): PolicyConfigProblem[] {
    return arrayOf(rawExemptions).flatMap((item, i) => {
        const exemption = objectOf(item) ?? {};
        const at = `${EXEMPTIONS_POLICY}.exemptions[${i}]`;
        const problems: PolicyConfigProblem[] = [];
        const { endpoint, rule, expires } = exemption;
        if (typeof rule === "string" && !isMandatoryCaptureRule(rule)) {
            const suggestion = closestName(rule, MANDATORY_CAPTURE_RULES);
            problems.push({
                path: `${at}.rule`,
                reason:
                    `unknown rule "${rule}"${suggestion ? `; did you mean "${suggestion}"?` : ""} ` +
                    `(only the mandatory capture rules can be exempted: ${MANDATORY_CAPTURE_RULES.join(", ")})`,
            });
        }
        if (typeof expires === "string" && isIsoDate(expires) && expires < today) {
            problems.push({
                path: `${at}.expires`,
                reason:
                    `the exemption for endpoint ${JSON.stringify(endpoint)} and rule ${JSON.stringify(rule)} expired on ${expires} ` +
                    `(today is ${today}); remove it, or renew it with a new date and reason`,
            });
        }
        return problems;
    });
}

/** The exemptions a mandatory rule received through its properties (see INJECTED_EXEMPTIONS). */
export function injectedExemptions(properties: Record<string, unknown>): CaptureExemption[] {
    return arrayOf(properties[INJECTED_EXEMPTIONS]).filter((item): item is CaptureExemption => objectOf(item) !== undefined);
}

/** The exemption of `rule` for a resource known by any of `names`, if one applies. */
export function findExemption(
    exemptions: readonly CaptureExemption[],
    rule: string,
    names: readonly string[],
): CaptureExemption | undefined {
    return exemptions.find((exemption) => exemption.rule === rule && names.includes(exemption.endpoint));
}

/** What an exempted violation's message ends with. */
export function exemptedNote(exemption: CaptureExemption): string {
    return `(exempted: ${exemption.reason}, until ${exemption.expires})`;
}
