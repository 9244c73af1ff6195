import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { TestProject } from "vitest/node";
import { openDatabase } from "../db/client.ts";

declare module "vitest" {
  export interface ProvidedContext {
    /** A PGlite data folder with every migration applied, closed: suites copy it instead of creating their own. */
    pgliteTemplate: string;
  }
}

/**
 * Once per test run: a fresh PGlite costs ~1.6 s of initdb and ~1 s of migrations, a copy of a migrated one ~0.2 s,
 * and about a hundred suites open one. Made from the run's migrations at its start (a watch session keeps its first).
 */
export default async function setup(project: TestProject): Promise<() => void> {
  const root = mkdtempSync(join(tmpdir(), "papo-pglite-template-"));
  const dir = join(root, "pglite");
  const database = await openDatabase({ kind: "pglite", dir });
  await database.close();
  project.provide("pgliteTemplate", dir);
  return () => rmSync(root, { recursive: true, force: true });
}
