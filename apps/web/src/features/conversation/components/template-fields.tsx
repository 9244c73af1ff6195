import { SelectField } from "../../../components/ui/select-field.tsx";
import { TextField } from "../../../components/ui/text-field.tsx";
import { useT } from "../../../i18n/i18n.tsx";
import type { TranslationKey } from "../../../i18n/pt-BR.ts";
import {
  CURRENCY_CODES,
  type HeaderLocationInput,
  kindOf,
  type ParameterKind,
  type TemplateInputs,
  type TemplateVariable,
  variableKey,
} from "../utils/template-params.ts";

const KIND_LABEL: Record<ParameterKind, TranslationKey> = {
  text: "conversation.template.type-text",
  currency: "conversation.template.type-currency",
  date_time: "conversation.template.type-date-time",
};

/**
 * One variable's input. A body variable can be sent as text, an amount of money (amount and currency) or a date and
 * time; header and button variables are text only (Meta's rule).
 */
export function VariableField({
  variable,
  label,
  inputs,
  prefilled,
  defaultCurrency,
  onChange,
}: {
  variable: TemplateVariable;
  /** The variable's own label ("Variable {{1}}", "Header: variable {{1}}"…). */
  label: string;
  inputs: TemplateInputs;
  /** The value it started with from the contact (their name), said in a hint while it is unchanged. */
  prefilled?: string | undefined;
  defaultCurrency: string;
  onChange: (inputs: TemplateInputs) => void;
}) {
  const t = useT();
  const key = variableKey(variable);
  const name = `{{${variable.name}}}`;
  const kind = kindOf(inputs, key);
  const value = inputs.values[key] ?? "";
  const setValue = (next: string) => onChange({ ...inputs, values: { ...inputs.values, [key]: next } });
  const hint = prefilled !== undefined && value === prefilled ? t("composer.templates.prefilled") : undefined;

  if (variable.part !== "body") {
    return (
      <TextField
        label={label}
        placeholder={variable.example}
        value={value}
        hint={hint}
        onChange={(event) => setValue(event.target.value)}
        required
      />
    );
  }

  return (
    <fieldset className="space-y-2 rounded-lg border border-slate-200 p-2 dark:border-slate-700">
      <legend className="sr-only">{label}</legend>
      <SelectField
        label={t("conversation.template.type", { name })}
        value={kind}
        onChange={(event) =>
          // A value typed for another kind means nothing in this one: start empty.
          onChange({
            ...inputs,
            kinds: { ...inputs.kinds, [key]: event.target.value as ParameterKind },
            values: { ...inputs.values, [key]: "" },
          })
        }
      >
        {(Object.keys(KIND_LABEL) as ParameterKind[]).map((option) => (
          <option key={option} value={option}>
            {t(KIND_LABEL[option])}
          </option>
        ))}
      </SelectField>
      {kind === "currency" ? (
        <div className="grid grid-cols-[1fr_auto] gap-2">
          <TextField
            label={t("conversation.template.amount", { name })}
            type="number"
            inputMode="decimal"
            min={0}
            step="0.01"
            value={value}
            onChange={(event) => setValue(event.target.value)}
            required
          />
          <SelectField
            label={t("conversation.template.currency", { name })}
            value={inputs.currencies?.[key] ?? defaultCurrency}
            onChange={(event) => onChange({ ...inputs, currencies: { ...inputs.currencies, [key]: event.target.value } })}
          >
            {CURRENCY_CODES.map((code) => (
              <option key={code} value={code}>
                {code}
              </option>
            ))}
          </SelectField>
        </div>
      ) : kind === "date_time" ? (
        <TextField
          label={t("conversation.template.date-time", { name })}
          type="datetime-local"
          value={value}
          onChange={(event) => setValue(event.target.value)}
          required
        />
      ) : (
        <TextField
          label={label}
          placeholder={variable.example}
          value={value}
          hint={hint}
          onChange={(event) => setValue(event.target.value)}
          required
        />
      )}
    </fieldset>
  );
}

/** A LOCATION header's pin: latitude and longitude (required), name and address (optional). */
export function LocationFields({
  location,
  onChange,
}: {
  location: HeaderLocationInput;
  onChange: (location: HeaderLocationInput) => void;
}) {
  const t = useT();
  const set = (field: keyof HeaderLocationInput) => (event: { target: { value: string } }) =>
    onChange({ ...location, [field]: event.target.value });
  return (
    <fieldset className="space-y-2 rounded-lg border border-slate-200 p-2 dark:border-slate-700">
      <legend className="px-1 text-sm font-medium">{t("conversation.template.location")}</legend>
      <div className="grid grid-cols-2 gap-2">
        <TextField
          label={t("conversation.template.latitude")}
          type="number"
          inputMode="decimal"
          min={-90}
          max={90}
          step="any"
          value={location.latitude}
          onChange={set("latitude")}
          required
        />
        <TextField
          label={t("conversation.template.longitude")}
          type="number"
          inputMode="decimal"
          min={-180}
          max={180}
          step="any"
          value={location.longitude}
          onChange={set("longitude")}
          required
        />
      </div>
      <TextField label={t("conversation.template.location-name")} value={location.name} onChange={set("name")} />
      <TextField label={t("conversation.template.location-address")} value={location.address} onChange={set("address")} />
    </fieldset>
  );
}
