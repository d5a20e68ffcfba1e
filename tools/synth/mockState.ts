/**
 * Deterministic stand-ins for what AWS would return, so outputs that feed other resources (bucket
 * names, ARNs, subnet IDs) resolve offline. Every value is derived from the logical name only.
 */
const MOCK_ACCOUNT_ID = "123456789012";
const MOCK_PARTITION = "aws";

export interface MockContext {
    region: string;
}

function moduleOf(type: string): string {
    // "aws:s3/bucket:Bucket" -> "s3"; "aws-native:sagemaker:Model" -> "sagemaker"
    return type.split(":")[1].split("/")[0];
}

function lowerFirst(value: string): string {
    return value.charAt(0).toLowerCase() + value.slice(1);
}

function kebab(value: string): string {
    return value.replace(/([a-z0-9])([A-Z])/g, "$1-$2").toLowerCase();
}

/** A short stable hex id from a name, for ids like `subnet-<hex>`. */
export function stableHex(name: string, length = 17): string {
    let h1 = 0x811c9dc5;
    let out = "";
    for (let round = 0; out.length < length; round++) {
        for (const ch of `${round}:${name}`) {
            h1 = Math.imul(h1 ^ ch.charCodeAt(0), 0x01000193) >>> 0;
        }
        out += h1.toString(16).padStart(8, "0");
    }
    return out.slice(0, length);
}

/** A resource's id and the outputs AWS would add to its inputs. */
interface Completion {
    id: string;
    outputs: Record<string, any>;
}

type Completer = (name: string, inputs: Record<string, any>, region: string) => Completion;

const account = MOCK_ACCOUNT_ID;

/** What AWS returns, per resource type whose outputs other resources read. */
const COMPLETERS: Record<string, Completer> = {
    "aws:s3/bucket:Bucket": (name, inputs) => {
        // S3 completes a bucketPrefix with 26 unique characters.
        const bucket =
            inputs.bucket ?? (inputs.bucketPrefix !== undefined ? `${inputs.bucketPrefix}${stableHex(name, 26)}` : name.toLowerCase());
        return { id: bucket, outputs: { bucket, arn: `arn:${MOCK_PARTITION}:s3:::${bucket}` } };
    },
    "aws:kms/key:Key": (name, _inputs, region) => {
        const id = stableUuid(name);
        return { id, outputs: { keyId: id, arn: `arn:${MOCK_PARTITION}:kms:${region}:${account}:key/${id}` } };
    },
    "aws:iam/role:Role": (name, inputs) => {
        // IAM completes a namePrefix with 26 unique characters.
        const id = inputs.name ?? (inputs.namePrefix !== undefined ? `${inputs.namePrefix}${stableHex(name, 26)}` : name);
        return { id, outputs: { name: id, arn: `arn:${MOCK_PARTITION}:iam::${account}:role/${id}` } };
    },
    "aws:sns/topic:Topic": (name, inputs, region) => {
        const id = `arn:${MOCK_PARTITION}:sns:${region}:${account}:${inputs.name ?? name}`;
        return { id, outputs: { name: inputs.name ?? name, arn: id } };
    },
    "aws:sqs/queue:Queue": (name, inputs, region) => {
        const id = `https://sqs.${region}.amazonaws.com/${account}/${inputs.name ?? name}`;
        const arn = `arn:${MOCK_PARTITION}:sqs:${region}:${account}:${inputs.name ?? name}`;
        return { id, outputs: { name: inputs.name ?? name, url: id, arn } };
    },
    "aws:lambda/function:Function": (name, inputs, region) => {
        const id = inputs.name ?? name;
        const arn = `arn:${MOCK_PARTITION}:lambda:${region}:${account}:function:${id}`;
        const invokeArn = `arn:${MOCK_PARTITION}:apigateway:${region}:lambda:path/2015-03-31/functions/${arn}/invocations`;
        return { id, outputs: { name: id, arn, invokeArn } };
    },
    "aws:dynamodb/table:Table": (name, inputs, region) => {
        const id = inputs.name ?? name;
        return { id, outputs: { name: id, arn: `arn:${MOCK_PARTITION}:dynamodb:${region}:${account}:table/${id}` } };
    },
    "aws:cloudwatch/logGroup:LogGroup": (name, inputs, region) => {
        const id = inputs.name ?? name;
        return { id, outputs: { name: id, arn: `arn:${MOCK_PARTITION}:logs:${region}:${account}:log-group:${id}` } };
    },
    "aws:secretsmanager/secret:Secret": (name, inputs, region) => {
        // Secrets Manager appends "-" and six random characters to the name in the ARN.
        const secretName = inputs.name ?? name;
        const id = `arn:${MOCK_PARTITION}:secretsmanager:${region}:${account}:secret:${secretName}-${stableHex(secretName, 6)}`;
        return { id, outputs: { name: secretName, arn: id } };
    },
    "aws:ec2/securityGroup:SecurityGroup": (name, _inputs, region) => {
        const id = `sg-${stableHex(name)}`;
        return { id, outputs: { arn: `arn:${MOCK_PARTITION}:ec2:${region}:${account}:security-group/${id}` } };
    },
    "aws:ec2/vpcEndpoint:VpcEndpoint": (name, _inputs, region) => {
        const id = `vpce-${stableHex(name)}`;
        const outputs = {
            prefixListId: `pl-${stableHex(`${name}-pl`, 8)}`,
            arn: `arn:${MOCK_PARTITION}:ec2:${region}:${account}:vpc-endpoint/${id}`,
        };
        return { id, outputs };
    },
    "awsx:ec2:Vpc": (name, inputs) => {
        const count = inputs.numberOfAvailabilityZones ?? 2;
        const subnets = Array.from({ length: count }, (_, i) => `subnet-${stableHex(`${name}-${i}`)}`);
        const outputs = {
            vpcId: `vpc-${stableHex(name)}`,
            isolatedSubnetIds: subnets,
            privateSubnetIds: [],
            publicSubnetIds: [],
            subnets: [],
            routeTables: [],
        };
        return { id: `${name}-id`, outputs };
    },
};

/** Any other type: an ARN from its module and type name (unless the inputs give one), and aws-native's `<type>Arn`. */
function genericState(type: string, name: string, inputs: Record<string, any>, region: string): Record<string, any> {
    const resourceName = type.split(":")[2] ?? "resource";
    const arn = `arn:${MOCK_PARTITION}:${moduleOf(type)}:${region}:${account}:${kebab(resourceName)}/${name}`;
    const state: Record<string, any> = { ...inputs, arn: inputs.arn ?? arn };
    if (type.startsWith("aws-native:")) {
        state[`${lowerFirst(resourceName)}Arn`] = arn;
    }
    return state;
}

export function mockState(
    type: string,
    name: string,
    inputs: Record<string, any>,
    ctx: MockContext,
): { id: string; state: Record<string, any> } {
    const complete = COMPLETERS[type];
    if (complete === undefined) {
        return { id: `${name}-id`, state: genericState(type, name, inputs, ctx.region) };
    }
    const { id, outputs } = complete(name, inputs, ctx.region);
    return { id, state: { ...inputs, ...outputs } };
}

/** A UUID-shaped id derived from a name (KMS key ids are UUIDs). */
function stableUuid(name: string): string {
    const hex = stableHex(name, 32);
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

/** Answers for the data-source invokes the program makes; an unknown one is an error, never a guess. */
export function mockInvoke(token: string, inputs: Record<string, any>, ctx: MockContext): Record<string, any> {
    switch (token) {
        case "aws:index/getCallerIdentity:getCallerIdentity":
            return {
                accountId: MOCK_ACCOUNT_ID,
                arn: `arn:${MOCK_PARTITION}:iam::${MOCK_ACCOUNT_ID}:user/synth`,
                userId: "AIDASYNTH",
                id: MOCK_ACCOUNT_ID,
            };
        case "aws:index/getRegion:getRegion":
            return {
                region: ctx.region,
                name: ctx.region,
                id: ctx.region,
                endpoint: `ec2.${ctx.region}.amazonaws.com`,
                description: ctx.region,
            };
        case "aws:index/getPartition:getPartition":
            return { partition: MOCK_PARTITION, dnsSuffix: "amazonaws.com", reverseDnsPrefix: "com.amazonaws", id: MOCK_PARTITION };
        case "aws:ec2/getPrefixList:getPrefixList":
            return {
                id: `pl-${stableHex(String(inputs.name), 8)}`,
                name: inputs.name,
                cidrBlocks: ["52.216.0.0/15"],
                filters: [],
                prefixListId: inputs.prefixListId,
            };
        default:
            throw new Error(`offline synth has no answer for invoke ${token}; add one to tools/synth/mockState.ts`);
    }
}
