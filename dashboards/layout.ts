import { UnplacedWidget, Widget } from "./model";

/** CloudWatch dashboards are 24 columns wide. */
export const GRID_COLUMNS = 24;

/** Named widths, so builders say what they mean and rows add up. */
export const WIDTHS = { full: 24, half: 12, third: 8, quarter: 6, sixth: 4 } as const;
export type WidthName = keyof typeof WIDTHS;

/** Default heights in grid rows. */
export const HEIGHTS = { header: 3, graph: 6, status: 4 } as const;

/**
 * Places rows top to bottom. A row packs its widgets left to right and wraps onto a new line when
 * the next one does not fit in the 24 columns; a line is as tall as its tallest widget.
 */
export function layoutRows(rows: readonly (readonly UnplacedWidget[])[]): Widget[] {
    const placed: Widget[] = [];
    let y = 0;
    for (const row of rows) {
        let x = 0;
        let lineHeight = 0;
        for (const widget of row) {
            if (x + widget.width > GRID_COLUMNS && x > 0) {
                y += lineHeight;
                x = 0;
                lineHeight = 0;
            }
            const { type, width, height, properties } = widget;
            placed.push({ type, x, y, width, height, properties } as Widget);
            x += widget.width;
            lineHeight = Math.max(lineHeight, widget.height);
        }
        y += lineHeight;
    }
    return placed;
}
