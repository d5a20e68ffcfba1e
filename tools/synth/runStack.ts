import * as path from "path";
import { ProgramRun, ResourceModel, runProgram } from "./runProgram";
import { readProject, readStackFile } from "./stackFile";

/**
 * Runs the project's stack program (`index.ts`, loaded afresh so one process can run it many
 * times) with a stack's config, read the way the Pulumi CLI reads it.
 */
export async function runStack(
    projectDir: string,
    stack: string,
    options: { configFile?: string; model?: ResourceModel; preview?: boolean } = {},
): Promise<ProgramRun> {
    const project = readProject(projectDir);
    const stackFile = readStackFile(options.configFile ?? path.join(projectDir, `Pulumi.${stack}.yaml`), project);
    const programFile = path.join(projectDir, "index.ts");
    return runProgram({
        program: () => {
            delete require.cache[require.resolve(programFile)];
            return require(programFile);
        },
        project: project.name,
        stack,
        config: stackFile.config,
        context: { region: stackFile.region },
        model: options.model,
        preview: options.preview,
    });
}
