/**
 * The fields of one CSV row (RFC 4180): comma-separated; a field in double quotes may hold commas
 * and quotes doubled (`""`). Rows were already split on newlines (inferenceSplit.ts), so a quoted
 * newline is not supported. Returns null for a malformed row (a quote left open, or text after a
 * closing quote).
 */
export function csvFields(row: string): string[] | null {
    // Fast path: most rows hold plain numbers.
    if (!row.includes('"')) return row.split(",");
    const fields: string[] = [];
    let i = 0;
    for (;;) {
        if (row[i] === '"') {
            let value = "";
            let j = i + 1;
            for (;;) {
                const quote = row.indexOf('"', j);
                if (quote === -1) return null;
                value += row.slice(j, quote);
                if (row[quote + 1] === '"') {
                    value += '"';
                    j = quote + 2;
                    continue;
                }
                i = quote + 1;
                break;
            }
            fields.push(value);
            if (i === row.length) return fields;
            if (row[i] !== ",") return null;
            i++;
        } else {
            const comma = row.indexOf(",", i);
            const field = row.slice(i, comma === -1 ? row.length : comma);
            if (field.includes('"')) return null;
            fields.push(field);
            if (comma === -1) return fields;
            i = comma + 1;
        }
    }
}
