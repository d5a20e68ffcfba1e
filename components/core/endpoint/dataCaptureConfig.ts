import { ResolvedEndpoint } from "./resolveEndpointArgs";

/** `EndpointConfig.DataCaptureConfig`, shaped for `@pulumi/aws-native` (camelCase). */
export interface DataCaptureConfigDocument<S = string> {
    enableCapture: boolean;
    initialSamplingPercentage: number;
    destinationS3Uri: S;
    kmsKeyId: S;
    captureOptions: { captureMode: string }[];
    /** Absent only when both lists are empty: then SageMaker base64-encodes payloads (the policy pack flags it). */
    captureContentTypeHeader?: { csvContentTypes?: string[]; jsonContentTypes?: string[] };
}

/** The capture destination SageMaker appends `/<endpoint>/<variant>/yyyy/mm/dd/hh/...` to. */
export function captureDestinationUri(bucketName: string, prefix: string): string {
    return `s3://${bucketName}/${prefix}`;
}

/** Where one endpoint's capture files land, under a destination URI. */
export function endpointCapturePrefixUri(destinationUri: string, endpointName: string): string {
    return `${destinationUri}/${endpointName}/`;
}

/**
 * Content-type headers are always sent: without them SageMaker base64-encodes payloads and no
 * monitoring platform can read them.
 */
export function buildDataCaptureConfig<S>(
    capture: ResolvedEndpoint["capture"],
    destinationS3Uri: S,
    kmsKeyId: S,
): DataCaptureConfigDocument<S> {
    return {
        enableCapture: capture.enabled,
        initialSamplingPercentage: capture.samplingPercentage,
        destinationS3Uri,
        kmsKeyId,
        captureOptions: capture.captureModes.map((captureMode) => ({ captureMode })),
        captureContentTypeHeader: contentTypeHeader(capture.csvContentTypes, capture.jsonContentTypes),
    };
}

/** AWS rejects an empty list, so an empty list is left out, and an empty header too. */
function contentTypeHeader(csv: string[], json: string[]): DataCaptureConfigDocument["captureContentTypeHeader"] {
    if (csv.length === 0 && json.length === 0) {
        return undefined;
    }
    return { ...(csv.length > 0 ? { csvContentTypes: [...csv] } : {}), ...(json.length > 0 ? { jsonContentTypes: [...json] } : {}) };
}
