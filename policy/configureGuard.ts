/**
 * The pack config guard under the Pulumi CLI. The CLI reconciles the pack config (`all`, each
 * policy's entry, schema defaults) and hands the result to the pack in one `Configure` call;
 * afterwards each policy sees only its own properties, never its enforcement level, and a
 * "disabled" policy never runs. So a rule cannot notice that a config made it advisory or
 * disabled. This guard wraps the pack's Configure handler: it validates the whole config with
 * the same parsePackConfig the offline synth uses (mandatory capture rules stay mandatory,
 * thresholds cannot be lowered, exemptions need a reason and an unexpired date, unknown policy or
 * property names) and fails the Configure call, which fails `pulumi preview`/`up` before any
 * resource is checked ("configuring policy pack ...: Invalid policy pack config ..."). A valid
 * config is passed on as parsePackConfig resolved it: each mandatory rule receives its exemptions
 * in its properties, and data-capture-exemptions runs at advisory.
 *
 * @pulumi/policy registers its handlers on a @grpc/grpc-js Server while the PolicyPack is
 * constructed (server.js `serve`); the guard wraps the `configure` handler there. If that ever
 * changes, serving fails instead of running unguarded.
 */
import * as path from "path";
import { parsePackConfig, PolicyConfigError, ResolvedPackConfig } from "./config";

const policySdkDir = path.dirname(require.resolve("@pulumi/policy"));
// The very modules @pulumi/policy's server uses, so messages and the Server class are the same.
const grpc = require(require.resolve("@grpc/grpc-js", { paths: [policySdkDir] }));
const analyzerPbPath = require.resolve("@pulumi/pulumi/proto/analyzer_pb", { paths: [policySdkDir] });
const analyzerPb = require(analyzerPbPath);
const { Struct } = require(require.resolve("google-protobuf/google/protobuf/struct_pb", { paths: [path.dirname(analyzerPbPath)] }));

const LEVEL_BY_NUMBER: Record<number, string> = Object.fromEntries(
    Object.entries(analyzerPb.EnforcementLevel as Record<string, number>).map(([name, value]) => [value, name.toLowerCase()]),
);

/** The reconciled config of a ConfigureAnalyzerRequest as raw pack config: every entry with its level and properties. */
function rawConfigOfRequest(request: any): Record<string, unknown> {
    const raw: Record<string, unknown> = {};
    for (const [name, config] of request.getPolicyconfigMap().entries()) {
        raw[name] = { enforcementLevel: LEVEL_BY_NUMBER[config.getEnforcementlevel()], ...(config.getProperties()?.toJavaScript() ?? {}) };
    }
    return raw;
}

/** Rewrites the request to the resolved config (levels and properties, exemptions included). */
function writeResolved(request: any, resolved: ResolvedPackConfig): void {
    const map = request.getPolicyconfigMap();
    for (const [name, { enforcementLevel, properties }] of Object.entries(resolved)) {
        const config = map.get(name) ?? new analyzerPb.PolicyConfig();
        config.setEnforcementlevel(analyzerPb.EnforcementLevel[enforcementLevel.toUpperCase()]);
        config.setProperties(Struct.fromJavaScript(properties));
        map.set(name, config);
    }
}

type Handler = (call: { request: any }, callback: (error: Error | null, response?: unknown) => void) => unknown;

/** The Configure handler that validates first, then configures the pack with the resolved config. */
export function guardConfigure(configure: Handler, today?: string): Handler {
    return (call, callback) => {
        let resolved: ResolvedPackConfig;
        try {
            resolved = parsePackConfig(rawConfigOfRequest(call.request), undefined, today);
        } catch (e) {
            const error = e instanceof PolicyConfigError ? Object.assign(new Error(e.message), { code: grpc.status.INVALID_ARGUMENT }) : e;
            callback(error as Error);
            return;
        }
        writeResolved(call.request, resolved);
        return configure(call, callback);
    };
}

/** Runs `start` (which constructs the PolicyPack) with its Configure handler guarded; throws when it could not be guarded. */
export function serveGuarded(start: () => void): void {
    const prototype = grpc.Server.prototype;
    const addService = prototype.addService;
    let guarded = false;
    prototype.addService = function (this: unknown, service: unknown, implementation: Record<string, Handler>) {
        if (typeof implementation?.configure === "function") {
            guarded = true;
            return addService.call(this, service, { ...implementation, configure: guardConfigure(implementation.configure) });
        }
        return addService.call(this, service, implementation);
    };
    try {
        start();
    } finally {
        prototype.addService = addService;
    }
    if (!guarded) {
        throw new Error(
            "sagemaker-monitoring policy pack: could not install the pack config guard (@pulumi/policy registered no configure handler); " +
                "refusing to run with mandatory capture rules a config could switch off.",
        );
    }
}
