import { useId } from "react";
import { useT } from "../../../i18n/i18n.tsx";
import type { Message } from "../../../lib/api-types.ts";

/** What a voice note says, under its player: being transcribed, the text, or why there is none. */
export function VoiceTranscript({ message }: { message: Message }) {
  const t = useT();
  const captionId = useId();
  const transcript = message.insights?.transcript;
  if (message.type !== "audio" || !transcript) return null;
  const note = "mt-1 text-xs text-slate-600 italic dark:text-slate-300";
  switch (transcript.status) {
    case "pending":
      return (
        <p role="status" className={note}>
          {t("copilot.transcript.pending")}
        </p>
      );
    case "done":
      return (
        <figure aria-labelledby={captionId} className="mt-1 border-l-2 border-slate-300 pl-2 dark:border-slate-600">
          <figcaption id={captionId} className="text-[11px] font-medium text-slate-600 dark:text-slate-400">
            {t("copilot.transcript.label")}
          </figcaption>
          <p className="text-sm whitespace-pre-wrap">{transcript.text ?? ""}</p>
        </figure>
      );
    case "unavailable":
      return <p className={note}>{t("copilot.transcript.unavailable")}</p>;
    default:
      return <p className={note}>{t("copilot.transcript.failed")}</p>;
  }
}
