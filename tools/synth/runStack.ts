import * as fs from "fs";
import * as path from "path";
import { programFileOf, ProgramTarget, stackFileOf } from "./inputFiles";
import { ProgramRun, ResourceModel, runProgram } from "./runProgram";
import { Project, readProject, readStackFile } from "./stackFile";

/** `Pulumi.yaml` next to the program; a `--program` without one is a project named after its folder. */
function projectOf(programDir: string): Project {
    return fs.existsSync(path.join(programDir, "Pulumi.yaml")) ? readProject(programDir) : { name: path.basename(programDir), config: {} };
}

/**
 * Runs a stack program (this repository's `index.ts`, or `--program`; loaded afresh so one process
 * can run it many times) with a stack's config, read the way the Pulumi CLI reads it.
 */
export async function runStack(
    projectDir: string,
    stack: string,
    options: Omit<ProgramTarget, "stack"> & { model?: ResourceModel; preview?: boolean } = {},
): Promise<ProgramRun> {
    const target = { stack, configFile: options.configFile, programFile: options.programFile };
    const programFile = programFileOf(projectDir, target);
    const project = projectOf(path.dirname(programFile));
    const stackFile = readStackFile(stackFileOf(projectDir, target), project);
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
