/** docs/components/alarm-notifications.md: a created, encrypted topic with e-mail subscribers, or a topic you already have. */
import { AlarmNotifications } from "sagemaker-monitoring";

const created = new AlarmNotifications("alarms", { emails: ["ml-oncall@example.com", "ml-platform@example.com"] });

const existing = new AlarmNotifications("pager", { topicArn: "arn:aws:sns:us-east-1:123456789012:pagerduty-ml" });

export const alarmTopicArn = created.topicArn;
export const pagerTopicArn = existing.topicArn;
