import { randomBytes, randomUUID } from "node:crypto";
import type { z } from "zod";
import type { ServiceContext } from "../../context.ts";
import type { Deps } from "../../deps.ts";
import { AppError, notFound } from "../../http/errors.ts";
import { actorOf } from "../audit/trail.ts";
import { type Channel, createChannelsRepo } from "./repo.ts";
import type { channelSchema, createChannelBody, updateChannelBody } from "./schemas.ts";

export type ChannelDto = z.infer<typeof channelSchema>;

/** Credentials are write-only: the answer says whether they are set, and what to paste into Meta. */
export function toChannelDto(channel: Channel, publicUrl: string): ChannelDto {
  return {
    id: channel.id,
    name: channel.name,
    phoneNumberId: channel.phoneNumberId,
    wabaId: channel.wabaId,
    displayPhoneNumber: channel.displayPhoneNumber,
    apiUrl: channel.apiUrl,
    apiVersion: channel.apiVersion,
    sendRatePerSecond: channel.sendRatePerSecond,
    sandbox: channel.sandbox,
    hasAccessToken: channel.accessToken.length > 0,
    hasAppSecret: Boolean(channel.appSecret),
    webhook: { url: `${publicUrl}/webhook`, verifyToken: channel.verifyToken },
    createdAt: channel.createdAt.toISOString(),
  };
}

export async function createChannel({
  ctx,
  input,
  deps,
  sandbox = false,
  ip,
}: {
  ctx: ServiceContext;
  input: z.infer<typeof createChannelBody>;
  deps: Deps;
  sandbox?: boolean;
  /** The caller's address, for the audit record. */
  ip?: string | undefined;
}) {
  const repo = createChannelsRepo({ db: deps.database.db, cipher: deps.cipher });
  if (await repo.findByPhoneNumberId(input.phoneNumberId)) {
    throw new AppError({
      code: "channels.phone_number_taken",
      status: 409,
      message: `phoneNumberId: ${input.phoneNumberId} is already connected`,
    });
  }
  const created = await repo.insert(ctx.workspaceId, {
    id: randomUUID(),
    name: input.name,
    phoneNumberId: input.phoneNumberId,
    wabaId: input.wabaId,
    displayPhoneNumber: input.displayPhoneNumber ?? null,
    accessToken: input.accessToken,
    appSecret: input.appSecret ?? null,
    verifyToken: randomBytes(18).toString("base64url"),
    apiUrl: input.apiUrl ?? deps.config.whatsapp.apiUrl,
    apiVersion: input.apiVersion ?? deps.config.whatsapp.apiVersion,
    sendRatePerSecond: input.sendRatePerSecond ?? deps.config.sendRatePerSecond,
    sandbox,
  });
  await deps.audit.record({
    workspaceId: ctx.workspaceId,
    actor: actorOf(ctx),
    action: "channel.created",
    target: { type: "channel", id: created.id },
    details: { phoneNumberId: created.phoneNumberId, sandbox, credentials: credentialFieldsOf(input) },
    ip,
  });
  return created;
}

/** Fields that are secrets: changing them is `channel.credentials_changed` in the audit log (names only, never values). */
const CREDENTIAL_FIELDS = ["accessToken", "appSecret"] as const;
const credentialFieldsOf = (input: object): string[] =>
  CREDENTIAL_FIELDS.filter((name) => (input as Record<string, unknown>)[name] !== undefined);

export async function updateChannel({
  ctx,
  id,
  input,
  deps,
  ip,
}: {
  ctx: ServiceContext;
  id: string;
  input: z.infer<typeof updateChannelBody>;
  deps: Deps;
  /** The caller's address, for the audit record. */
  ip?: string | undefined;
}) {
  const repo = createChannelsRepo({ db: deps.database.db, cipher: deps.cipher });
  // The token is write-only; pointing the channel at another API host without giving the token again would send the
  // stored token to that host.
  if (input.apiUrl !== undefined && input.accessToken === undefined) {
    const current = await repo.get(ctx.workspaceId, id);
    if (current && current.apiUrl !== input.apiUrl) {
      throw new AppError({ code: "channels.token_required", status: 400, message: "accessToken: required when apiUrl changes" });
    }
  }
  const updated = await repo.update(ctx.workspaceId, id, input);
  if (!updated) throw notFound("channels", id);
  const credentials = credentialFieldsOf(input);
  const others = Object.entries(input)
    .filter(([name, value]) => value !== undefined && !credentials.includes(name))
    .map(([name]) => name)
    .sort();
  const source = { workspaceId: ctx.workspaceId, actor: actorOf(ctx), target: { type: "channel" as const, id }, ip };
  if (credentials.length > 0)
    await deps.audit.record({ ...source, action: "channel.credentials_changed", details: { fields: credentials } });
  if (others.length > 0) await deps.audit.record({ ...source, action: "channel.updated", details: { fields: others } });
  return updated;
}
