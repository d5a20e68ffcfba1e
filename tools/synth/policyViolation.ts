/** One policy finding, as `policy.json` lists it (DESIGN.md §3). */
export interface PolicyViolation {
    policy: string;
    enforcementLevel: "advisory" | "mandatory" | "remediate" | "disabled";
    type: string;
    name: string;
    message: string;
}

export function hasMandatoryViolation(violations: readonly PolicyViolation[]): boolean {
    return violations.some((v) => v.enforcementLevel === "mandatory" || v.enforcementLevel === "remediate");
}
