/**
 * Refused records (unreadable, BASE64, mismatched counts) are dead-lettered in runs.
 */

/** One contiguous run of refused lines with the same reason, merged into one dead letter. */
export interface RefusedRun {
    firstLine: number;
    lastLine: number;
    reason: string;
    records: number;
    inferences: number;
    base64: boolean;
}

/**
 * Merges consecutive refused records with the same reason (a whole file of BASE64 records is one
 * message, not thousands). A delivered record or another reason ends the run.
 */
export class RefusedRunCollector {
    private run: RefusedRun | null = null;

    /** Adds a refused record; returns the previous run when this record does not extend it. */
    add(lineNumber: number, reason: string, inferences: number, base64: boolean): RefusedRun | null {
        const open = this.run;
        if (open && open.reason === reason) {
            open.lastLine = lineNumber;
            open.records += 1;
            open.inferences += inferences;
            return null;
        }
        this.run = { firstLine: lineNumber, lastLine: lineNumber, reason, records: 1, inferences, base64 };
        return open;
    }

    /** Ends the open run (a good record arrived, or the object ended). */
    flush(): RefusedRun | null {
        const open = this.run;
        this.run = null;
        return open;
    }
}
