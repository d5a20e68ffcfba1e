/**
 * What happened to every record and inference of an object or invocation. When the work was
 * complete, inferencesSent + deadLettered + skipped + unaccounted = inferencesRead; when time ran
 * out, inferencesToRetry makes up the difference.
 */
export interface ForwardCounts {
    /** Non-blank capture lines read. */
    recordsRead: number;
    /** Empty lines and lines of only spaces, tabs or '\r': not records, ignored. */
    blankLines: number;
    /** Inferences in those records (a record whose inferences cannot be counted counts as 1). */
    inferencesRead: number;
    /** Inferences in chunks the sink accepted during this run. */
    inferencesSent: number;
    /** Inferences in dead letters that reached the dead-letter queue. */
    deadLettered: number;
    /**
     * Inferences an earlier run already handled (redelivered event, Lambda retry, replay): in chunks
     * it delivered or dead-lettered, and in refused records it dead-lettered.
     */
    skipped: number;
    /** Inferences whose dead letter could not be sent either; the invocation fails for them (Lambda retries it). */
    unaccounted: number;
    /**
     * Inferences read but neither sent nor dead-lettered when time ran out: the event is retried for
     * them (with the unread rest of the object, which is not counted: it was not read).
     */
    inferencesToRetry: number;
    /** Records with a BASE64 payload (dead-lettered with the content-type hint). */
    base64Records: number;
    chunksSent: number;
    chunksAlreadyDelivered: number;
    /** Chunks an earlier run dead-lettered whole (refused, or failing after the retries): not sent again. */
    chunksAlreadyDeadLettered: number;
    /** Chunks an earlier run dead-lettered after the sink accepted them in part: not sent again (it would duplicate the accepted part). */
    chunksAlreadyPartiallyAccepted: number;
    /** Chunks dead-lettered by this run, refused or accepted only in part. */
    chunksDeadLettered: number;
    /** Runs of refused records an earlier run already dead-lettered (not sent again). */
    refusedRunsAlreadyDeadLettered: number;
}

export function emptyCounts(): ForwardCounts {
    return {
        recordsRead: 0,
        blankLines: 0,
        inferencesRead: 0,
        inferencesSent: 0,
        deadLettered: 0,
        skipped: 0,
        unaccounted: 0,
        inferencesToRetry: 0,
        base64Records: 0,
        chunksSent: 0,
        chunksAlreadyDelivered: 0,
        chunksAlreadyDeadLettered: 0,
        chunksAlreadyPartiallyAccepted: 0,
        chunksDeadLettered: 0,
        refusedRunsAlreadyDeadLettered: 0,
    };
}

export function addCounts(total: ForwardCounts, more: ForwardCounts): void {
    for (const field of Object.keys(total) as Array<keyof ForwardCounts>) total[field] += more[field];
}
