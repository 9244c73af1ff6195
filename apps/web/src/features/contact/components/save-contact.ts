import type { UpdateContactBody } from "../api/update-contact.ts";

/** Saves part of the contact; `onSuccess`/`onError` let an editor close, or restore what the agent typed. */
export type SaveContact = (body: UpdateContactBody, callbacks?: { onSuccess?: () => void; onError?: () => void }) => void;
