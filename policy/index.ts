/**
 * The CrossGuard policy pack. Only builds the pack from the rule registry, behind the config guard
 * that keeps the mandatory capture rules mandatory under the Pulumi CLI (configureGuard.ts); the
 * rules live in policy/rules/. `pulumi preview --policy-pack policy` runs this file from source
 * under ts-node.
 */
import { PolicyPack } from "@pulumi/policy";
import { serveGuarded } from "./configureGuard";
import { policies } from "./rules";

serveGuarded(() => new PolicyPack("sagemaker-monitoring", { policies }));
