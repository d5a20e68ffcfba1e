/**
 * Recognises Data Capture object keys (docs/ARCHITECTURE.md, "AWS limits"):
 * `{destination}/{endpoint}/{variant}/yyyy/mm/dd/hh/{MM}-{SS}-{mmm}-{uuid}.jsonl`, or the same
 * name gzipped as `.jsonl.gz` (a copy made by a tool; the pipeline decompresses it).
 * Ground-truth uploads and Model Monitor output may share the prefix; they do not follow this
 * layout, so they are told apart here and skipped by the handler.
 */
// rules.ts imports nothing, so the Lambda bundle stays free of @pulumi (test/lambdas/bundle.spec.ts checks).
import { SAGEMAKER_NAME_PATTERN } from "../../domain/validationRules";

interface CaptureKey {
    /** Key prefix before the endpoint segment; empty when capture writes to the bucket root. */
    destination: string;
    endpoint: string;
    variant: string;
    /** Hour-and-file timestamp from the key, ISO 8601 UTC with milliseconds. */
    capturedAt: string;
}

export type CaptureKeyResult = { ok: true; value: CaptureKey } | { ok: false; reason: string };

const FILE = /^(\d{2})-(\d{2})-(\d{3})-[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}\.jsonl(?:\.gz)?$/;

/** Endings of capture files, longest first. */
export const CAPTURE_FILE_SUFFIXES = [".jsonl.gz", ".jsonl"] as const;

/** The file name of a key without its capture ending, to name uploads. */
export function captureFileName(key: string): string {
    const file = key.slice(key.lastIndexOf("/") + 1);
    const suffix = CAPTURE_FILE_SUFFIXES.find((s) => file.endsWith(s));
    return suffix === undefined ? file : file.slice(0, -suffix.length);
}

/**
 * Keys in S3 event notifications are URL-encoded with spaces as '+' (form encoding), so '+'
 * must become a space before percent-decoding (a literal '+' arrives as %2B).
 */
export function decodeS3EventKey(rawKey: string): { ok: true; key: string } | { ok: false; reason: string } {
    try {
        return { ok: true, key: decodeURIComponent(rawKey.replace(/\+/g, " ")) };
    } catch {
        return { ok: false, reason: `object key ${JSON.stringify(rawKey)} is not valid URL encoding` };
    }
}

function inRange(text: string, min: number, max: number): boolean {
    const n = Number(text);
    return n >= min && n <= max;
}

/** Parses a decoded object key; `reason` says which part of the layout did not match. */
export function parseCaptureKey(key: string): CaptureKeyResult {
    const layout = "{destination}/{endpoint}/{variant}/yyyy/mm/dd/hh/{MM}-{SS}-{mmm}-{uuid}.jsonl";
    const segments = key.split("/");
    if (segments.length < 7) {
        return { ok: false, reason: `key has ${segments.length} path segments; a Data Capture key has at least 7 (${layout})` };
    }
    const [endpoint, variant, yyyy, mm, dd, hh, file] = segments.slice(-7);
    const file$ = FILE.exec(file);
    if (!file$)
        return { ok: false, reason: `file name ${JSON.stringify(file)} does not match {MM}-{SS}-{mmm}-{uuid}.jsonl (or .jsonl.gz)` };
    if (
        !/^\d{4}$/.test(yyyy) ||
        !/^\d{2}$/.test(mm) ||
        !/^\d{2}$/.test(dd) ||
        !/^\d{2}$/.test(hh) ||
        !inRange(mm, 1, 12) ||
        !inRange(dd, 1, 31) ||
        !inRange(hh, 0, 23)
    ) {
        return { ok: false, reason: `path ${JSON.stringify(`${yyyy}/${mm}/${dd}/${hh}`)} is not a yyyy/mm/dd/hh date` };
    }
    const [, minute, second, millis] = file$;
    if (!inRange(minute, 0, 59) || !inRange(second, 0, 59)) {
        return { ok: false, reason: `file name ${JSON.stringify(file)} has an invalid minute or second` };
    }
    if (!SAGEMAKER_NAME_PATTERN.test(endpoint))
        return { ok: false, reason: `endpoint segment ${JSON.stringify(endpoint)} is not a valid endpoint name` };
    if (!SAGEMAKER_NAME_PATTERN.test(variant))
        return { ok: false, reason: `variant segment ${JSON.stringify(variant)} is not a valid variant name` };
    return {
        ok: true,
        value: {
            destination: segments.slice(0, -7).join("/"),
            endpoint,
            variant,
            capturedAt: `${yyyy}-${mm}-${dd}T${hh}:${minute}:${second}.${millis}Z`,
        },
    };
}
