import { randomUUID } from "node:crypto";
import { and, desc, eq, ne } from "drizzle-orm";
import type { DbOrTx } from "../../db/client.ts";
import { type KeyRotationColumnProgress, type KeyRotationRow, keyRotations } from "../../db/schema/key-rotations.ts";
import { workspaces } from "../../db/schema/workspaces.ts";

/** The `key_rotations` records of the re-encryption job. */
export function createKeyRotationsRepo({ db }: { db: DbOrTx }) {
  return {
    /** The unfinished rotation to `toKeyId`, if a (possibly stopped) process began one. */
    async running(toKeyId: string): Promise<KeyRotationRow | undefined> {
      const [row] = await db
        .select()
        .from(keyRotations)
        .where(and(eq(keyRotations.toKeyId, toKeyId), eq(keyRotations.status, "running")));
      return row;
    },
    /** Begins a rotation, or returns the one another process began at the same moment. */
    async start(args: {
      fromKeyIds: string[];
      toKeyId: string;
      provider: string;
      progress: Record<string, KeyRotationColumnProgress>;
      at: Date;
    }): Promise<KeyRotationRow> {
      await db
        .insert(keyRotations)
        .values({ id: randomUUID(), status: "running", startedAt: args.at, updatedAt: args.at, ...args })
        .onConflictDoNothing();
      const row = await this.running(args.toKeyId);
      if (!row) throw new Error(`the rotation to key ${args.toKeyId} could not be recorded`);
      return row;
    },
    /** Rotations to another key left unfinished: a newer rotation replaces them (its job moves their data too). */
    async supersedeOthers(toKeyId: string, at: Date): Promise<void> {
      await db
        .update(keyRotations)
        .set({ status: "superseded", finishedAt: at, updatedAt: at })
        .where(and(eq(keyRotations.status, "running"), ne(keyRotations.toKeyId, toKeyId)));
    },
    async update(
      id: string,
      patch: Partial<Pick<KeyRotationRow, "fromKeyIds" | "progress" | "error" | "status" | "finishedAt" | "retiredKeyIds">> & {
        updatedAt: Date;
      },
    ): Promise<void> {
      await db.update(keyRotations).set(patch).where(eq(keyRotations.id, id));
    },
    /** The newest rotation to `toKeyId` (running or finished). */
    async latestTo(toKeyId: string): Promise<KeyRotationRow | undefined> {
      const [row] = await db
        .select()
        .from(keyRotations)
        .where(eq(keyRotations.toKeyId, toKeyId))
        .orderBy(desc(keyRotations.startedAt))
        .limit(1);
      return row;
    },
    async latestRunning(): Promise<KeyRotationRow | undefined> {
      const [row] = await db
        .select()
        .from(keyRotations)
        .where(eq(keyRotations.status, "running"))
        .orderBy(desc(keyRotations.startedAt))
        .limit(1);
      return row;
    },
    async latestFinished(): Promise<KeyRotationRow | undefined> {
      const [row] = await db
        .select()
        .from(keyRotations)
        .where(eq(keyRotations.status, "finished"))
        .orderBy(desc(keyRotations.finishedAt))
        .limit(1);
      return row;
    },
    /** Every key id some rotation has already retired (so a restart does not audit it again). */
    async retiredKeyIds(): Promise<Set<string>> {
      const rows = await db.select({ ids: keyRotations.retiredKeyIds }).from(keyRotations);
      return new Set(rows.flatMap((r) => r.ids));
    },
    async workspaceIds(): Promise<string[]> {
      return (await db.select({ id: workspaces.id }).from(workspaces)).map((r) => r.id);
    },
  };
}

export type KeyRotationsRepo = ReturnType<typeof createKeyRotationsRepo>;
