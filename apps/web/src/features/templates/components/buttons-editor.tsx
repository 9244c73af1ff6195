import { useState } from "react";
import { Button, IconButton } from "../../../components/ui/button.tsx";
import { SelectField } from "../../../components/ui/select-field.tsx";
import { TextField } from "../../../components/ui/text-field.tsx";
import { useT } from "../../../i18n/i18n.tsx";
import { type ButtonDraft, type ButtonType, buttonTypes, LIMITS, newButton } from "../utils/draft.ts";
import { buttonTypeLabel } from "../utils/labels.ts";

function ButtonFields({
  button,
  index,
  errors,
  onChange,
}: {
  button: ButtonDraft;
  index: number;
  errors: Record<string, string>;
  onChange: (patch: Partial<ButtonDraft>) => void;
}) {
  const t = useT();
  const at = `buttons.${index}`;
  const n = index + 1;
  return (
    <div className="grid gap-3 sm:grid-cols-2">
      {button.type !== "COPY_CODE" ? (
        <TextField
          label={t("templates-admin.button.text", { n })}
          value={button.text}
          maxLength={LIMITS.buttonText * 2}
          hint={t("templates-admin.counter", { count: button.text.length, max: LIMITS.buttonText })}
          error={errors[`${at}.text`]}
          onChange={(e) => onChange({ text: e.target.value })}
        />
      ) : null}
      {button.type === "URL" ? (
        <>
          <TextField
            label={t("templates-admin.button.url", { n })}
            type="url"
            value={button.url}
            placeholder="https://loja.example/pedido/{{1}}"
            hint={t("templates-admin.button.url-hint")}
            error={errors[`${at}.url`]}
            onChange={(e) => onChange({ url: e.target.value })}
          />
          {button.url.includes("{{") ? (
            <TextField
              label={t("templates-admin.button.url-example", { n })}
              value={button.example}
              placeholder="https://loja.example/pedido/12345"
              error={errors[`${at}.example`]}
              onChange={(e) => onChange({ example: e.target.value })}
            />
          ) : null}
        </>
      ) : null}
      {button.type === "PHONE_NUMBER" ? (
        <TextField
          label={t("templates-admin.button.phone", { n })}
          type="tel"
          value={button.phoneNumber}
          placeholder="+5511999998888"
          error={errors[`${at}.phoneNumber`]}
          onChange={(e) => onChange({ phoneNumber: e.target.value })}
        />
      ) : null}
      {button.type === "COPY_CODE" ? (
        <TextField
          label={t("templates-admin.button.code-example", { n })}
          value={button.example}
          hint={t("templates-admin.counter", { count: button.example.length, max: LIMITS.copyCodeExample })}
          error={errors[`${at}.example`]}
          onChange={(e) => onChange({ example: e.target.value })}
        />
      ) : null}
      {button.type === "FLOW" ? (
        <>
          <TextField
            label={t("templates-admin.button.flow-id", { n })}
            value={button.flowId}
            inputMode="numeric"
            error={errors[`${at}.flowId`]}
            onChange={(e) => onChange({ flowId: e.target.value })}
          />
          <SelectField
            label={t("templates-admin.button.flow-action", { n })}
            value={button.flowAction}
            onChange={(e) => onChange({ flowAction: e.target.value === "data_exchange" ? "data_exchange" : "navigate" })}
          >
            <option value="navigate">{t("templates-admin.button.flow-navigate")}</option>
            <option value="data_exchange">{t("templates-admin.button.flow-data-exchange")}</option>
          </SelectField>
          {button.flowAction === "navigate" ? (
            <TextField
              label={t("templates-admin.button.flow-screen", { n })}
              value={button.navigateScreen}
              error={errors[`${at}.navigateScreen`]}
              onChange={(e) => onChange({ navigateScreen: e.target.value })}
            />
          ) : null}
        </>
      ) : null}
    </div>
  );
}

/** The template's buttons: add by type, edit each type's fields, move up and down (Meta keeps their order), remove. */
export function ButtonsEditor({
  buttons,
  errors,
  onChange,
}: {
  buttons: ButtonDraft[];
  /** Messages by field id (`buttons`, `buttons.0.text`, …). */
  errors: Record<string, string>;
  onChange: (buttons: ButtonDraft[]) => void;
}) {
  const t = useT();
  const [type, setType] = useState<ButtonType>("QUICK_REPLY");
  const update = (index: number, patch: Partial<ButtonDraft>) => onChange(buttons.map((b, i) => (i === index ? { ...b, ...patch } : b)));
  const move = (index: number, by: -1 | 1) => {
    const next = [...buttons];
    const [moved] = next.splice(index, 1);
    if (moved) next.splice(index + by, 0, moved);
    onChange(next);
  };
  return (
    <fieldset className="space-y-3 rounded-lg border border-slate-200 p-3 dark:border-slate-800">
      <legend className="px-1 text-sm font-medium">{t("templates-admin.buttons", { count: buttons.length, max: LIMITS.buttons })}</legend>
      <p className="text-xs text-slate-600 dark:text-slate-400">{t("templates-admin.buttons.hint")}</p>
      {errors.buttons ? (
        <p role="alert" className="text-xs text-red-700 dark:text-red-300">
          {errors.buttons}
        </p>
      ) : null}
      {buttons.length ? (
        <ol className="space-y-3">
          {buttons.map((button, index) => (
            <li key={button.uid} className="space-y-2 rounded-lg bg-slate-50 p-3 dark:bg-slate-900">
              <div className="flex items-end gap-1">
                <SelectField
                  className="min-w-0 flex-1"
                  label={t("templates-admin.button.type", { n: index + 1 })}
                  value={button.type}
                  onChange={(e) => update(index, { type: e.target.value as ButtonType })}
                >
                  {buttonTypes.map((value) => (
                    <option key={value} value={value}>
                      {t(buttonTypeLabel[value])}
                    </option>
                  ))}
                </SelectField>
                <IconButton
                  icon="back"
                  className="rotate-90"
                  label={t("templates-admin.button.up", { n: index + 1 })}
                  disabled={index === 0}
                  onClick={() => move(index, -1)}
                />
                <IconButton
                  icon="next"
                  className="rotate-90"
                  label={t("templates-admin.button.down", { n: index + 1 })}
                  disabled={index === buttons.length - 1}
                  onClick={() => move(index, 1)}
                />
                <IconButton
                  icon="trash"
                  label={t("templates-admin.button.remove", { n: index + 1 })}
                  onClick={() => onChange(buttons.filter((_, i) => i !== index))}
                />
              </div>
              <ButtonFields button={button} index={index} errors={errors} onChange={(patch) => update(index, patch)} />
            </li>
          ))}
        </ol>
      ) : null}
      <div className="flex flex-wrap items-end gap-2">
        <SelectField
          className="min-w-48"
          label={t("templates-admin.button.new-type")}
          value={type}
          onChange={(e) => setType(e.target.value as ButtonType)}
        >
          {buttonTypes.map((value) => (
            <option key={value} value={value}>
              {t(buttonTypeLabel[value])}
            </option>
          ))}
        </SelectField>
        <Button disabled={buttons.length >= LIMITS.buttons} onClick={() => onChange([...buttons, newButton(type)])}>
          {t("templates-admin.button.add")}
        </Button>
      </div>
    </fieldset>
  );
}
