/** aws-native takes tags as a list of `{ key, value }`, sorted here so output is deterministic. */
export function nativeTags(tags: Record<string, string>): { key: string; value: string }[] {
    return Object.keys(tags)
        .sort()
        .map((key) => ({ key, value: tags[key] }));
}

/** Tags every resource of this project carries, on top of the user's. */
export function withComponentTag(tags: Record<string, string>, component: string): Record<string, string> {
    return { ...tags, "sagemaker-monitoring:component": component };
}
