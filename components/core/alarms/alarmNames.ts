import { AlarmLevel } from "./alarmDefinition";

/** What an alarm is about: the watched resource, the variant when per variant, what is measured, its level. */
export interface AlarmSubject {
    /** The endpoint, function or queue name the alarm watches. */
    scope: string;
    /** The production variant, for per-variant alarms. */
    variant?: string;
    /** What is measured, usually the metric name ("ModelLatencyP99", "Errors", "visible"). */
    measure: string;
    /** @default "critical" */
    level?: AlarmLevel;
}

/** "ModelLatency" -> "model-latency", "CPUUtilization" -> "cpu-utilization", "Invocation5XXErrors" -> "invocation5-xx-errors". */
export function kebab(value: string): string {
    return value
        .replace(/([a-z0-9])([A-Z])/g, "$1-$2")
        .replace(/([A-Z])([A-Z][a-z])/g, "$1-$2")
        .toLowerCase();
}

/**
 * The one naming strategy of every alarm: `<scope>[-<variant>]-<measure>[-warning]`. Names are
 * deterministic strings, known before any resource exists, so an endpoint can list its own alarms
 * in its deployment guardrails without waiting for them (docs/alarms.md#auto-rollback).
 */
export function alarmName(subject: AlarmSubject): string {
    return [subject.scope, subject.variant, subject.measure, subject.level === "warning" ? "warning" : undefined]
        .filter((part) => part !== undefined)
        .join("-");
}

/** The logical-name suffix within the component: `<kebab measure>[-<variant>][-warning]`. */
export function alarmId(subject: Omit<AlarmSubject, "scope">): string {
    return [kebab(subject.measure), subject.variant, subject.level === "warning" ? "warning" : undefined]
        .filter((part) => part !== undefined)
        .join("-");
}
