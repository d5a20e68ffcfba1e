import * as pulumi from "@pulumi/pulumi";
import { declareStack, stackOutputs } from "./program/declareStack";
import { loadStackConfig, pulumiConfigReader } from "./program/loadStackConfig";

// Validate the whole stack file first: every bad path is reported at once, before any resource.
const config = loadStackConfig(pulumiConfigReader(new pulumi.Config()), pulumi.getProject());
const outputs = stackOutputs(declareStack(config));

export const captureBucketName = outputs.captureBucketName;
export const capturePrefixes = outputs.capturePrefixes;
export const alarmTopicArn = outputs.alarmTopicArn;
export const endpoints = outputs.endpoints;
export const forwarders = outputs.forwarders;
