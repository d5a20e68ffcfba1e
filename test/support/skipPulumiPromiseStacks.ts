// Loaded by .mocharc.json after ts-node: the specs run Pulumi programs in-process, where mapping
// every promise's debug stack cost about half of their CPU time (see tools/synth/promiseStacks.ts).
import { skipPulumiPromiseStacks } from "../../tools/synth/promiseStacks";

skipPulumiPromiseStacks();
