import * as pulumi from "@pulumi/pulumi";
import { AlarmLevel } from "./alarmDefinition";
import { ALARM_LIMITS } from "./alarmLimits";

/** Per-endpoint actions besides the stack topic, per level: SNS topic ARNs (a pager, a chat channel). */
export interface ExtraAlarmActions {
    /** Notified when a critical alarm fires and recovers. @default [] */
    critical?: pulumi.Input<string>[];
    /** Notified when a warning alarm fires and recovers. @default [] */
    warning?: pulumi.Input<string>[];
}

/** At most this many extra actions per level: CloudWatch allows 5 per state, one is the stack topic. */
export const MAX_EXTRA_ACTIONS_PER_LEVEL = ALARM_LIMITS.maxActionsPerState - 1;

export interface AlarmWiring {
    /** Where the alarm goes when it fires (SNS topics, scaling policies). At most 5. */
    alarmActions: pulumi.Input<string>[];
    /** Where it goes when it recovers. At most 5. @default [] */
    okActions?: pulumi.Input<string>[];
    /** Actions of warning-level alarms, in place of the two above. @default the same as critical ones */
    warning?: { alarmActions: pulumi.Input<string>[]; okActions: pulumi.Input<string>[] };
    tags: Record<string, string>;
}

/**
 * The one action strategy: the stack topic on ALARM and on OK (so the person paged also learns
 * that it is over), plus the endpoint's extra actions of the alarm's level.
 */
export function topicWiring(topicArn: pulumi.Input<string>, tags: Record<string, string>, extra: ExtraAlarmActions = {}): AlarmWiring {
    const critical = [topicArn, ...(extra.critical ?? [])];
    const warning = [topicArn, ...(extra.warning ?? [])];
    return { alarmActions: critical, okActions: critical, warning: { alarmActions: warning, okActions: warning }, tags };
}

/** The actions of a definition of `level`. */
export function actionsFor(
    wiring: AlarmWiring,
    level: AlarmLevel | undefined,
): { alarmActions: pulumi.Input<string>[]; okActions: pulumi.Input<string>[] } {
    if (level === "warning" && wiring.warning !== undefined) {
        return wiring.warning;
    }
    return { alarmActions: wiring.alarmActions, okActions: wiring.okActions ?? [] };
}
