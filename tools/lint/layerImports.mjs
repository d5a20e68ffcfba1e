/**
 * ESLint rule `layers/imports`: the import direction of docs/ARCHITECTURE.md, checked on the real
 * path each relative import resolves to (not on its spelling), plus the packages a layer may not use.
 */
import fs from "node:fs";
import path from "node:path";

/** For each layer (a top-level folder): the layers it may import, and package prefixes it may not. */
const LAYERS = {
    domain: { may: ["domain"], packagesDenied: ["@pulumi/", "@aws-sdk/"] },
    dashboards: { may: ["dashboards", "domain"], packagesDenied: ["@pulumi/", "@aws-sdk/"] },
    components: { may: ["components", "dashboards", "domain"], packagesDenied: [] },
    lambdas: { may: ["lambdas", "domain"], packagesDenied: ["@pulumi/"] },
    policy: { may: ["policy", "domain"], packagesDenied: [] },
    program: { may: ["program", "components", "domain"], packagesDenied: [] },
};

/** The package's own name: tsconfig's `paths` and Node's self-reference resolve it to the components' barrel. */
const PACKAGE_NAME = "sagemaker-monitoring";

/** The top-level folder holding `file`; undefined for a file at the root or outside it. */
function layerOf(root, file) {
    const relative = path.relative(root, file).split(path.sep);
    return relative.length > 1 && !relative[0].startsWith("..") ? relative[0] : undefined;
}

/** The layer an import resolves into: as layerOf, and a top-level folder itself (`../../components`, its index). */
function targetLayerOf(root, target) {
    const relative = path.relative(root, target).split(path.sep);
    if (
        relative.length === 1 &&
        relative[0] !== "" &&
        !relative[0].startsWith("..") &&
        fs.statSync(target, { throwIfNoEntry: false })?.isDirectory()
    ) {
        return relative[0];
    }
    return layerOf(root, target);
}

function reportLayer(context, node, rule, from, to, specifier) {
    if (to !== undefined && !rule.may.includes(to)) {
        context.report({ node, messageId: "layer", data: { from, to, specifier, allowed: rule.may.join(", ") } });
    }
}

function check(context, node, specifier) {
    if (typeof specifier !== "string") return;
    const root = context.cwd;
    const file = context.filename;
    const from = layerOf(root, file);
    const rule = from && LAYERS[from];
    if (!rule) return;
    if (specifier.startsWith(".")) {
        reportLayer(context, node, rule, from, targetLayerOf(root, path.resolve(path.dirname(file), specifier)), specifier);
        return;
    }
    if (specifier === PACKAGE_NAME || specifier.startsWith(`${PACKAGE_NAME}/`)) {
        reportLayer(context, node, rule, from, "components", specifier);
        return;
    }
    const denied = rule.packagesDenied.find((prefix) => specifier.startsWith(prefix));
    if (denied) context.report({ node, messageId: "package", data: { from, specifier, denied: rule.packagesDenied.join(", ") } });
}

const importsRule = {
    meta: {
        type: "problem",
        docs: { description: "Enforce the layer import rules of docs/ARCHITECTURE.md" },
        messages: {
            layer: "{{from}}/ may not import {{to}}/ ('{{specifier}}'): {{from}}/ may import only {{allowed}}. Move the shared fact to domain/.",
            package: "{{from}}/ may not import '{{specifier}}': no {{denied}} package in {{from}}/.",
        },
        schema: [],
    },
    create(context) {
        const source = (node) => check(context, node.source, node.source?.value);
        return {
            ImportDeclaration: source,
            ExportAllDeclaration: source,
            ExportNamedDeclaration: (node) => node.source && source(node),
            ImportExpression: source,
            TSImportEqualsDeclaration: (node) => check(context, node, node.moduleReference?.expression?.value),
            CallExpression: (node) => {
                if (node.callee.type === "Identifier" && node.callee.name === "require" && node.arguments[0]?.type === "Literal") {
                    check(context, node.arguments[0], node.arguments[0].value);
                }
            },
        };
    },
};

export default { rules: { imports: importsRule } };
