/** Character rules shared by the invoke headers: what SageMaker Runtime and HTTP accept. */

/** `U+00E9`: how a problem names a character that may not print. */
function codePoint(char: string): string {
    return `U+${(char.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, "0")}`;
}

export interface CharacterFault {
    kind: "control" | "non-ASCII";
    char: string;
    index: number;
}

/** The first control character (C0, DEL) and the first non-ASCII character of `text`, each once. */
export function characterFaults(text: string): CharacterFault[] {
    const faults: CharacterFault[] = [];
    let index = 0;
    for (const char of text) {
        const code = char.codePointAt(0) ?? 0;
        const kind = code < 0x20 || code === 0x7f ? "control" : code > 0x7f ? "non-ASCII" : undefined;
        if (kind !== undefined && !faults.some((f) => f.kind === kind)) {
            faults.push({ kind, char, index });
        }
        index += char.length;
    }
    return faults;
}

/** "must not contain control characters (U+0009 at index 3)". */
export function characterFaultReason(fault: CharacterFault, allowed: string): string {
    return `must hold only ${allowed}: ${fault.kind} character ${codePoint(fault.char)} at index ${fault.index}`;
}
