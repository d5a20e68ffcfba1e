/**
 * Production wiring: AWS clients and the sink chosen by the configuration. Built once per
 * container (cold start) so the secret cache and keep-alive connections serve later invocations.
 */
import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { S3Client } from "@aws-sdk/client-s3";
import { SecretsManagerClient } from "@aws-sdk/client-secrets-manager";
import { SQSClient } from "@aws-sdk/client-sqs";
import { systemClock } from "./clock";
import { ForwarderConfig, pipelineTuning, SinkSettings } from "../../domain/forwarder/environment";
import { SqsDeadLetterQueue } from "./deadLetter";
import { HandlerDependencies } from "./handler";
import { DynamoDbIdempotencyStore } from "./idempotency";
import { createJsonLogger } from "./logger";
import { Redactor } from "./redactor";
import { CachedSecretToken, SecretsReader } from "./secrets";
import { ArthurSink } from "./sinks/arthur";
import { HttpSink } from "./sinks/http";
import { Sink } from "./sinks/sink";

/** The configured sink; its token is read through `secrets` and cached for `secretCacheTtlSeconds`. */
export function buildSink(sink: SinkSettings, secretCacheTtlSeconds: number, secrets: SecretsReader, redactor: Redactor): Sink {
    const ttlMs = secretCacheTtlSeconds * 1000;
    if (sink.kind === "arthur") {
        return new ArthurSink({
            host: sink.host,
            modelId: sink.modelId,
            tokens: new CachedSecretToken(secrets, sink.authSecretArn, ttlMs, systemClock, redactor),
        });
    }
    return new HttpSink({
        url: sink.url,
        auth:
            sink.auth === null
                ? undefined
                : {
                      tokens: new CachedSecretToken(secrets, sink.auth.secretArn, ttlMs, systemClock, redactor),
                      header: sink.auth.header,
                      prefix: sink.auth.prefix,
                  },
    });
}

export function buildHandlerDependencies(config: ForwarderConfig): HandlerDependencies {
    const redactor = new Redactor();
    const { tuning } = config;
    return {
        // Reads are ranged: a whole-object checksum cannot be checked against a range, so the SDK's
        // optional response validation is off (TLS still guards the bytes in transit).
        s3: new S3Client({ responseChecksumValidation: "WHEN_REQUIRED" }),
        sink: buildSink(config.sink, tuning.secretCacheTtlSeconds, new SecretsManagerClient({}), redactor),
        store: new DynamoDbIdempotencyStore(
            new DynamoDBClient({}),
            config.idempotencyTable,
            tuning.idempotencyTtlDays * 86_400,
            systemClock,
        ),
        deadLetters: new SqsDeadLetterQueue(new SQSClient({}), config.deadLetterQueueUrl),
        logger: createJsonLogger((line) => console.log(line), redactor),
        redactor,
        clock: systemClock,
        random: Math.random,
        ...pipelineTuning(tuning),
        s3RangeBytes: tuning.s3RangeBytes,
    };
}
