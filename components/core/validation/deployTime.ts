import * as pulumi from "@pulumi/pulumi";
import { asOutput } from "../outputs";
import { inputPropertiesError } from "./problems";

/**
 * Plain values were checked before any resource was declared; a value only known at deploy time
 * (an Output of another resource) is checked here, with the same rule, when it resolves.
 */
export function checkedAtDeploy(
    subject: string,
    propertyPath: string,
    value: pulumi.Input<string>,
    rule: (v: unknown) => string | undefined,
): pulumi.Input<string> {
    if (typeof value === "string") {
        return value;
    }
    return asOutput(value).apply((resolved) => {
        const reason = rule(resolved);
        if (reason !== undefined) {
            throw inputPropertiesError(subject, [{ propertyPath, reason }]);
        }
        return resolved;
    });
}
