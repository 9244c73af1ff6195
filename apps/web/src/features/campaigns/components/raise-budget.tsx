import { useState } from "react";
import { Button } from "../../../components/ui/button.tsx";
import { TextField } from "../../../components/ui/text-field.tsx";
import { useErrorText, useT } from "../../../i18n/i18n.tsx";
import { useCampaignAction, useSaveCampaign } from "../api/campaigns.ts";
import type { Campaign } from "../api/types.ts";
import { parseBudget } from "../utils/wizard-state.ts";

/**
 * A campaign paused at its spending cap resumes only with a higher cap (the next message would pass the same one):
 * the new cap is saved, then the campaign resumed.
 */
export function RaiseBudget({ campaign }: { campaign: Campaign }) {
  const t = useT();
  const errorText = useErrorText();
  const save = useSaveCampaign();
  const action = useCampaignAction(campaign.id);
  const [text, setText] = useState(campaign.budgetCap === null ? "" : String(campaign.budgetCap));
  const [invalid, setInvalid] = useState(false);
  const failure = save.error ?? action.error;
  return (
    <form
      className="flex flex-wrap items-end gap-2"
      onSubmit={(event) => {
        event.preventDefault();
        const budgetCap = parseBudget(text);
        setInvalid(budgetCap === undefined);
        if (budgetCap === undefined) return;
        save.mutate({ id: campaign.id, input: { budgetCap } }, { onSuccess: () => action.mutate("resume") });
      }}
    >
      <TextField
        label={t("campaigns.raise-budget.label", { currency: campaign.currency })}
        inputMode="decimal"
        value={text}
        onChange={(event) => setText(event.target.value)}
        error={invalid ? t("campaigns.error.budget") : failure ? errorText(failure) : undefined}
        className="w-56"
      />
      <Button type="submit" variant="primary" disabled={save.isPending || action.isPending}>
        {t("campaigns.raise-budget.submit")}
      </Button>
    </form>
  );
}
