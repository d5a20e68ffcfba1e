/** docs/components/dataset.md: capture as a queryable Parquet dataset, a Glue table, a workgroup and an Arthur engine connector. */
import { AlarmNotifications, CaptureBucket, CaptureDataset, CaptureForwarder } from "sagemaker-monitoring";

const capture = new CaptureBucket("capture", {
    endpointNames: ["churn-prod"],
    // The dataset's prefix of the capture bucket, with its own lifecycle rule.
    dataset: { prefix: "dataset", expirationDays: 365 },
});

const dataset = new CaptureDataset("dataset", {
    storage: capture.datasetStorage(),
    endpoints: {
        "churn-prod": {
            inputs: [
                { name: "usage_trend", type: "double" },
                { name: "has_contract", type: "integer" },
                { name: "has_auto_pay", type: "integer" },
                { name: "monthly_charges", type: "double" },
                { name: "support_calls", type: "integer" },
            ],
            outputs: [{ name: "churn_probability", type: "double" }],
        },
    },
    databaseName: "ml_capture_prod",
    athenaWorkgroup: { name: "ml-capture-prod" },
    connectors: [
        {
            name: "arthur-engine",
            principalArn: "arn:aws:iam::210987654321:role/arthur-engine-connector",
            externalId: "arthur-prod-5b1d2c7e",
        },
    ],
});

const alarms = new AlarmNotifications("alarms", { emails: ["ml-oncall@example.com"] });

// Writes churn-prod's capture to the dataset only; add `sink` to push it as well.
new CaptureForwarder("dataset-churn-prod", {
    endpointNames: ["churn-prod"],
    capture: capture.destination(),
    dataset: dataset.destination(),
    alarmTopicArn: alarms.topicArn,
});

export const tables = dataset.tableNames;
export const connectorRoles = dataset.connectorRoleArns;
