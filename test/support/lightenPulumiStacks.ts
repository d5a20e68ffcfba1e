// Loaded by .mocharc.json after ts-node: the specs run Pulumi programs in-process, where
// source-mapping the stacks Pulumi records on every promise and resource cost most of their CPU
// time (see tools/synth/pulumiStacks.ts).
import { lightenPulumiStacks } from "../../tools/synth/pulumiStacks";

lightenPulumiStacks();
