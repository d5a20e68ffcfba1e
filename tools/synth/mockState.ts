/**
 * Deterministic stand-ins for what AWS would return, so outputs that feed other resources (bucket
 * names, ARNs, subnet IDs) resolve offline. Every value is derived from the logical name only.
 */
export const MOCK_ACCOUNT_ID = "123456789012";
export const MOCK_PARTITION = "aws";

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

export function mockState(
    type: string,
    name: string,
    inputs: Record<string, any>,
    ctx: MockContext,
): { id: string; state: Record<string, any> } {
    const region = ctx.region;
    const account = MOCK_ACCOUNT_ID;
    const resourceName = type.split(":")[2] ?? "resource";
    const state: Record<string, any> = { ...inputs };
    let id = `${name}-id`;
    switch (type) {
        case "aws:s3/bucket:Bucket": {
            // S3 completes a bucketPrefix with 26 unique characters.
            const bucket =
                inputs.bucket ?? (inputs.bucketPrefix !== undefined ? `${inputs.bucketPrefix}${stableHex(name, 26)}` : name.toLowerCase());
            id = bucket;
            Object.assign(state, { bucket, arn: `arn:${MOCK_PARTITION}:s3:::${bucket}` });
            break;
        }
        case "aws:kms/key:Key":
            id = stableUuid(name);
            Object.assign(state, { keyId: id, arn: `arn:${MOCK_PARTITION}:kms:${region}:${account}:key/${id}` });
            break;
        case "aws:iam/role:Role":
            // IAM completes a namePrefix with 26 unique characters.
            id = inputs.name ?? (inputs.namePrefix !== undefined ? `${inputs.namePrefix}${stableHex(name, 26)}` : name);
            Object.assign(state, { name: id, arn: `arn:${MOCK_PARTITION}:iam::${account}:role/${id}` });
            break;
        case "aws:sns/topic:Topic":
            id = `arn:${MOCK_PARTITION}:sns:${region}:${account}:${inputs.name ?? name}`;
            Object.assign(state, { name: inputs.name ?? name, arn: id });
            break;
        case "aws:sqs/queue:Queue":
            id = `https://sqs.${region}.amazonaws.com/${account}/${inputs.name ?? name}`;
            Object.assign(state, {
                name: inputs.name ?? name,
                url: id,
                arn: `arn:${MOCK_PARTITION}:sqs:${region}:${account}:${inputs.name ?? name}`,
            });
            break;
        case "aws:lambda/function:Function":
            id = inputs.name ?? name;
            Object.assign(state, {
                name: id,
                arn: `arn:${MOCK_PARTITION}:lambda:${region}:${account}:function:${id}`,
                invokeArn: `arn:${MOCK_PARTITION}:apigateway:${region}:lambda:path/2015-03-31/functions/arn:${MOCK_PARTITION}:lambda:${region}:${account}:function:${id}/invocations`,
            });
            break;
        case "aws:dynamodb/table:Table":
            id = inputs.name ?? name;
            Object.assign(state, { name: id, arn: `arn:${MOCK_PARTITION}:dynamodb:${region}:${account}:table/${id}` });
            break;
        case "aws:cloudwatch/logGroup:LogGroup":
            id = inputs.name ?? name;
            Object.assign(state, { name: id, arn: `arn:${MOCK_PARTITION}:logs:${region}:${account}:log-group:${id}` });
            break;
        case "aws:secretsmanager/secret:Secret": {
            // Secrets Manager appends "-" and six random characters to the name in the ARN.
            const secretName = inputs.name ?? name;
            id = `arn:${MOCK_PARTITION}:secretsmanager:${region}:${account}:secret:${secretName}-${stableHex(secretName, 6)}`;
            Object.assign(state, { name: secretName, arn: id });
            break;
        }
        case "aws:ec2/securityGroup:SecurityGroup":
            id = `sg-${stableHex(name)}`;
            Object.assign(state, { arn: `arn:${MOCK_PARTITION}:ec2:${region}:${account}:security-group/${id}` });
            break;
        case "aws:ec2/vpcEndpoint:VpcEndpoint":
            id = `vpce-${stableHex(name)}`;
            Object.assign(state, {
                prefixListId: `pl-${stableHex(`${name}-pl`, 8)}`,
                arn: `arn:${MOCK_PARTITION}:ec2:${region}:${account}:vpc-endpoint/${id}`,
            });
            break;
        case "awsx:ec2:Vpc": {
            const count = inputs.numberOfAvailabilityZones ?? 2;
            const subnets = Array.from({ length: count }, (_, i) => `subnet-${stableHex(`${name}-${i}`)}`);
            Object.assign(state, {
                vpcId: `vpc-${stableHex(name)}`,
                isolatedSubnetIds: subnets,
                privateSubnetIds: [],
                publicSubnetIds: [],
                subnets: [],
                routeTables: [],
            });
            break;
        }
        default: {
            const arn = `arn:${MOCK_PARTITION}:${moduleOf(type)}:${region}:${account}:${kebab(resourceName)}/${name}`;
            state.arn = state.arn ?? arn;
            if (type.startsWith("aws-native:")) {
                state[`${lowerFirst(resourceName)}Arn`] = arn;
            }
        }
    }
    return { id, state };
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
