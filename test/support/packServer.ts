/**
 * A policy pack served as the Pulumi CLI's pulumi-analyzer-policy shim serves it: Pulumi's
 * run-policy-pack over the pack folder, which registers ts-node (type-checking, with the folder's
 * tsconfig.json if any) and loads package.json's `main`; @pulumi/policy starts its analyzer gRPC
 * server on loopback and prints the port. Specs then speak the engine's Analyzer protocol to it.
 */
import { ChildProcess, spawn } from "child_process";

const grpc = require("@grpc/grpc-js");
export const analyzerPb = require("@pulumi/pulumi/proto/analyzer_pb");
const analyzerGrpc = require("@pulumi/pulumi/proto/analyzer_grpc_pb");
export const { Struct } = require("google-protobuf/google/protobuf/struct_pb");

/** Proto enum value -> lower-case name, e.g. 1 -> "mandatory", 3 -> "high". */
const enumNames = (protoEnum: Record<string, number>, prefix = ""): Record<number, string> =>
    Object.fromEntries(Object.entries(protoEnum).map(([k, v]) => [v, k.slice(prefix.length).toLowerCase()]));
export const LEVEL_NAMES = enumNames(analyzerPb.EnforcementLevel);
export const SEVERITY_NAMES = enumNames(analyzerPb.PolicySeverity, "POLICY_SEVERITY_");

/** One unary Analyzer call. */
export function call<T>(client: any, method: string, request: unknown): Promise<T> {
    return new Promise((resolve, reject) =>
        client[method](request, (err: Error | null, response: T) => (err ? reject(err) : resolve(response))),
    );
}

/** GetAnalyzerInfo's request type (google.protobuf.Empty). */
export const emptyRequest = () => new analyzerGrpc.AnalyzerService.getAnalyzerInfo.requestType();

export interface PackServer {
    client: any;
    /** Closes the client and ends the pack's process. */
    stop(): void;
}

/** Serves the pack in `dir` with `env` (the whole environment of the child); rejects with its stderr if it exits first. */
export async function servePack(dir: string, env: NodeJS.ProcessEnv): Promise<PackServer> {
    const runPolicyPack = require.resolve("@pulumi/pulumi/cmd/run-policy-pack");
    const server: ChildProcess = spawn(process.execPath, [runPolicyPack, "127.0.0.1:0", "."], {
        cwd: dir,
        env,
        stdio: ["ignore", "pipe", "pipe"],
    });
    const port = await new Promise<string>((resolve, reject) => {
        let stderr = "";
        server.stderr!.on("data", (d) => (stderr += d));
        server.stdout!.once("data", (d) => resolve(String(d).trim()));
        server.once("exit", (code) => reject(new Error(`policy pack exited with ${code}: ${stderr}`)));
    });
    const client = new analyzerGrpc.AnalyzerClient(`127.0.0.1:${port}`, grpc.credentials.createInsecure());
    return {
        client,
        stop: () => {
            client.close();
            if (server.exitCode === null) server.kill();
        },
    };
}
