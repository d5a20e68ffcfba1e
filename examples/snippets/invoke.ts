/** docs/smoke.md: the invoke helper in your own code, e.g. a canary. Nothing runs until you call it. */
import { invokeRealtime, InvokeInputError } from "sagemaker-monitoring/invoke";

export async function canary(endpointName: string): Promise<boolean> {
    try {
        const result = await invokeRealtime({
            endpointName,
            body: "0.42,1,0,37.5,2",
            contentType: "text/csv",
            customAttributes: { caller: "canary" },
        });
        console.log(`${result.statusCode} in ${Math.round(result.latencyMs)} ms, trace ${result.traceId} echoed: ${result.traceIdEchoed}`);
        return result.statusCode === 200;
    } catch (error) {
        // Bad metadata never reaches SageMaker: every problem, at its key.
        if (error instanceof InvokeInputError) console.error(error.problems.map((p) => `${p.path}: ${p.reason}`).join("\n"));
        throw error;
    }
}
