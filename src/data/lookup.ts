/**
 * Look-ups by editor-written ids. An id such as "constructor" or "toString"
 * is also the name of a property every JavaScript object inherits: `id in
 * table` and `table[id]` would find that property for a table that does not
 * define the id. These find only what the table itself holds.
 */

/** Whether `table` defines `key` itself. */
export function defines(table: object | undefined, key: string): boolean {
  return table !== undefined && table !== null && Object.hasOwn(table, key);
}

/** The entry `table` defines under `key`, or undefined. */
export function entryOf<T>(table: Readonly<Record<string, T>> | undefined, key: string): T | undefined {
  return table !== undefined && Object.hasOwn(table, key) ? table[key] : undefined;
}
