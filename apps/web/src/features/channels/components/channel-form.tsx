import { type FormEvent, useState } from "react";
import { Button } from "../../../components/ui/button.tsx";
import { TextField } from "../../../components/ui/text-field.tsx";
import { useErrorText, useT } from "../../../i18n/i18n.tsx";
import type { TranslationKey } from "../../../i18n/pt-BR.ts";
import { apiErrorKey } from "../../../i18n/translate.ts";
import { fieldErrorsOf } from "../../../lib/field-errors.ts";
import type { ChannelDetails, CreateChannelBody, UpdateChannelBody } from "../api/types.ts";

const FIELDS = ["name", "phoneNumberId", "wabaId", "displayPhoneNumber", "accessToken", "appSecret", "apiUrl", "apiVersion"] as const;
type Field = (typeof FIELDS)[number];
type Values = Record<Field, string>;

/** What a field failing the server's validation needs, in words (docs: createChannelBody in the server's schemas). */
const INVALID: Record<Field, TranslationKey> = {
  name: "channels.field.name.invalid",
  phoneNumberId: "channels.field.phone-number-id.invalid",
  wabaId: "channels.field.waba-id.invalid",
  displayPhoneNumber: "channels.field.display-phone-number.invalid",
  accessToken: "channels.field.access-token.invalid",
  appSecret: "channels.field.app-secret.invalid",
  apiUrl: "channels.field.api-url.invalid",
  apiVersion: "channels.field.api-version.invalid",
};

const initialValues = (channel: ChannelDetails | undefined): Values => ({
  name: channel?.name ?? "",
  phoneNumberId: channel?.phoneNumberId ?? "",
  wabaId: channel?.wabaId ?? "",
  displayPhoneNumber: channel?.displayPhoneNumber ?? "",
  accessToken: "",
  appSecret: "",
  apiUrl: channel?.apiUrl ?? "",
  apiVersion: channel?.apiVersion ?? "",
});

/** The body of a new channel: empty optional fields are left out so the server's defaults apply. */
export function toCreateBody(values: Values): CreateChannelBody {
  const optional = (value: string) => (value.trim() === "" ? undefined : value.trim());
  const body: CreateChannelBody = {
    name: values.name.trim(),
    phoneNumberId: values.phoneNumberId.trim(),
    wabaId: values.wabaId.trim(),
    accessToken: values.accessToken.trim(),
  };
  const extras = {
    displayPhoneNumber: optional(values.displayPhoneNumber),
    appSecret: optional(values.appSecret),
    apiUrl: optional(values.apiUrl),
    apiVersion: optional(values.apiVersion),
  };
  for (const [key, value] of Object.entries(extras)) if (value !== undefined) Object.assign(body, { [key]: value });
  return body;
}

/** Only what changed; a credential is sent only when a new one was typed (they are write-only). */
export function toUpdateBody(values: Values, channel: ChannelDetails): UpdateChannelBody {
  const body: UpdateChannelBody = {};
  if (values.name.trim() !== channel.name) body.name = values.name.trim();
  if (values.displayPhoneNumber.trim() !== (channel.displayPhoneNumber ?? "")) body.displayPhoneNumber = values.displayPhoneNumber.trim();
  if (values.wabaId.trim() !== channel.wabaId) body.wabaId = values.wabaId.trim();
  if (values.accessToken.trim() !== "") body.accessToken = values.accessToken.trim();
  if (values.appSecret.trim() !== "") body.appSecret = values.appSecret.trim();
  if (values.apiUrl.trim() !== "" && values.apiUrl.trim() !== channel.apiUrl) body.apiUrl = values.apiUrl.trim();
  if (values.apiVersion.trim() !== "" && values.apiVersion.trim() !== channel.apiVersion) body.apiVersion = values.apiVersion.trim();
  return body;
}

/**
 * Connecting a number (`channel` absent) or editing one. Credentials are write-only: when editing, an empty token or
 * secret keeps the stored one, and the field only says whether one is set. Server errors show beside their field.
 */
export function ChannelForm({
  channel,
  pending,
  error,
  onSubmit,
  onCancel,
}: {
  channel?: ChannelDetails;
  pending: boolean;
  error: unknown;
  onSubmit: (values: Values) => void;
  onCancel?: () => void;
}) {
  const t = useT();
  const errorText = useErrorText();
  const [values, setValues] = useState<Values>(() => initialValues(channel));
  const editing = channel !== undefined;
  const placed = fieldErrorsOf(error, FIELDS);
  const fieldError = (field: Field) => {
    const code = placed.fields[field];
    if (!code) return undefined;
    return code === "request.invalid" ? t(INVALID[field]) : t(apiErrorKey(code));
  };
  const bind = (field: Field) => ({
    value: values[field],
    onChange: (event: { currentTarget: HTMLInputElement }) => {
      const value = event.currentTarget.value;
      setValues((current) => ({ ...current, [field]: value }));
    },
    error: fieldError(field),
  });
  const secretHint = (isSet: boolean | undefined) =>
    editing ? (isSet ? t("channels.credential.set") : t("channels.credential.not-set")) : undefined;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    onSubmit(values);
  };

  return (
    <form onSubmit={submit} noValidate className="space-y-4">
      <TextField label={t("channels.field.name")} hint={t("channels.field.name.hint")} required maxLength={120} {...bind("name")} />
      {editing ? null : (
        <TextField
          label={t("channels.field.phone-number-id")}
          hint={t("channels.field.phone-number-id.hint")}
          inputMode="numeric"
          required
          {...bind("phoneNumberId")}
        />
      )}
      <TextField
        label={t("channels.field.waba-id")}
        hint={t("channels.field.waba-id.hint")}
        inputMode="numeric"
        required
        {...bind("wabaId")}
      />
      <TextField
        label={t("channels.field.display-phone-number")}
        hint={t("channels.field.display-phone-number.hint")}
        maxLength={32}
        {...bind("displayPhoneNumber")}
      />
      <TextField
        label={editing ? t("channels.field.access-token.replace") : t("channels.field.access-token")}
        hint={secretHint(channel?.hasAccessToken) ?? t("channels.field.access-token.hint")}
        type="password"
        autoComplete="off"
        required={!editing}
        {...bind("accessToken")}
      />
      <TextField
        label={editing ? t("channels.field.app-secret.replace") : t("channels.field.app-secret")}
        hint={secretHint(channel?.hasAppSecret) ?? t("channels.field.app-secret.hint")}
        type="password"
        autoComplete="off"
        {...bind("appSecret")}
      />
      <details
        className="rounded-lg border border-slate-200 p-3 dark:border-slate-800"
        open={Boolean(placed.fields.apiUrl || placed.fields.apiVersion)}
      >
        <summary className="cursor-pointer text-sm font-medium">{t("channels.field.advanced")}</summary>
        <div className="mt-3 space-y-4">
          <TextField
            label={t("channels.field.api-url")}
            hint={t("channels.field.api-url.hint")}
            type="url"
            placeholder="https://graph.facebook.com"
            {...bind("apiUrl")}
          />
          <TextField label={t("channels.field.api-version")} placeholder="v24.0" {...bind("apiVersion")} />
        </div>
      </details>
      {placed.unplaced ? (
        <p role="alert" className="text-sm text-red-700 dark:text-red-300">
          {errorText(placed.unplaced)}
        </p>
      ) : null}
      <div className="flex flex-wrap gap-2">
        <Button type="submit" variant="primary" disabled={pending}>
          {editing
            ? pending
              ? t("channels.edit.saving")
              : t("channels.edit.save")
            : pending
              ? t("channels.connect.submitting")
              : t("channels.connect.submit")}
        </Button>
        {onCancel ? <Button onClick={onCancel}>{t("channels.cancel")}</Button> : null}
      </div>
    </form>
  );
}

export type ChannelFormValues = Values;
