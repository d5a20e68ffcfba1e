/**
 * Production wiring: AWS clients and the sink chosen by the configuration. Built once per
 * container (cold start) so the secret cache and keep-alive connections serve later invocations.
 */
import { AwsClients, createAwsClients } from "./awsClients";
import { systemClock } from "./clock";
import { ForwarderConfig, pipelineTuning, SinkSettings } from "../../domain/forwarder/environment";
import { SqsDeadLetterQueue, SqsSender } from "./deadLetter";
import { HandlerDependencies } from "./handler";
import { DynamoDbIdempotencyStore, DynamoDbSender } from "./idempotency";
import { createJsonLogger } from "./logger";
import { Redactor } from "./redactor";
import { CachedSecretToken, SecretsReader } from "./secrets";
import { ArthurSink } from "./sinks/arthur";
import { HttpSink } from "./sinks/http";
import { Sink } from "./sinks/sink";
import { S3Reader } from "./s3Source";
import { boundedClient, TimeBudget } from "./timeBudget";
import { FeatureSchema } from "../../domain/dataset/featureSchema";
import { S3DatasetStore, S3Writer } from "./dataset/s3Upload";
import { loadDatasetSchemas } from "./dataset/schemasFile";

/** The configured sink; its token is read through `secrets` and cached for `secretCacheTtlSeconds`. */
export function buildSink(sink: SinkSettings, secretCacheTtlSeconds: number, secrets: SecretsReader, redactor: Redactor): Sink {
    const ttlMs = secretCacheTtlSeconds * 1000;
    if (sink.kind === "arthur") {
        return new ArthurSink({
            host: sink.host,
            modelId: sink.modelId,
            allowUndocumentedForms: sink.allowUndocumentedForms,
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

/** Longest single AWS call, the SDK's retries included (each request is bounded in awsClients.ts). */
const AWS_CALL_TIMEOUT_MS = 20_000;

/** What a test (or another wiring) may replace: the clients, the call limit, where log lines go. */
export interface WiringOptions {
    /** @default createAwsClients() */
    clients?: { [K in keyof AwsClients]: { send(command: never, options?: { abortSignal?: AbortSignal }): Promise<unknown> } };
    /** @default AWS_CALL_TIMEOUT_MS */
    callTimeoutMs?: number;
    /** @default console.log */
    write?: (line: string) => void;
    /** The feature schemas per endpoint. @default read from dataset-schemas.json beside the handler (schemasFile.ts) */
    datasetSchemas?: Record<string, FeatureSchema>;
}

export function buildHandlerDependencies(config: ForwarderConfig, options: WiringOptions = {}): HandlerDependencies {
    const redactor = new Redactor();
    const { tuning } = config;
    const clients = options.clients ?? createAwsClients();
    const budget = new TimeBudget(systemClock, options.callTimeoutMs ?? AWS_CALL_TIMEOUT_MS);
    // Every AWS call is bounded by the per-call limit and by the invocation's deadline.
    const bounded = <T>(client: { send(command: never, options?: { abortSignal?: AbortSignal }): Promise<unknown> }, what: string): T =>
        boundedClient(client as never, budget, what) as T;
    return {
        s3: bounded<S3Reader>(clients.s3, "S3 GetObject"),
        sink:
            config.sink === null
                ? null
                : buildSink(
                      config.sink,
                      tuning.secretCacheTtlSeconds,
                      bounded<SecretsReader>(clients.secrets, "Secrets Manager GetSecretValue"),
                      redactor,
                  ),
        dataset:
            config.dataset === null
                ? null
                : {
                      store: new S3DatasetStore(bounded<S3Writer>(clients.s3, "S3 dataset upload"), config.dataset.bucket),
                      prefix: config.dataset.prefix,
                      schemas: options.datasetSchemas ?? loadDatasetSchemas(__dirname),
                  },
        store: new DynamoDbIdempotencyStore(
            bounded<DynamoDbSender>(clients.dynamo, "DynamoDB"),
            config.idempotencyTable,
            tuning.idempotencyTtlDays * 86_400,
            systemClock,
        ),
        deadLetters: new SqsDeadLetterQueue(bounded<SqsSender>(clients.sqs, "SQS SendMessage"), config.deadLetterQueueUrl),
        logger: createJsonLogger(options.write ?? ((line) => console.log(line)), redactor),
        redactor,
        clock: systemClock,
        random: Math.random,
        ...pipelineTuning(tuning),
        s3RangeBytes: tuning.s3RangeBytes,
        budget,
    };
}
