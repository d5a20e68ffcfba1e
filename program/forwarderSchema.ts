import { z } from "zod";
import { IntegerSetting } from "../domain/forwarder/environment";
import { TUNING_SETTINGS } from "../components/captureForwarder/forwarderEnvironment";

/**
 * The shape of a `forwarders` entry. Shapes only: CaptureForwarder's validator (and through it the
 * Lambda's own environment rules) checks the values, at the same paths.
 */
const tokenSecret = {
    tokenSecretArn: z.string().optional(),
    tokenSecretKmsKeyArn: z.string().optional(),
};

const sink = z.discriminatedUnion("kind", [
    z.strictObject({ kind: z.literal("arthur"), host: z.string(), modelId: z.string(), ...tokenSecret }),
    z.strictObject({
        kind: z.literal("http"),
        url: z.string(),
        authHeaderName: z.string().optional(),
        authPrefix: z.string().optional(),
        ...tokenSecret,
    }),
]);

/** chunkMaxBytes, chunkMaxRecords, ...: the Lambda's integer settings, by their own names. */
const tuning = Object.fromEntries(TUNING_SETTINGS.map((setting) => [setting, z.number().optional()])) as Record<
    IntegerSetting,
    z.ZodOptional<z.ZodNumber>
>;

export const forwarderEntrySchema = z
    .strictObject({
        /** Component name and physical name of the Lambda. */
        name: z.string(),
        /** Names of this stack's endpoints whose capture it forwards. @default every endpoint */
        endpoints: z.array(z.string()).optional(),
        sink,
        timeoutSeconds: z.number().optional(),
        memorySizeMb: z.number().optional(),
        reservedConcurrency: z.number().optional(),
        maximumRetryAttempts: z.number().optional(),
        maximumEventAgeSeconds: z.number().optional(),
        logRetentionDays: z.number().optional(),
        ...tuning,
        /** Merged over the stack's tags. @default {} */
        tags: z.record(z.string(), z.string()).optional(),
    })
    .meta({ title: "forwarder" });

export type ForwarderEntry = z.infer<typeof forwarderEntrySchema>;
