import { egressDestination } from "../../domain/forwarder/egress";
import { Problem } from "../core/validation/problems";
import { ForwarderSettings } from "./forwarderArgs";

/** A forwarder's sink and where it is in the caller's input, for messages. */
export interface LabelledForwarderSink {
    /** How the forwarder is referred to: "forwarders[0]". */
    label: string;
    settings: ForwarderSettings;
}

/** The given token secret, where the sink sends and whether sharing was asked for; undefined without a given secret. */
function binding(forwarder: LabelledForwarderSink): { arn: string; destination: string; shared: boolean } | undefined {
    const sink = forwarder.settings.sink;
    if (sink === undefined) return undefined;
    const url = sink.kind === "arthur" ? sink.host : sink.url;
    const destination = typeof url === "string" ? egressDestination(url) : undefined;
    if (typeof sink.tokenSecretArn !== "string" || destination === undefined) return undefined;
    return { arn: sink.tokenSecretArn, destination, shared: sink.sharedTokenSecret === true };
}

/**
 * A token secret is bound to the host it was issued for: one secret given to forwarders that send
 * to different hosts (an http sink reusing the Arthur token on another host) is refused, at the
 * later forwarder's `sink.tokenSecretArn`, unless both set `sink.sharedTokenSecret: true`.
 */
export function tokenSecretBindingProblems(forwarders: readonly LabelledForwarderSink[]): Problem[] {
    const problems: Problem[] = [];
    const firstByArn = new Map<string, { label: string; destination: string; shared: boolean }>();
    for (const forwarder of forwarders) {
        const bound = binding(forwarder);
        if (bound === undefined) continue;
        const first = firstByArn.get(bound.arn);
        if (first === undefined) {
            firstByArn.set(bound.arn, { label: forwarder.label, ...bound });
        } else if (first.destination !== bound.destination && !(first.shared && bound.shared)) {
            problems.push({
                propertyPath: `${forwarder.label}.sink.tokenSecretArn`,
                reason:
                    `must not reuse the token secret of ${first.label}, which sends to ${first.destination}, for ${bound.destination}: ` +
                    `a token is bound to its host; set sink.sharedTokenSecret: true on both forwarders to share it on purpose`,
            });
        }
    }
    return problems;
}
