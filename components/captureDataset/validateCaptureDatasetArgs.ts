import { iamPrincipalArn } from "../../domain/arn";
import { EXTERNAL_ID_PATTERN } from "../../domain/dataset/connectorContract";
import { datasetTableName, GLUE_NAME_PATTERN } from "../../domain/dataset/datasetLayout";
import { featureSchemaProblems } from "../../domain/dataset/featureSchema";
import { isObject } from "../../domain/values";
import * as rules from "../../domain/validationRules";
import { Problem, ProblemCollector } from "../core/validation/problems";
import { CaptureDatasetArgs, CONNECTOR_NAME_PATTERN, DatasetConnectorArgs, WORKGROUP_NAME_PATTERN } from "./captureDatasetArgs";

const glueName = (what: string, value: unknown) =>
    typeof value === "string" && GLUE_NAME_PATTERN.test(value)
        ? undefined
        : `must be a Glue ${what} name: 1-255 characters of a-z 0-9 _ (got ${JSON.stringify(value)})`;

/** The database, workgroup and connector settings a stack file gives, by property path (a database name left out is not checked). */
export function datasetCatalogProblems(
    args: Partial<Pick<CaptureDatasetArgs, "databaseName">> & Pick<CaptureDatasetArgs, "athenaWorkgroup" | "connectors">,
): Problem[] {
    const problems = new ProblemCollector();
    if (args.databaseName !== undefined) {
        problems.check("databaseName", glueName("database", args.databaseName));
    }
    if (args.athenaWorkgroup !== undefined) {
        const name = args.athenaWorkgroup.name;
        if (typeof name !== "string" || !WORKGROUP_NAME_PATTERN.test(name)) {
            problems.add("athenaWorkgroup.name", `must be 1-128 characters of A-Z a-z 0-9 . _ - (got ${JSON.stringify(name)})`);
        }
    }
    problems.addAll(connectorProblems(args.connectors ?? []));
    return problems.list();
}

function connectorProblems(connectors: readonly DatasetConnectorArgs[]): Problem[] {
    const problems = new ProblemCollector();
    const seen = new Map<string, number>();
    connectors.forEach((connector, i) => {
        const at = `connectors[${i}]`;
        if (typeof connector.name !== "string" || !CONNECTOR_NAME_PATTERN.test(connector.name)) {
            problems.add(
                `${at}.name`,
                `must be 1-32 characters of a-z 0-9 and single hyphens, starting and ending with a letter or digit (got ${JSON.stringify(connector.name)})`,
            );
        } else if (seen.has(connector.name)) {
            problems.add(
                `${at}.name`,
                `must be unique in the dataset ("${connector.name}" is also connectors[${seen.get(connector.name)}].name)`,
            );
        } else {
            seen.set(connector.name, i);
        }
        problems.check(`${at}.principalArn`, iamPrincipalArn(connector.principalArn));
        if (typeof connector.externalId !== "string" || !EXTERNAL_ID_PATTERN.test(connector.externalId)) {
            problems.add(
                `${at}.externalId`,
                `must be 2-1224 characters of letters, digits and + = , . @ : / - _ (STS's external ID pattern) (got ${JSON.stringify(connector.externalId)})`,
            );
        }
        if (connector.listBucketRoot !== undefined) {
            problems.check(`${at}.listBucketRoot`, rules.isBoolean(connector.listBucketRoot));
        }
    });
    return problems.list();
}

/** Each endpoint's feature schema and table name, at `endpoints.<name>...`. */
function datasetEndpointProblems(endpoints: Record<string, unknown>): Problem[] {
    const problems = new ProblemCollector();
    const tables = new Map<string, string>();
    for (const [endpoint, schema] of Object.entries(endpoints)) {
        const at = `endpoints.${endpoint}`;
        problems.check(at, rules.sageMakerName(endpoint));
        const table = datasetTableName(endpoint);
        problems.check(at, glueName("table", table));
        const other = tables.get(table);
        if (other !== undefined) {
            problems.add(at, `its Glue table name "${table}" is also endpoint "${other}"'s: Glue folds names to lower case and "-" to "_"`);
        }
        tables.set(table, endpoint);
        if (!isObject(schema)) {
            problems.add(at, `must be a feature schema { inputs?, outputs? } (got ${JSON.stringify(schema)})`);
            continue;
        }
        for (const problem of featureSchemaProblems(schema)) {
            problems.add(`${at}.${problem.path}`, problem.reason);
        }
    }
    return problems.list();
}

function captureDatasetArgsProblems(args: CaptureDatasetArgs): Problem[] {
    const problems = new ProblemCollector();
    problems.check("databaseName", args.databaseName === undefined ? glueName("database", undefined) : undefined);
    problems.addAll(datasetCatalogProblems(args));
    if (Object.keys(args.endpoints ?? {}).length === 0) {
        problems.add("endpoints", "must name at least one endpoint whose dataset is written: a dataset without one has no table to query");
    }
    problems.addAll(datasetEndpointProblems(args.endpoints ?? {}));
    problems.checkTags(args.tags);
    return problems.list();
}

/** Throws one InputPropertiesError naming every problem, before any resource is declared. */
export function validateCaptureDatasetArgs(name: string, args: CaptureDatasetArgs): void {
    const problems = new ProblemCollector();
    problems.addAll(captureDatasetArgsProblems(args));
    problems.throwIfAny(`CaptureDataset "${name}"`);
}
