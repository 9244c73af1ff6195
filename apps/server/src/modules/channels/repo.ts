import { and, asc, eq } from "drizzle-orm";
import type { FieldCipher } from "../../crypto/field-cipher.ts";
import type { DbOrTx } from "../../db/client.ts";
import { channels } from "../../db/schema/channels.ts";

type ChannelRow = typeof channels.$inferSelect;

/** A channel with its credentials decrypted: only for workers and the webhook check, never for a response. */
export interface Channel {
  id: string;
  workspaceId: string;
  name: string;
  phoneNumberId: string;
  wabaId: string;
  displayPhoneNumber: string | null;
  accessToken: string;
  appSecret: string | null;
  verifyToken: string;
  apiUrl: string;
  apiVersion: string;
  sendRatePerSecond: number;
  sandbox: boolean;
  createdAt: Date;
}

export interface NewChannel {
  id: string;
  name: string;
  phoneNumberId: string;
  wabaId: string;
  displayPhoneNumber?: string | null;
  accessToken: string;
  appSecret?: string | null;
  verifyToken: string;
  apiUrl: string;
  apiVersion: string;
  sendRatePerSecond: number;
  sandbox?: boolean;
}

export function createChannelsRepo({ db, cipher }: { db: DbOrTx; cipher: FieldCipher }) {
  const place = (row: { id: string; workspaceId: string }, column: string) => ({
    workspaceId: row.workspaceId,
    table: "channels",
    column,
    rowId: row.id,
  });
  const fromRow = (row: ChannelRow): Channel => ({
    id: row.id,
    workspaceId: row.workspaceId,
    name: row.name,
    phoneNumberId: row.phoneNumberId,
    wabaId: row.wabaId,
    displayPhoneNumber: row.displayPhoneNumber,
    accessToken: cipher.decrypt(place(row, "access_token_enc"), row.accessTokenEnc),
    appSecret: row.appSecretEnc ? cipher.decrypt(place(row, "app_secret_enc"), row.appSecretEnc) : null,
    verifyToken: row.verifyToken,
    apiUrl: row.apiUrl,
    apiVersion: row.apiVersion,
    sendRatePerSecond: row.sendRatePerSecond,
    sandbox: row.sandbox,
    createdAt: row.createdAt,
  });

  return {
    async list(workspaceId: string): Promise<Channel[]> {
      const rows = await db.select().from(channels).where(eq(channels.workspaceId, workspaceId)).orderBy(asc(channels.createdAt));
      return rows.map(fromRow);
    },
    async get(workspaceId: string, id: string): Promise<Channel | undefined> {
      const [row] = await db
        .select()
        .from(channels)
        .where(and(eq(channels.workspaceId, workspaceId), eq(channels.id, id)));
      return row && fromRow(row);
    },
    /** Webhook routing: the number decides the workspace, so this lookup is deliberately unscoped. */
    async findByPhoneNumberId(phoneNumberId: string): Promise<Channel | undefined> {
      const [row] = await db.select().from(channels).where(eq(channels.phoneNumberId, phoneNumberId));
      return row && fromRow(row);
    },
    /** Every channel, for the webhook signature and handshake checks that precede routing. */
    async listAllForWebhook(): Promise<Channel[]> {
      return (await db.select().from(channels)).map(fromRow);
    },
    async insert(workspaceId: string, channel: NewChannel): Promise<Channel> {
      const row = { id: channel.id, workspaceId };
      const [inserted] = await db
        .insert(channels)
        .values({
          id: channel.id,
          workspaceId,
          name: channel.name,
          phoneNumberId: channel.phoneNumberId,
          wabaId: channel.wabaId,
          displayPhoneNumber: channel.displayPhoneNumber ?? null,
          accessTokenEnc: cipher.encrypt(place(row, "access_token_enc"), channel.accessToken),
          appSecretEnc: channel.appSecret ? cipher.encrypt(place(row, "app_secret_enc"), channel.appSecret) : null,
          verifyToken: channel.verifyToken,
          apiUrl: channel.apiUrl,
          apiVersion: channel.apiVersion,
          sendRatePerSecond: channel.sendRatePerSecond,
          sandbox: channel.sandbox ?? false,
        })
        .returning();
      if (!inserted) throw new Error("channel insert returned no row");
      return fromRow(inserted);
    },
    async update(
      workspaceId: string,
      id: string,
      patch: Partial<
        Pick<
          NewChannel,
          "name" | "displayPhoneNumber" | "accessToken" | "appSecret" | "apiUrl" | "apiVersion" | "sendRatePerSecond" | "wabaId"
        >
      >,
    ): Promise<Channel | undefined> {
      const row = { id, workspaceId };
      const set: Partial<typeof channels.$inferInsert> = {};
      if (patch.name !== undefined) set.name = patch.name;
      if (patch.displayPhoneNumber !== undefined) set.displayPhoneNumber = patch.displayPhoneNumber;
      if (patch.wabaId !== undefined) set.wabaId = patch.wabaId;
      if (patch.apiUrl !== undefined) set.apiUrl = patch.apiUrl;
      if (patch.apiVersion !== undefined) set.apiVersion = patch.apiVersion;
      if (patch.sendRatePerSecond !== undefined) set.sendRatePerSecond = patch.sendRatePerSecond;
      if (patch.accessToken !== undefined) set.accessTokenEnc = cipher.encrypt(place(row, "access_token_enc"), patch.accessToken);
      if (patch.appSecret !== undefined)
        set.appSecretEnc = patch.appSecret ? cipher.encrypt(place(row, "app_secret_enc"), patch.appSecret) : null;
      if (Object.keys(set).length === 0) return this.get(workspaceId, id);
      const [updated] = await db
        .update(channels)
        .set(set)
        .where(and(eq(channels.workspaceId, workspaceId), eq(channels.id, id)))
        .returning();
      return updated && fromRow(updated);
    },
    async delete(workspaceId: string, id: string): Promise<boolean> {
      const deleted = await db
        .delete(channels)
        .where(and(eq(channels.workspaceId, workspaceId), eq(channels.id, id)))
        .returning({ id: channels.id });
      return deleted.length > 0;
    },
  };
}

export type ChannelsRepo = ReturnType<typeof createChannelsRepo>;
