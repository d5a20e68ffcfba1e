/**
 * The CrossGuard policy pack. Only builds the pack from the rule registry; the rules live in
 * policy/rules/. Shipped compiled as policy/bin/index.js (see build.ts), which is what
 * `pulumi preview --policy-pack policy` loads through package.json "main".
 */
import { PolicyPack } from "@pulumi/policy";
import { policies } from "./rules";

new PolicyPack("sagemaker-monitoring", { policies });
