import { createHash } from "crypto";
import { PHYSICAL_NAME_HASH_LENGTH } from "../../../domain/sageMakerLimits";

/** JSON with object keys sorted at every level, so equal content always hashes equally. */
export function canonicalJson(value: unknown): string {
    return JSON.stringify(value, (_key, v) =>
        v !== null && typeof v === "object" && !Array.isArray(v)
            ? Object.fromEntries(
                  Object.keys(v)
                      .sort()
                      .map((k) => [k, v[k]]),
              )
            : v,
    );
}

/**
 * `<endpointName>-<8 hex of the content>`. Models and endpoint configs are immutable in SageMaker:
 * a changed one is replaced, and a new name per content lets Pulumi create the replacement before
 * it deletes the old one, while the endpoint switches over in place.
 */
export function contentHashedName(endpointName: string, content: unknown): string {
    const hash = createHash("sha256").update(canonicalJson(content)).digest("hex").slice(0, PHYSICAL_NAME_HASH_LENGTH);
    return `${endpointName}-${hash}`;
}
