/**
 * Lambda entry point (bundled by components/captureForwarder/bundleLambda.ts; handler "index.handler"),
 * run every minute by an EventBridge schedule. The environment is validated at cold start.
 */
import { CloudWatchClient } from "@aws-sdk/client-cloudwatch";
import { loadGpuCapacityConfig } from "../../domain/gpuCapacityContract";
import { publishCapacity, PublisherLog } from "./publisher";

const config = loadGpuCapacityConfig(process.env);
// Bounded calls: a slow connection or response fails the call instead of the whole run.
const cloudWatch = new CloudWatchClient({ maxAttempts: 2, requestHandler: { connectionTimeout: 2000, requestTimeout: 10_000 } });
const log: PublisherLog = {
    info: (message, fields) => console.log(JSON.stringify({ level: "info", message, ...fields })),
    error: (message, fields) => console.log(JSON.stringify({ level: "error", message, ...fields })),
};

export async function handler(_event: unknown, context: { getRemainingTimeInMillis(): number }) {
    return publishCapacity({ cloudWatch, config, now: () => new Date(), log }, context.getRemainingTimeInMillis());
}
