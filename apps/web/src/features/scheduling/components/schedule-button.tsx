import { useState } from "react";
import { Button, IconButton } from "../../../components/ui/button.tsx";
import { Icon } from "../../../components/ui/icon.tsx";
import { useT } from "../../../i18n/i18n.tsx";
import type { Conversation, SendMessageBody } from "../../../lib/api-types.ts";
import { ScheduleDialog } from "./schedule-dialog.tsx";

/** What the scheduling button needs from the composer (the app passes the composer's own slot props, which match). */
export interface SchedulingDraft {
  conversation: Conversation;
  draft: string;
  setDraft: (text: string) => void;
}

/**
 * The composer's "Schedule" button, beside Send: schedules the draft (or a follow-up, or a reminder). Once a message
 * is scheduled its text leaves the composer, as after sending.
 */
export function ScheduleButton({ composer, onUseTemplate }: { composer: SchedulingDraft; onUseTemplate?: () => void }) {
  const t = useT();
  const [open, setOpen] = useState(false);
  return (
    <>
      <IconButton icon="clock" label={t("scheduling.open")} aria-haspopup="dialog" onClick={() => setOpen(true)} />
      {open ? (
        <ScheduleDialog
          conversation={composer.conversation}
          draft={composer.draft}
          onClose={() => setOpen(false)}
          onScheduled={(result) => {
            if (result.scheduled.kind === "message") composer.setDraft("");
          }}
          onUseTemplate={onUseTemplate}
        />
      ) : null}
    </>
  );
}

/** Beside a filled template's Send: schedules that template instead (its header file is uploaded first). */
export function ScheduleTemplateButton({
  conversation,
  disabled,
  buildBody,
  onScheduled,
}: {
  conversation: Conversation;
  disabled: boolean;
  /** The template's send body, or null when it could not be built (an upload failed: the form shows why). */
  buildBody: () => Promise<SendMessageBody | null>;
  onScheduled?: () => void;
}) {
  const t = useT();
  const [body, setBody] = useState<SendMessageBody | null>(null);
  const [building, setBuilding] = useState(false);
  const open = async () => {
    setBuilding(true);
    try {
      setBody(await buildBody());
    } finally {
      setBuilding(false);
    }
  };
  return (
    <>
      <Button size="sm" disabled={disabled || building} aria-haspopup="dialog" onClick={() => void open()}>
        <Icon name="clock" className="size-4" />
        {t("scheduling.open-template")}
      </Button>
      {body ? (
        <ScheduleDialog conversation={conversation} template={body} onClose={() => setBody(null)} onScheduled={() => onScheduled?.()} />
      ) : null}
    </>
  );
}
