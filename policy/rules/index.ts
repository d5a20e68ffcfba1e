/**
 * The registry of every rule of the pack, in a stable order. The pack (policy/index.ts), the
 * config schema (policy/config.ts) and the offline evaluator (policy/offline.ts) all read it.
 */
import type { EnforcementLevel, Severity } from "@pulumi/policy";
import { alarmDimensionRules } from "./alarmDimensions";
import { asyncEndpointRules } from "./asyncEndpoints";
import { captureBucketRules } from "./captureBucketSecurity";
import { captureConfigInStackRules } from "./captureConfigInStack";
import { captureExemptionRules } from "./captureExemptionReport";
import { dataCaptureRules } from "./dataCapture";
import { datasetConnectorRules } from "./datasetConnectorReadOnly";
import { datasetEncryptedRules } from "./datasetEncrypted";
import { endpointConfigKmsRules } from "./endpointConfigKms";
import { endpointRollbackAlarmRules } from "./endpointRollbackAlarms";
import { enhancedMetricsRules } from "./enhancedMetrics";
import { forwarderRules } from "./forwarderDlq";
import { gpuRules } from "./gpuFreeGpuAlarm";
import { iamRules } from "./iamNoWildcards";
import { prodRules } from "./prodRules";
import { defineRule, PackPolicy, RuleDefinition } from "./ruleKit";
import { s3NotificationRules } from "./s3NotificationsNoOverlap";

export type { PackPolicy, RuleDefinition } from "./ruleKit";

/** Every rule, each checking its whole config strictly on every run (see {@link defineRule}). */
export const rules: readonly RuleDefinition[] = [
    ...dataCaptureRules,
    ...captureConfigInStackRules,
    ...captureExemptionRules,
    ...endpointConfigKmsRules,
    ...enhancedMetricsRules,
    ...asyncEndpointRules,
    ...gpuRules,
    ...alarmDimensionRules,
    ...endpointRollbackAlarmRules,
    ...captureBucketRules,
    ...iamRules,
    ...forwarderRules,
    ...s3NotificationRules,
    ...datasetEncryptedRules,
    ...datasetConnectorRules,
    ...prodRules,
].map(({ policy, config }) => defineRule(policy, config));

/** The CrossGuard policies, in registry order. */
export const policies: PackPolicy[] = rules.map((rule) => rule.policy);

export interface RuleMetadata {
    name: string;
    description: string;
    kind: "resource" | "stack";
    /** Enforcement when the pack config says nothing about the rule. */
    defaultEnforcementLevel: EnforcementLevel;
    severity: Severity;
    remediation: string;
    /** Configurable properties, besides enforcementLevel. */
    configProperties: string[];
}

/** Rule metadata for reports and docs, derived from the policies themselves. */
export const ruleMetadata: RuleMetadata[] = rules.map(({ policy, config }) => ({
    name: policy.name,
    description: policy.description,
    kind: "validateStack" in policy ? "stack" : "resource",
    defaultEnforcementLevel: policy.enforcementLevel,
    severity: policy.severity,
    remediation: policy.remediationSteps,
    configProperties: config ? [...config.propertyNames] : [],
}));

export const ruleNames: readonly string[] = policies.map((policy) => policy.name);
