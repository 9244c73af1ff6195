import { strToU8, type Zippable, zipSync } from "fflate";
import type { ServiceContext } from "../../context.ts";
import type { Deps } from "../../deps.ts";
import { AppError, notFound } from "../../http/errors.ts";
import { canSeeContact } from "../access/scope.ts";
import { actorOf } from "../audit/trail.ts";
import { createHandoffsRepo } from "../bot/handoffs-repo.ts";
import { createContactNotesRepo } from "../contact-notes/repo.ts";
import { createContactsRepo } from "../contacts/repo.ts";
import { createCsatRepo } from "../csat/repo.ts";
import { createMediaRepo } from "../media/repo.ts";
import { presentMessages } from "../messages/presenter.ts";
import { createMessagesRepo } from "../messages/repo.ts";
import type { MessageDto } from "../messages/schemas.ts";
import { createExportRepo } from "./export-repo.ts";

/**
 * The export is built in memory (the files are decrypted one by one into the archive), so it is bounded: a contact
 * whose stored files add up to more than this gets 413 `privacy.export_too_large` instead of exhausting the server.
 */
export const EXPORT_MAX_BYTES = 256 * 1024 * 1024;

const PAGE = 200;

export interface ContactExport {
  zip: Uint8Array;
  counts: { conversations: number; messages: number; notes: number; media: number; bytes: number };
}

const README = (generatedAt: string, contactId: string) => `Papo — exportação de dados pessoais / personal data export
Gerado em / generated at: ${generatedAt}
Contato / contact: ${contactId}

[pt-BR]
Este arquivo reúne os dados pessoais que o Papo guarda sobre este contato (LGPD, art. 18, II e V: acesso e
portabilidade), decifrados e em formatos abertos:
  contact.json        o contato: nome, telefone, ID do WhatsApp, ID de usuário, nome de usuário, etiquetas, atributos
  consents.json       consentimentos atuais por finalidade e o histórico completo
  notes.json          notas internas da equipe sobre o contato
  handoffs.json       transferências do bot para a equipe: motivo, detalhe e o resumo da conversa
  csat.json           avaliações de satisfação dadas pelo contato: nota e comentário
  conversations.json  as conversas (número, situação, responsável, datas)
  messages.json       todas as mensagens: direção, tipo, situação e os horários de envio, entrega, leitura e falha,
                      o conteúdo decifrado e as reações
  media/              os arquivos (fotos, áudios, documentos) das mensagens, decifrados: <id da mensagem>-<nome>
Datas em UTC (ISO 8601). Mensagens apagadas (pedido de eliminação ou política de retenção) aparecem com "erasedAt" e
sem conteúdo.

[en]
This archive holds the personal data Papo keeps about this contact (LGPD art. 18 II and V: access and portability),
decrypted and in open formats:
  contact.json        the contact: name, phone, WhatsApp id, user id, username, tags, attributes
  consents.json       current consent per purpose and the full history
  notes.json          the team's internal notes about the contact
  handoffs.json       handoffs from the bot to the team: reason, detail and the conversation's summary
  csat.json           the contact's satisfaction ratings: score and comment
  conversations.json  the conversations (number, status, assignee, dates)
  messages.json       every message: direction, type, status and the sent, delivered, read and failed times,
                      the decrypted content and the reactions
  media/              the messages' files (photos, audio, documents), decrypted: <message id>-<name>
Dates in UTC (ISO 8601). Erased messages (erasure request or retention policy) carry "erasedAt" and no content.
`;

const EXTENSIONS: Record<string, string> = {
  "image/jpeg": "jpg",
  "image/png": "png",
  "image/webp": "webp",
  "image/gif": "gif",
  "audio/ogg": "ogg",
  "audio/mpeg": "mp3",
  "audio/mp4": "m4a",
  "audio/aac": "aac",
  "audio/amr": "amr",
  "video/mp4": "mp4",
  "video/3gpp": "3gp",
  "application/pdf": "pdf",
  "text/plain": "txt",
};

/** A name safe inside a ZIP on any system: no directories, no control or reserved characters, bounded length. */
export function archiveFileName(messageId: string, filename: string | null, mimeType: string | null): string {
  const cleaned = (filename ?? "")
    // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are exactly what is removed
    .replace(/[\u0000-\u001f\u007f/\\:*?"<>|]/g, "_")
    .replace(/^\.+/, "")
    .trim()
    .slice(0, 120);
  const extension = EXTENSIONS[(mimeType ?? "").split(";")[0]?.trim().toLowerCase() ?? ""] ?? "bin";
  return `${messageId}-${cleaned || `arquivo.${extension}`}`;
}

const json = (value: unknown) => strToU8(`${JSON.stringify(value, null, 2)}\n`);

/**
 * Access and portability (LGPD art. 18 II, V): everything Papo holds about one contact, decrypted, as a ZIP. The
 * caller must reach the contact (scope); the audit record (`contact.exported`) holds counts, never content.
 */
export async function exportContact({
  deps,
  ctx,
  contactId,
  ip,
}: {
  deps: Deps;
  ctx: ServiceContext;
  contactId: string;
  ip?: string | undefined;
}): Promise<ContactExport> {
  const { db } = deps.database;
  const ws = ctx.workspaceId;
  const contact = await createContactsRepo({ db, cipher: deps.cipher }).get(ws, contactId);
  if (!contact || !(await canSeeContact(db, ctx, contactId))) throw notFound("contacts", contactId);

  const exportRepo = createExportRepo({ db, cipher: deps.cipher });
  const mediaBytes = await exportRepo.mediaBytesOf(ws, contactId);
  if (mediaBytes > EXPORT_MAX_BYTES)
    throw new AppError({
      code: "privacy.export_too_large",
      status: 413,
      message: `The contact's files add up to ${mediaBytes} bytes, over the export limit of ${EXPORT_MAX_BYTES} bytes`,
      details: { bytes: mediaBytes, limit: EXPORT_MAX_BYTES },
    });

  const notesRepo = createContactNotesRepo({ db, cipher: deps.cipher });
  const notes = [];
  for (let before: { at: Date; id: string } | undefined; ; ) {
    const page = await notesRepo.list(ws, contactId, { limit: PAGE, before });
    notes.push(...page.map((n) => ({ id: n.id, body: n.body, author: n.author, createdAt: n.createdAt })));
    const last = page.at(-1);
    if (page.length < PAGE || !last) break;
    before = { at: last.createdAt, id: last.id };
  }

  const conversations = await exportRepo.conversationsOf(ws, contactId);
  const messagesRepo = createMessagesRepo({ db, cipher: deps.cipher });
  const messages: MessageDto[] = [];
  for (const conversation of conversations) {
    const pages: MessageDto[] = [];
    for (let before: { at: Date; id: string } | undefined; ; ) {
      const page = await messagesRepo.listByConversation(ws, conversation.id, { limit: PAGE, before });
      pages.push(...(await presentMessages({ db, cipher: deps.cipher, workspaceId: ws, messages: page })));
      const last = page.at(-1);
      if (page.length < PAGE || !last) break;
      before = { at: last.createdAt, id: last.id };
    }
    // Oldest first reads like the conversation did.
    messages.push(...pages.reverse());
  }

  const files: Zippable = {};
  const mediaRepo = createMediaRepo({ db, cipher: deps.cipher });
  let bytes = 0;
  let mediaCount = 0;
  for (const message of messages) {
    const shown = message.media;
    if (shown?.status !== "stored") continue;
    const record = await mediaRepo.get(ws, shown.id);
    if (!record?.storageKey) continue;
    const data = await deps.storage.read({ workspaceId: ws, mediaId: record.id, storageKey: record.storageKey });
    bytes += data.byteLength;
    if (bytes > EXPORT_MAX_BYTES)
      throw new AppError({
        code: "privacy.export_too_large",
        status: 413,
        message: `The contact's files exceed the export limit of ${EXPORT_MAX_BYTES} bytes`,
        details: { limit: EXPORT_MAX_BYTES },
      });
    // Already compressed formats (photos, audio, video) gain nothing from deflate.
    files[`media/${archiveFileName(message.id, record.filename, record.mimeType)}`] = [new Uint8Array(data), { level: 0 }];
    mediaCount += 1;
  }

  const consents = await exportRepo.consentsOf(ws, contactId);
  // A handoff's detail and summary describe the customer's request in the team's words: theirs to see too.
  const handoffsRepo = createHandoffsRepo({ db, cipher: deps.cipher });
  const handoffs = [];
  for (const conversation of conversations) handoffs.push(...(await handoffsRepo.listByConversation(ws, conversation.id)));
  // A satisfaction comment is the customer's own words.
  const csatRepo = createCsatRepo({ db, cipher: deps.cipher });
  const csat = [];
  for (const conversation of conversations)
    csat.push(
      ...(await csatRepo.listForConversation(ws, conversation.id)).map((r) => ({
        id: r.id,
        conversationId: r.conversationId,
        score: r.score,
        comment: r.comment,
        at: r.at,
      })),
    );
  const generatedAt = deps.clock.now().toISOString();
  const archive: Zippable = {
    "README.txt": strToU8(README(generatedAt, contactId)),
    "contact.json": json({
      id: contact.id,
      name: contact.name,
      phone: contact.phone,
      waId: contact.waId,
      userId: contact.userId,
      username: contact.username,
      tags: contact.tags,
      attributes: contact.attributes,
      externalId: contact.externalId,
      createdAt: contact.createdAt,
      updatedAt: contact.updatedAt,
      erasedAt: contact.erasedAt,
    }),
    "consents.json": json(consents),
    "notes.json": json(notes),
    "handoffs.json": json(handoffs),
    "csat.json": json(csat),
    "conversations.json": json(conversations),
    "messages.json": json(messages),
    ...files,
  };
  const zip = zipSync(archive, { level: 6 });
  const counts = { conversations: conversations.length, messages: messages.length, notes: notes.length, media: mediaCount, bytes };

  await deps.audit.record({
    workspaceId: ws,
    actor: actorOf(ctx),
    action: "contact.exported",
    target: { type: "contact", id: contactId },
    details: { ...counts, zipBytes: zip.byteLength },
    ip,
  });
  return { zip, counts };
}
