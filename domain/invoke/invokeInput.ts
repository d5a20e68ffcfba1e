import { customAttributesProblems, InvokeInputProblem } from "./customAttributes";
import { sageMakerName } from "../validationRules";
import { inferenceIdProblems } from "./inferenceId";

/** The request metadata a caller gives the invoke helper: what SageMaker forwards and captures. */
export interface InvokeMetadata {
    /** Sent as `key=value;key=value` in CustomAttributes. @default {} */
    customAttributes?: Readonly<Record<string, string>>;
    /** Written into the capture record's `eventMetadata.inferenceId`. @default none (SageMaker sets none for real-time calls) */
    inferenceId?: string;
    /** The inference component to call (InvokeEndpoint's InferenceComponentName), required by an endpoint hosting components. @default none (the endpoint's model) */
    inferenceComponentName?: string;
}

/** An inference component's name follows the SageMaker name rule. */
function nameProblem(name: string | undefined): InvokeInputProblem[] {
    const reason = name === undefined ? undefined : sageMakerName(name);
    return reason === undefined ? [] : [{ path: "inferenceComponentName", reason }];
}

/** Every problem with the request metadata, at its path; [] when the call may be made. */
export function invokeMetadataProblems(metadata: InvokeMetadata): InvokeInputProblem[] {
    return [
        ...customAttributesProblems(metadata.customAttributes ?? {}),
        ...(metadata.inferenceId === undefined
            ? []
            : inferenceIdProblems(metadata.inferenceId).map((reason) => ({ path: "inferenceId", reason }))),
        ...nameProblem(metadata.inferenceComponentName),
    ];
}
