/**
 * The Lambda's own egress check at start-up: the sink URL against `allowedHosts` (ALLOWED_HOSTS),
 * with the rules the component and the stack file were validated with (domain/forwarder/egress.ts).
 * A function whose environment was edited by hand, or deployed by other tooling, still refuses to
 * send anywhere the configuration did not name.
 */
import { allowedHostEntryProblem, egressUrlProblem, parseAllowedHosts } from "../../domain/forwarder/egress";
import { ENV, EnvironmentProblem, ForwarderConfig, ForwarderEnvironmentError } from "../../domain/forwarder/environment";

export interface EgressCheckOptions {
    /**
     * Plain http to 127.0.0.1, [::1] or localhost without an entry: for tests and local replay. Not
     * an environment variable: the deployed function (index.ts) never sets it.
     * @default false
     */
    allowLoopbackHttp?: boolean;
}

/** Every egress problem of the configuration, by environment variable. */
function egressProblems(
    config: ForwarderConfig,
    env: Record<string, string | undefined>,
    options: EgressCheckOptions = {},
): EnvironmentProblem[] {
    const allowedHosts = parseAllowedHosts(env[ENV.allowedHosts]);
    const problems: EnvironmentProblem[] = [];
    allowedHosts.forEach((entry) => {
        const problem = allowedHostEntryProblem(entry);
        if (problem !== undefined) problems.push({ variable: ENV.allowedHosts, reason: problem });
    });
    const sink = config.sink;
    // A dataset-only forwarder sends nothing outside AWS.
    if (sink === null) return problems;
    const [variable, url] = sink.kind === "arthur" ? [ENV.arthurHost, sink.host] : [ENV.httpUrl, sink.url];
    const problem = egressUrlProblem(url, {
        allowedHosts,
        arthurCloud: sink.kind === "arthur",
        allowLoopbackHttp: options.allowLoopbackHttp === true,
    });
    if (problem !== undefined) problems.push({ variable, reason: problem });
    return problems;
}

/** The configuration, when its sink URL passes the egress rules; throws one error naming every problem otherwise. */
export function checkEgress(
    config: ForwarderConfig,
    env: Record<string, string | undefined>,
    options: EgressCheckOptions = {},
): ForwarderConfig {
    const problems = egressProblems(config, env, options);
    if (problems.length > 0) throw new ForwarderEnvironmentError(problems);
    return config;
}
