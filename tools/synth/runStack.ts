import * as fs from "fs";
import * as path from "path";
import { inputPropertiesError } from "../../components/core/validation/problems";
import { programFileOf, ProgramTarget, stackFileOf } from "./inputFiles";
import { InvalidInputsError, ProgramRun, ResourceModel, runProgram } from "./runProgram";
import { Project, readProject, readStackFileForSynth, StackFileProblem } from "./stackFile";

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
    const stackFile = readStackFileForSynth(stackFileOf(projectDir, target), project);
    const run = runProgram({
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
    return stackFile.problems.length === 0 ? run : withStackFileProblems(run, stackFile.problems);
}

/** Problems at a key left out of the program's config are about its absence, which the stack file's problem explains. */
function underKeys(propertyPath: string, keys: readonly string[]): boolean {
    return keys.some((key) => propertyPath === key || propertyPath.startsWith(`${key}.`) || propertyPath.startsWith(`${key}[`));
}

/**
 * The stack file's own problems (keys synth could not pass on) and the program's, in one list: the
 * program validated everything else, so one run names every fault, as `pulumi up` would.
 */
async function withStackFileProblems(run: Promise<ProgramRun>, fileProblems: readonly StackFileProblem[]): Promise<never> {
    let programProblems: StackFileProblem[] = [];
    try {
        await run;
    } catch (error) {
        if (!(error instanceof InvalidInputsError)) {
            throw error;
        }
        const keys = fileProblems.map((p) => p.propertyPath);
        programProblems = error.problems.filter((p) => !underKeys(p.propertyPath, keys));
    }
    const problems = [...fileProblems, ...programProblems];
    throw new InvalidInputsError(problems, inputPropertiesError("Invalid stack config", problems).message);
}
