/**
 * The tag that ties a resource to the stack-file entry it was built from, so policy messages can
 * name the key a user edits (`sagemaker-monitoring:endpoints[0].dataCapture.samplingPercentage`)
 * besides the provider field. The stack program sets it on every endpoint component's tags; the
 * policy pack reads it from the resource's own tags, which both the offline synth and the Pulumi
 * CLI hand to resource rules.
 *
 * The value is the entry's path in the project config with dots only (`endpoints.0`): AWS tag
 * values may not contain brackets.
 */
export const STACK_PATH_TAG = "sagemaker-monitoring:stack-path";

const TAG_VALUE = /^[A-Za-z][A-Za-z0-9]*(\.([A-Za-z][A-Za-z0-9]*|\d+))*$/;

/** The tag value for the `index`-th entry of the stack-file list `list`: ("endpoints", 0) -> "endpoints.0". */
export function stackPathTagValue(list: string, index: number): string {
    return `${list}.${index}`;
}

/** "endpoints.0" -> "endpoints[0]"; undefined for a value this project never writes. */
export function stackPathOfTagValue(value: string): string | undefined {
    if (!TAG_VALUE.test(value)) {
        return undefined;
    }
    return value.split(".").reduce((path, segment) => (/^\d+$/.test(segment) ? `${path}[${segment}]` : `${path}.${segment}`));
}

/**
 * The stack-file key of `field` under an entry: ("sagemaker-monitoring", "endpoints[0]",
 * "dataCapture.samplingPercentage") -> "sagemaker-monitoring:endpoints[0].dataCapture.samplingPercentage".
 * `namespace` is the config namespace, the Pulumi project name.
 */
export function stackFileKey(namespace: string, entryPath: string, field: string): string {
    return `${namespace}:${entryPath}.${field}`;
}
