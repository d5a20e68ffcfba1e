/**
 * Pieces of @pulumi/policy that its typings mark @internal but that the engine uses on every
 * call (server.js): the proxy that throws on preview-time unknown values, its error, and the
 * unknown sentinel the engine deserializes unknowns to. The offline evaluator and the test
 * harness use the very same module, so `instanceof UnknownValueError` holds across them.
 */
interface ProxyModule {
    unknownCheckingProxy<T extends object>(value: T): T;
    UnknownValueError: new (...args: any[]) => Error & { props: (string | symbol)[] };
    /** The value Pulumi's gRPC layer sends for an unknown (same string for every type). */
    unknownStringValue: string;
    unknownBooleanValue: string;
    unknownNumberValue: string;
    unknownArrayValue: string;
    unknownAssetValue: string;
    unknownArchiveValue: string;
    unknownObjectValue: string;
}

const proxy: ProxyModule = require("@pulumi/policy/proxy");

export const unknownCheckingProxy = proxy.unknownCheckingProxy;
export const UnknownValueError = proxy.UnknownValueError;
/** Put this value anywhere in props to make it unknown, as during `pulumi preview`. */
export const UNKNOWN_VALUE: string = proxy.unknownStringValue;

/** Every sentinel the proxy treats as unknown. */
const UNKNOWN_SENTINELS: readonly string[] = [
    proxy.unknownStringValue,
    proxy.unknownBooleanValue,
    proxy.unknownNumberValue,
    proxy.unknownArrayValue,
    proxy.unknownAssetValue,
    proxy.unknownArchiveValue,
    proxy.unknownObjectValue,
];

/** True when `value` is a preview-time unknown, as the proxy would judge it (without throwing). */
export function isUnknownValue(value: unknown): boolean {
    return typeof value === "string" && UNKNOWN_SENTINELS.includes(value);
}
