import { ProblemCollector } from "../validation/problems";
import { MAX_EXTRA_ACTIONS_PER_LEVEL } from "./alarmActions";
import { ALARM_LEVELS } from "./alarmDefinition";
import * as rules from "../../../domain/validationRules";
import { isObject } from "../../../domain/values";

/**
 * Problems with an endpoint's extra alarm actions at `path` (`alarms.actions`): per level, at most
 * 4 SNS topic ARNs (the stack topic takes the fifth place CloudWatch allows). Outputs are accepted as they are.
 */
export function alarmActionsProblems(problems: ProblemCollector, path: string, actions: unknown): void {
    if (actions === undefined) {
        return;
    }
    if (!isObject(actions)) {
        problems.add(path, `must be an object with critical and/or warning lists of SNS topic ARNs (got ${JSON.stringify(actions)})`);
        return;
    }
    for (const key of Object.keys(actions).filter((k) => !(ALARM_LEVELS as readonly string[]).includes(k))) {
        problems.add(`${path}.${key}`, `is not an alarm level; allowed: ${ALARM_LEVELS.join(", ")}`);
    }
    for (const level of ALARM_LEVELS) {
        const list = actions[level];
        if (list === undefined) {
            continue;
        }
        if (!Array.isArray(list) || list.length > MAX_EXTRA_ACTIONS_PER_LEVEL) {
            problems.add(
                `${path}.${level}`,
                `must be a list of at most ${MAX_EXTRA_ACTIONS_PER_LEVEL} SNS topic ARNs: CloudWatch allows 5 actions per state and the stack topic is one (got ${Array.isArray(list) ? `${list.length} entries` : JSON.stringify(list)})`,
            );
            continue;
        }
        list.forEach((arn, i) => rules.isKnownString(arn) && problems.check(`${path}.${level}[${i}]`, rules.snsTopicArn(arn)));
    }
}
