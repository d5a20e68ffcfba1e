import * as assert from "assert";
import { notificationOverlapProblems } from "../../../components/captureForwarder/notificationOverlaps";
import {
    bucketNotificationRules,
    forwarderKeyPrefixes,
    forwarderNotificationRules,
} from "../../../components/captureForwarder/notificationRules";

const TAIL =
    'S3 would refuse the bucket\'s notification configuration ("Configuration is ambiguously defined"): give the forwarders disjoint endpoints';
const rule = (id: string, filterPrefix: string, filterSuffix = ".jsonl", events = ["s3:ObjectCreated:*"]) => ({
    id,
    events,
    filterPrefix,
    filterSuffix,
});

describe("forwarder notification rules", () => {
    it("reads and is notified about each endpoint's prefix, or the whole capture prefix", () => {
        assert.deepStrictEqual(forwarderKeyPrefixes("datacapture", undefined), ["datacapture/"]);
        assert.deepStrictEqual(forwarderKeyPrefixes("team/capture", ["churn", "churn-v2"]), [
            "team/capture/churn/",
            "team/capture/churn-v2/",
        ]);
    });

    it("gives one rule per prefix: new .jsonl objects, named after the function (and endpoint)", () => {
        assert.deepStrictEqual(forwarderNotificationRules("arthur-all", "datacapture", undefined), [rule("arthur-all", "datacapture/")]);
        assert.deepStrictEqual(forwarderNotificationRules("arthur-churn", "datacapture", ["churn", "fraud"]), [
            rule("arthur-churn-churn", "datacapture/churn/"),
            rule("arthur-churn-fraud", "datacapture/fraud/"),
        ]);
    });

    it("gathers every forwarder's rules, in order, with its function's ARN, for one BucketNotification", () => {
        assert.deepStrictEqual(
            bucketNotificationRules([
                { functionArn: "arn:a", rules: [rule("a-churn", "datacapture/churn/"), rule("a-fraud", "datacapture/fraud/")] },
                { functionArn: "arn:b", rules: [rule("b", "other/")] },
            ]),
            [
                {
                    id: "a-churn",
                    lambdaFunctionArn: "arn:a",
                    events: ["s3:ObjectCreated:*"],
                    filterPrefix: "datacapture/churn/",
                    filterSuffix: ".jsonl",
                },
                {
                    id: "a-fraud",
                    lambdaFunctionArn: "arn:a",
                    events: ["s3:ObjectCreated:*"],
                    filterPrefix: "datacapture/fraud/",
                    filterSuffix: ".jsonl",
                },
                { id: "b", lambdaFunctionArn: "arn:b", events: ["s3:ObjectCreated:*"], filterPrefix: "other/", filterSuffix: ".jsonl" },
            ],
        );
    });
});

describe("notification overlap problems", () => {
    const owner = (i: number, name: string, rules: ReturnType<typeof rule>[]) => ({
        label: `forwarders[${i}]`,
        propertyPath: `forwarders[${i}].endpoints`,
        name,
        rules,
    });

    it("names both forwarders, the shared event and both prefixes and suffixes, at the later one's path", () => {
        assert.deepStrictEqual(
            notificationOverlapProblems(
                [
                    owner(0, "arthur-churn", [rule("arthur-churn", "datacapture/")]),
                    owner(1, "http-churn", [rule("http-churn-churn", "datacapture/churn/")]),
                ],
                'bucket "capture-bucket"',
            ),
            [
                {
                    propertyPath: "forwarders[1].endpoints",
                    reason:
                        '"http-churn" overlaps forwarders[0] ("arthur-churn") on bucket "capture-bucket": same event s3:ObjectCreated:*, prefixes "datacapture/" and "datacapture/churn/" overlap, ' +
                        'suffixes ".jsonl" and ".jsonl" overlap; S3 would refuse the bucket\'s notification configuration ("Configuration is ambiguously defined"): give the forwarders disjoint endpoints',
                },
            ],
        );
    });

    it("treats an unfiltered rule as overlapping everything, and reports the narrower event type", () => {
        assert.deepStrictEqual(
            notificationOverlapProblems(
                [owner(0, "a", [rule("a", "datacapture/churn/")]), owner(1, "b", [rule("b", "", "", ["s3:ObjectCreated:Put"])])],
                "the capture bucket",
            ),
            [
                {
                    propertyPath: "forwarders[1].endpoints",
                    reason: `"b" overlaps forwarders[0] ("a") on the capture bucket: same event s3:ObjectCreated:Put, prefixes "datacapture/churn/" and "" overlap, suffixes ".jsonl" and "" overlap; ${TAIL}`,
                },
            ],
        );
    });

    it("finds nothing for disjoint endpoint prefixes (the trailing slash keeps churn/ from matching churn-v2/), other suffixes or other events", () => {
        assert.deepStrictEqual(
            notificationOverlapProblems(
                [
                    owner(0, "a", [rule("a", "datacapture/churn/")]),
                    owner(1, "b", [rule("b", "datacapture/churn-v2/")]),
                    owner(2, "c", [rule("c", "datacapture/", ".csv")]),
                    owner(3, "d", [rule("d", "datacapture/", ".jsonl", ["s3:ObjectRemoved:*"])]),
                ],
                "the capture bucket",
            ),
            [],
        );
    });

    it("reports one problem per pair of forwarders, and none within one forwarder", () => {
        const problems = notificationOverlapProblems(
            [
                owner(0, "a", [
                    rule("a-churn", "datacapture/churn/"),
                    rule("a-fraud", "datacapture/fraud/"),
                    rule("a-churn-again", "datacapture/churn/"),
                ]),
                owner(1, "b", [rule("b", "datacapture/")]),
                owner(2, "c", [rule("c", "datacapture/fraud/")]),
            ],
            "the capture bucket",
        );
        const overlap = (later: string, earlier: string, prefixes: [string, string]) =>
            `"${later}" overlaps ${earlier} on the capture bucket: same event s3:ObjectCreated:*, prefixes "${prefixes[0]}" and "${prefixes[1]}" overlap, suffixes ".jsonl" and ".jsonl" overlap; ${TAIL}`;
        assert.deepStrictEqual(problems, [
            {
                propertyPath: "forwarders[1].endpoints",
                reason: overlap("b", 'forwarders[0] ("a")', ["datacapture/churn/", "datacapture/"]),
            },
            {
                propertyPath: "forwarders[2].endpoints",
                reason: overlap("c", 'forwarders[0] ("a")', ["datacapture/fraud/", "datacapture/fraud/"]),
            },
            {
                propertyPath: "forwarders[2].endpoints",
                reason: overlap("c", 'forwarders[1] ("b")', ["datacapture/", "datacapture/fraud/"]),
            },
        ]);
    });
});
