/**
 * The component name a stack-file entry without a valid `name` is checked under: zod reports the
 * name, and the entry's other values are still checked in the same run (a short valid name derives
 * no fault of its own).
 */
export const STAND_IN_ENTRY_NAME = "unnamed";
