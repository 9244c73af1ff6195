import {
  type ClipboardEvent,
  type DragEvent,
  type FormEvent,
  type KeyboardEvent,
  type ReactNode,
  type Ref,
  useCallback,
  useId,
  useLayoutEffect,
  useRef,
  useState,
} from "react";
import { Button, IconButton } from "../../../components/ui/button.tsx";
import { Icon } from "../../../components/ui/icon.tsx";
import { useErrorText, useFormat, useT } from "../../../i18n/i18n.tsx";
import type { Conversation, Message } from "../../../lib/api-types.ts";
import { useSendMessage } from "../api/send-message.ts";
import { CannedResponsePicker, useCannedResponsePicker } from "./canned-response-picker.tsx";
import { EmojiPicker } from "./emoji-picker.tsx";
import { messageSummary } from "./quoted-message.tsx";
import { type TemplateFormActions, TemplatePicker } from "./template-picker.tsx";

/**
 * What the composer lends the copilot's slots: the conversation and the draft, which they may read, replace or send
 * (the composer stays the only place that sends, so a reply and the clearing after sending work the same way).
 */
export interface ComposerSlotProps {
  conversation: Conversation;
  draft: string;
  setDraft: (text: string) => void;
  /** Sends `text` as a text message (quoting the reply being written, if any); the draft is cleared once sent. */
  sendText: (text: string) => void;
  sending: boolean;
  focus: () => void;
  /** Shows the template picker, even while the window is open (a scheduled text that failed offers a template). */
  openTemplates: () => void;
}

/**
 * Where the agent writes. Enter sends, Shift+Enter breaks the line. A file (button, drag-and-drop or paste) is sent
 * with the text as its caption. Replies quote `replyTo`. When the 24-hour window is closed, it becomes the template
 * picker. `/` at the start opens the canned responses; the emoji button inserts at the caret. `suggestions` fills the
 * slot above it (reserved for the copilot).
 */
export function Composer({
  conversation,
  replyTo,
  onCancelReply,
  textareaRef,
  suggestions,
  tools,
  sendTools,
  templatesOpen = false,
  onOpenTemplates,
  onCloseTemplates,
  templateActions,
}: {
  conversation: Conversation;
  replyTo: Message | null;
  onCancelReply: () => void;
  textareaRef?: Ref<HTMLTextAreaElement>;
  suggestions?: ReactNode | ((composer: ComposerSlotProps) => ReactNode);
  /** Extra buttons beside the emoji picker (the copilot's rewrite and translate menu). */
  tools?: (composer: ComposerSlotProps) => ReactNode;
  /** Buttons right before Send (scheduling). */
  sendTools?: (composer: ComposerSlotProps) => ReactNode;
  /** The template picker is shown inside the window too (closed again with `onCloseTemplates`). */
  templatesOpen?: boolean;
  onOpenTemplates?: () => void;
  onCloseTemplates?: () => void;
  /** Buttons beside a filled template's Send (schedule it instead). */
  templateActions?: (form: TemplateFormActions) => ReactNode;
}) {
  const t = useT();
  const format = useFormat();
  const errorText = useErrorText();
  const send = useSendMessage(conversation.id);
  const [text, setText] = useState("");
  const [file, setFile] = useState<File | null>(null);
  const [dragging, setDragging] = useState(false);
  const fileInput = useRef<HTMLInputElement>(null);
  const inputId = useId();
  const hintId = useId();
  const picker = useCannedResponsePicker({ text, onChoose: setText });
  const textarea = useRef<HTMLTextAreaElement | null>(null);
  const caretAfterInsert = useRef<number | null>(null);
  const setTextarea = useCallback(
    (element: HTMLTextAreaElement | null) => {
      textarea.current = element;
      if (typeof textareaRef === "function") textareaRef(element);
      else if (textareaRef) textareaRef.current = element;
    },
    [textareaRef],
  );

  // After an emoji goes in, the caret sits right after it, in the focused text box.
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs when the text changes
  useLayoutEffect(() => {
    const caret = caretAfterInsert.current;
    if (caret === null || !textarea.current) return;
    caretAfterInsert.current = null;
    textarea.current.focus();
    textarea.current.setSelectionRange(caret, caret);
  }, [text]);

  const sendText = (body: string) => {
    if (send.isPending || body.trim() === "") return;
    const reply = replyTo ? { replyTo: replyTo.id } : {};
    send.mutate(
      { kind: "body", body: { type: "text", body: body.trim(), ...reply } },
      {
        onSuccess: () => {
          setText("");
          onCancelReply();
        },
      },
    );
  };
  const slotProps: ComposerSlotProps = {
    conversation,
    draft: text,
    setDraft: setText,
    sendText,
    sending: send.isPending,
    focus: () => textarea.current?.focus(),
    openTemplates: () => onOpenTemplates?.(),
  };
  const suggestionsContent = typeof suggestions === "function" ? suggestions(slotProps) : suggestions;

  if (!conversation.windowOpen || templatesOpen) {
    return (
      <div>
        <SuggestionsSlot label={t("composer.suggestions")}>{suggestionsContent}</SuggestionsSlot>
        <TemplatePicker
          conversation={conversation}
          actions={templateActions}
          headerTools={conversation.windowOpen ? undefined : sendTools?.(slotProps)}
          onClose={conversation.windowOpen ? onCloseTemplates : undefined}
        />
      </div>
    );
  }

  const canSend = !send.isPending && (file !== null || text.trim() !== "");

  const submit = () => {
    if (!canSend) return;
    const reply = replyTo ? { replyTo: replyTo.id } : {};
    const input = file
      ? { kind: "file" as const, file, caption: text, ...reply }
      : { kind: "body" as const, body: { type: "text" as const, body: text.trim(), ...reply } };
    send.mutate(input, {
      onSuccess: () => {
        setText("");
        setFile(null);
        onCancelReply();
      },
    });
  };

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    submit();
  };

  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (picker.onKeyDown(event)) return;
    if (event.key !== "Enter" || event.shiftKey || event.nativeEvent.isComposing) return;
    event.preventDefault();
    submit();
  };

  const insertEmoji = (emoji: string) => {
    const start = textarea.current?.selectionStart ?? text.length;
    const end = textarea.current?.selectionEnd ?? text.length;
    caretAfterInsert.current = start + emoji.length;
    setText(text.slice(0, start) + emoji + text.slice(end));
  };

  const takeFile = (candidate: File | undefined | null) => {
    if (!candidate) return;
    send.reset();
    setFile(candidate);
  };

  const onPaste = (event: ClipboardEvent<HTMLTextAreaElement>) => {
    const pasted = event.clipboardData.files[0];
    if (!pasted) return;
    event.preventDefault();
    takeFile(pasted);
  };

  const onDragOver = (event: DragEvent) => {
    if (!event.dataTransfer.types.includes("Files")) return;
    event.preventDefault();
    setDragging(true);
  };

  const onDrop = (event: DragEvent) => {
    event.preventDefault();
    setDragging(false);
    takeFile(event.dataTransfer.files[0]);
  };

  return (
    <div>
      <SuggestionsSlot label={t("composer.suggestions")}>{suggestionsContent}</SuggestionsSlot>
      <form
        onSubmit={onSubmit}
        onDragOver={onDragOver}
        onDragLeave={() => setDragging(false)}
        onDrop={onDrop}
        className={`relative space-y-2 border-t border-slate-200 bg-white p-3 dark:border-slate-800 dark:bg-slate-900 ${dragging ? "ring-2 ring-brand-600 ring-inset" : ""}`}
      >
        <CannedResponsePicker picker={picker} />
        {dragging ? (
          <div className="pointer-events-none absolute inset-0 z-10 flex items-center justify-center bg-brand-50/90 text-sm font-medium text-brand-800 dark:bg-brand-900/90 dark:text-brand-100">
            {t("composer.drop")}
          </div>
        ) : null}
        {replyTo ? (
          <div className="flex items-start gap-2 rounded-lg border-l-4 border-brand-600 bg-slate-100 px-3 py-1.5 dark:bg-slate-800">
            <div className="min-w-0 flex-1 text-xs">
              <p className="font-medium">{t("composer.replying-to")}</p>
              <p className="truncate text-slate-700 dark:text-slate-300">{messageSummary(replyTo)}</p>
            </div>
            <IconButton icon="x" label={t("composer.reply.cancel")} onClick={onCancelReply} />
          </div>
        ) : null}
        {file ? (
          <div className="flex items-center gap-2 rounded-lg bg-slate-100 px-3 py-1.5 text-sm dark:bg-slate-800">
            <Icon name="file" className="size-4 shrink-0" />
            <span className="min-w-0 flex-1 truncate">{t("composer.attachment", { name: file.name, size: format.bytes(file.size) })}</span>
            <IconButton icon="x" label={t("composer.attachment.remove")} onClick={() => setFile(null)} disabled={send.isPending} />
          </div>
        ) : null}
        {send.error ? (
          <p role="alert" className="text-sm text-red-700 dark:text-red-400">
            {t("composer.error", { reason: errorText(send.error) })}
          </p>
        ) : null}
        <div className="flex items-end gap-2">
          <IconButton icon="paperclip" label={t("composer.attach")} onClick={() => fileInput.current?.click()} disabled={send.isPending} />
          <EmojiPicker onPick={insertEmoji} onDismiss={() => textarea.current?.focus()} />
          {tools?.(slotProps)}
          <input
            ref={fileInput}
            type="file"
            className="hidden"
            aria-label={t("composer.attach")}
            onChange={(event) => {
              takeFile(event.target.files?.[0]);
              event.target.value = "";
            }}
          />
          <label htmlFor={inputId} className="sr-only">
            {file ? t("composer.caption") : t("composer.label")}
          </label>
          <textarea
            id={inputId}
            ref={setTextarea}
            value={text}
            onChange={(event) => setText(event.target.value)}
            onKeyDown={onKeyDown}
            onPaste={onPaste}
            rows={Math.min(6, Math.max(1, text.split("\n").length))}
            placeholder={file ? t("composer.caption") : t("composer.placeholder")}
            aria-describedby={hintId}
            aria-autocomplete="list"
            aria-controls={picker.open && picker.items.length > 0 ? picker.listId : undefined}
            aria-activedescendant={picker.activeId}
            className="max-h-40 min-h-10 flex-1 resize-none rounded-lg border border-slate-300 bg-white px-3 py-2 text-sm placeholder:text-slate-500 dark:border-slate-700 dark:bg-slate-950"
          />
          {sendTools?.(slotProps)}
          <Button type="submit" variant="primary" disabled={!canSend} aria-label={t("composer.send")} title={t("composer.send")}>
            <Icon name="send" className="size-4" />
          </Button>
        </div>
        <p id={hintId} className="text-[11px] text-slate-500 dark:text-slate-400">
          {send.isPending && file ? t("composer.uploading") : t("composer.hint")}
        </p>
      </form>
    </div>
  );
}

/** The element the copilot's suggestions will render into; takes no room while empty. */
function SuggestionsSlot({ label, children }: { label: string; children?: ReactNode }) {
  return (
    <section data-slot="ai-suggestions" aria-label={label} className="empty:hidden border-t border-slate-200 p-2 dark:border-slate-800">
      {children}
    </section>
  );
}
