import { allowedHostEntryProblem, egressUrlProblem } from "../../domain/forwarder/egress";
import { ProblemCollector } from "../core/validation/problems";
import * as rules from "../../domain/validationRules";
import { ForwarderSettings } from "./forwarderArgs";

/**
 * The egress rules (domain/forwarder/egress.ts) on the settings: each `allowedHosts` entry, and the
 * sink's URL against them. A URL the Lambda's environment rules already refused is not reported
 * twice (`reported` holds the paths with a problem).
 */
export function forwarderEgressProblems(settings: ForwarderSettings, problems: ProblemCollector, reported: ReadonlySet<string>): void {
    const allowedHosts = settings.allowedHosts ?? [];
    if (settings.allowedHosts !== undefined) {
        if (!Array.isArray(settings.allowedHosts)) {
            problems.add("allowedHosts", `must be a list of host names (got ${JSON.stringify(settings.allowedHosts)})`);
            return;
        }
        allowedHosts.forEach((entry, i) => problems.check(`allowedHosts[${i}]`, allowedHostEntryProblem(entry)));
        problems.check("allowedHosts", rules.uniqueValues(allowedHosts));
    }
    if (settings.sink === undefined) {
        return;
    }
    if (settings.sink.sharedTokenSecret !== undefined) {
        problems.check("sink.sharedTokenSecret", rules.isBoolean(settings.sink.sharedTokenSecret));
        if (settings.sink.tokenSecretArn === undefined) {
            problems.add(
                "sink.sharedTokenSecret",
                "must not be set without sink.tokenSecretArn: a created secret serves this forwarder only",
            );
        }
    }
    // Where the sink sends: `sink.host` (arthur) or `sink.url` (http).
    const [path, url] = settings.sink.kind === "arthur" ? ["sink.host", settings.sink.host] : ["sink.url", settings.sink.url];
    if (typeof url === "string" && url !== "" && !reported.has(path)) {
        problems.check(path, egressUrlProblem(url, { allowedHosts, arthurCloud: settings.sink.kind === "arthur" }));
    }
}
