/**
 * Stack-file keys for messages: when a resource was built from an entry of the stack file, the
 * stack program tags it with the entry's path (STACK_PATH_TAG, `endpoints.0`), and a remediation
 * can name the key the user edits, `sagemaker-monitoring:endpoints[0].dataCapture.samplingPercentage`,
 * next to the provider field. The config namespace is the Pulumi project, read from the URN.
 */
import { knownTag } from "./previewSafe";
import { Props } from "./resourceShapes";
import { STACK_PATH_TAG, stackFileKey, stackPathOfTagValue } from "../domain/stackPathTag";

/** Names the stack-file keys of a resource's fields; undefined when the resource carries no stack path. */
export type StackFileKeys = (fields: readonly string[]) => string | undefined;

/** `urn:pulumi:<stack>::<project>::...` -> the project, which is the stack file's config namespace. */
function projectOfUrn(urn: string): string | undefined {
    const project = urn.split("::")[1];
    return project === undefined || project === "" ? undefined : project;
}

export function stackFileKeysOf(urn: string, props: Props): StackFileKeys {
    const tagValue = knownTag(props, STACK_PATH_TAG);
    const entryPath = tagValue === undefined ? undefined : stackPathOfTagValue(tagValue);
    const namespace = projectOfUrn(urn);
    return (fields) =>
        entryPath === undefined || namespace === undefined || fields.length === 0
            ? undefined
            : fields.map((field) => stackFileKey(namespace, entryPath, field)).join(" or ");
}
