/**
 * Lambda entry point (bundled by lambdas/bundle.ts; handler "index.handler").
 * The environment is validated at cold start: a bad configuration fails the init phase with one
 * error naming every bad variable, before any event is touched.
 */
import { loadForwarderConfig } from "../../domain/forwarder/environment";
import { buildHandlerDependencies } from "./dependencies";
import { checkEgress } from "./egressCheck";
import { createHandler } from "./handler";

export const handler = createHandler(buildHandlerDependencies(checkEgress(loadForwarderConfig(process.env), process.env)));
