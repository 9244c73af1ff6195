import { useMutation, useQueryClient } from "@tanstack/react-query";
import { apiPaths } from "../../../config/paths.ts";
import { type ApiClient, ApiError } from "../../../lib/api-client.ts";
import type { Message, SendMessageBody } from "../../../lib/api-types.ts";
import { upsertMessage } from "../../../lib/messages-cache.ts";
import { queryKeys } from "../../../lib/query-keys.ts";
import { randomId } from "../../../lib/random-id.ts";
import { useApiClient } from "../../../lib/services.tsx";
import { uploadMedia } from "./upload-media.ts";

/** The WhatsApp type a file is sent as, from its MIME type. */
export function mediaTypeOf(mimeType: string): "image" | "video" | "audio" | "document" {
  if (mimeType.startsWith("image/")) return "image";
  if (mimeType.startsWith("video/")) return "video";
  if (mimeType.startsWith("audio/")) return "audio";
  return "document";
}

export function sendMessage(
  client: ApiClient,
  { conversationId, body, idempotencyKey }: { conversationId: string; body: SendMessageBody; idempotencyKey: string },
): Promise<Message> {
  return client.request<Message>(apiPaths.messages(conversationId), {
    method: "POST",
    json: body,
    headers: { "idempotency-key": idempotencyKey },
  });
}

export type SendInput =
  | { kind: "body"; body: SendMessageBody }
  /** A file to upload first, then send with an optional caption. */
  | { kind: "file"; file: File; caption?: string; replyTo?: string };

/** Builds the send body for an uploaded file. */
export function fileMessageBody({
  file,
  mediaId,
  caption,
  replyTo,
}: {
  file: File;
  mediaId: string;
  caption?: string;
  replyTo?: string;
}): SendMessageBody {
  const type = mediaTypeOf(file.type);
  const reply = replyTo ? { replyTo } : {};
  const withCaption = caption?.trim() ? { caption: caption.trim() } : {};
  if (type === "audio") return { type, mediaId, ...reply };
  if (type === "document") return { type, mediaId, filename: file.name, ...withCaption, ...reply };
  return { type, mediaId, ...withCaption, ...reply };
}

/**
 * Sends a message (uploading its file first when there is one). The answer goes straight into the cached history,
 * so the bubble shows at once; the live stream then moves its ticks. One idempotency key per attempt: a retried
 * request whose first answer was lost is never sent twice.
 */
export function useSendMessage(conversationId: string) {
  const client = useApiClient();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (input: SendInput) => {
      const idempotencyKey = randomId();
      if (input.kind === "body") return sendMessage(client, { conversationId, body: input.body, idempotencyKey });
      const media = await uploadMedia(client, input.file);
      const body = fileMessageBody({ file: input.file, mediaId: media.id, caption: input.caption, replyTo: input.replyTo });
      return sendMessage(client, { conversationId, body, idempotencyKey });
    },
    onSuccess: (message) => {
      upsertMessage(queryClient, message);
      void queryClient.invalidateQueries({ queryKey: queryKeys.conversations.lists });
    },
    onError: (error) => {
      // The window closed since the conversation was loaded: refetch it so the composer turns into the template picker.
      if (error instanceof ApiError && error.code === "messages.window_closed") {
        void queryClient.invalidateQueries({ queryKey: queryKeys.conversations.detail(conversationId) });
      }
    },
  });
}
