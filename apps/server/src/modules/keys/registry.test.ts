import { getTableConfig, PgTable } from "drizzle-orm/pg-core";
import { describe, expect, it } from "vitest";
import * as schema from "../../db/schema/index.ts";
import { columnName, ENCRYPTED_COLUMNS } from "./registry.ts";

/** Every `*_enc` column of the schema, as `table.column`. */
function schemaEncryptedColumns(): string[] {
  return (Object.values(schema) as unknown[])
    .filter((value): value is PgTable => value instanceof PgTable)
    .flatMap((table) => {
      const config = getTableConfig(table);
      return config.columns.filter((c) => c.name.endsWith("_enc")).map((c) => `${config.name}.${c.name}`);
    })
    .sort();
}

describe("the re-encryption job's registry of encrypted columns", () => {
  it("lists exactly the schema's columns ending in _enc: a new encrypted column must be registered (with its place) or rotation would leave it under the old key", () => {
    const found = schemaEncryptedColumns();
    expect(found.length).toBeGreaterThan(20);
    expect([...ENCRYPTED_COLUMNS.map(columnName)].sort()).toEqual(found);
  });

  it("names each column once, and says where its place comes from (a table or row id only in the registry cannot be rebuilt)", () => {
    const names = ENCRYPTED_COLUMNS.map(columnName);
    expect(new Set(names).size).toBe(names.length);
    for (const c of ENCRYPTED_COLUMNS) {
      expect(c.source, columnName(c)).toMatch(/\.ts/);
      expect(Boolean(c.rowIdSql) !== Boolean(c.resolveRowIds), `${columnName(c)}: a row id expression or a resolver`).toBe(true);
    }
  });
});
