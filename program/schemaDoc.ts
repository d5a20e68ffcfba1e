import { CONTENT_TYPE_LIST } from "../domain/sageMakerLimits";

/**
 * What the stack-file schema documents about each key (as zod metadata), for the generated config
 * reference (docs/stack-config.md) and for messages. Defaults and limits are the components' own
 * constants, passed in, never retyped.
 */
// A type alias, not an interface: zod's metadata type has an index signature.
export type SchemaDoc = {
    description?: string;
    /** A noun for one such object, e.g. "endpoint": messages say "a list of endpoints". */
    title?: string;
    /** The value used when the key is left out, as the component's constant holds it. */
    default?: unknown;
    /** A default that is not one constant value ("the endpoint's instanceType"). */
    defaultText?: string;
    /** The value rule, in words ("integer 0-100"); enums and literals list their values themselves. */
    allowed?: string;
};

/** Documentation of one key: `.meta(doc("What it does.", { default: SOME_DEFAULTS.key }))`. */
export function doc(description: string, more: Omit<SchemaDoc, "description" | "title"> = {}): SchemaDoc {
    return { description, ...more };
}

/** "integer 1-36500" from a limits constant. */
export function integers(range: { readonly min: number; readonly max: number }): string {
    return `integer ${range.min}-${range.max}`;
}

/** A form to fill in, such as `arn:aws:kms:<region>:...`, as code: its placeholders are not markup. */
export function form(text: string): string {
    return `\`${text}\``;
}

/** The words for value rules several keys share. */
export const TEXT = {
    s3Uri: form("s3://<bucket>/<key>"),
    s3Prefix: 'S3 key segments of letters, digits and !_.*\'()- separated by single "/", no leading or trailing "/"; 1-512 characters',
    s3BucketName: "S3 bucket name: 3-63 lowercase letters, digits, dots and hyphens",
    instanceType: `SageMaker instance type ${form("ml.<family>.<size>")}`,
    sageMakerName: (maxLength: number) => `1-${maxLength} letters, digits and hyphens, starting and ending with a letter or digit`,
    contentTypes: `at most ${CONTENT_TYPE_LIST.maxItems} MIME types "type/subtype" of at most ${CONTENT_TYPE_LIST.maxLength} characters`,
} as const;
