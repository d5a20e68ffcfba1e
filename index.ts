import * as pulumi from "@pulumi/pulumi";
import { declareStack, stackOutputs } from "./program/declareStack";
import { loadStackConfig, pulumiConfigSource } from "./program/loadStackConfig";

// Validate the whole stack file first (every key of the project, known or not): every bad path is
// reported at once, before any resource.
const config = loadStackConfig(pulumiConfigSource, pulumi.getProject());
const outputs = stackOutputs(declareStack(config));

export const captureBucketName = outputs.captureBucketName;
export const capturePrefixes = outputs.capturePrefixes;
export const alarmTopicArn = outputs.alarmTopicArn;
export const endpoints = outputs.endpoints;
export const forwarders = outputs.forwarders;
