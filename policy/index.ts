/**
 * The CrossGuard policy pack. Only builds the pack from the rule registry; the rules live in
 * policy/rules/. `pulumi preview --policy-pack policy` runs this file from source under ts-node.
 */
import { PolicyPack } from "@pulumi/policy";
import { policies } from "./rules";

new PolicyPack("sagemaker-monitoring", { policies });
