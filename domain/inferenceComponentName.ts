/**
 * The physical InferenceComponentName of a component: `<endpoint>-<component>`, so components of
 * different endpoints never collide in the account. The component, its validation and the smoke
 * check's fallback (no stack outputs) all derive it here.
 */
export function inferenceComponentPhysicalName(endpointName: string, componentName: string): string {
    return `${endpointName}-${componentName}`;
}
