import * as aws from "@pulumi/aws";
import * as sagemaker from "@pulumi/aws-native/sagemaker";
import * as pulumi from "@pulumi/pulumi";
import { buildCopyScaling, buildInferenceComponentSpec, inferenceComponentTags } from "./inferenceComponentDocuments";
import { ComponentDeploymentConfigDocument } from "./rollback/componentDeploymentConfig";
import { ResolvedInferenceComponentEndpoint } from "./resolveInferenceComponentEndpoint";
import { DeclaredEndpoint } from "../core/endpoint/declareEndpoint";
import { nativeTags } from "../core/tags";

/** A component's rolling update with auto-rollback, and the alarms it names (the component waits for them). */
export interface ComponentRollback {
    deploymentConfig: ComponentDeploymentConfigDocument;
    alarms: pulumi.Resource[];
}

/**
 * One InferenceComponent per model on the endpoint's variant, and, where asked, its copy
 * autoscaling. The components wait for the endpoint (they are placed on its instances) and for
 * their rollback alarms (an update must find them); the
 * scalable target waits for its component (registering a missing one fails).
 */
export function declareInferenceComponents(
    parent: pulumi.ComponentResource,
    name: string,
    spec: ResolvedInferenceComponentEndpoint,
    declared: DeclaredEndpoint,
    rollbackOf: (physicalName: string) => ComponentRollback | undefined,
): sagemaker.InferenceComponent[] {
    return spec.components.map((component, i) => {
        const tags = inferenceComponentTags(component, spec.endpoint.tags);
        const rollback = rollbackOf(component.physicalName);
        const ic = new sagemaker.InferenceComponent(
            `${name}-ic-${component.name}`,
            {
                inferenceComponentName: component.physicalName,
                endpointName: declared.endpoint.endpointName as pulumi.Output<string>,
                variantName: spec.hostVariant.variantName,
                ...buildInferenceComponentSpec(component, declared.models[i].modelName as pulumi.Output<string>),
                tags: nativeTags(tags),
                ...(rollback === undefined ? {} : { deploymentConfig: rollback.deploymentConfig }),
            },
            { parent, dependsOn: [declared.endpoint, ...(rollback?.alarms ?? [])] },
        );
        const scaling = buildCopyScaling(component);
        if (scaling !== undefined) {
            const target = new aws.appautoscaling.Target(
                `${name}-ic-${component.name}-scaling`,
                { ...scaling.target, tags },
                { parent, dependsOn: [ic] },
            );
            new aws.appautoscaling.Policy(
                `${name}-ic-${component.name}-invocations-per-copy`,
                {
                    ...scaling.policy,
                    resourceId: target.resourceId,
                    scalableDimension: target.scalableDimension,
                    serviceNamespace: target.serviceNamespace,
                },
                { parent },
            );
        }
        return ic;
    });
}
