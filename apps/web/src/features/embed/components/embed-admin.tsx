import { type FormEvent, useId, useState } from "react";
import { Button } from "../../../components/ui/button.tsx";
import { CheckboxField } from "../../../components/ui/checkbox-field.tsx";
import { TextField } from "../../../components/ui/text-field.tsx";
import { useErrorText, useT } from "../../../i18n/i18n.tsx";
import { errorField } from "../../../lib/field-errors.ts";
import { useEmbedSettings, useUpdateEmbedSettings } from "../api/embed-settings.ts";
import type { EmbedRole, EmbedSettings, EmbedSettingsInput, EmbedVerification } from "../api/types.ts";
import { EmbedSnippet } from "./embed-snippet.tsx";
import { EMBED_ROLES, ROLE_LABELS, RoleMapEditor, type RoleRow } from "./role-map-editor.tsx";

const linesOf = (text: string) =>
  text
    .split(/\s+/)
    .map((line) => line.trim())
    .filter(Boolean);

function EmbedForm({ settings }: { settings: EmbedSettings }) {
  const t = useT();
  const errorText = useErrorText();
  const update = useUpdateEmbedSettings();
  const [enabled, setEnabled] = useState(settings.enabled);
  const [verification, setVerification] = useState<EmbedVerification>(settings.verification);
  const [secret, setSecret] = useState("");
  const [jwksUrl, setJwksUrl] = useState(settings.jwksUrl ?? "");
  const [issuer, setIssuer] = useState(settings.issuer);
  const [audience, setAudience] = useState(settings.audience);
  const [maxLifetime, setMaxLifetime] = useState(String(settings.maxLifetimeSeconds));
  const [roleClaim, setRoleClaim] = useState(settings.roleClaim);
  const [roles, setRoles] = useState<RoleRow[]>(Object.entries(settings.roleMap).map(([value, role]) => ({ value, role })));
  const [defaultRole, setDefaultRole] = useState<EmbedRole>(settings.defaultRole);
  const [syncRoles, setSyncRoles] = useState(settings.syncRoles);
  const [jit, setJit] = useState(settings.jitProvisioning);
  const [origins, setOrigins] = useState(settings.frameOrigins.join("\n"));
  const [generated, setGenerated] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  const defaultRoleId = useId();
  const originsId = useId();
  const field = errorField(update.error);
  const fieldError = (name: string) => (update.error && field === name ? errorText(update.error) : undefined);

  const submit = (generateSecret: boolean) => {
    setSaved(false);
    const body: EmbedSettingsInput = {
      enabled,
      verification,
      issuer: issuer.trim(),
      audience: audience.trim() || "papo",
      jwksUrl: jwksUrl.trim() || null,
      maxLifetimeSeconds: Number(maxLifetime),
      roleClaim: roleClaim.trim() || "role",
      roleMap: Object.fromEntries(roles.filter((r) => r.value.trim() !== "").map((r) => [r.value.trim(), r.role])),
      defaultRole,
      syncRoles,
      jitProvisioning: jit,
      frameOrigins: linesOf(origins),
      ...(generateSecret ? { generateSecret: true } : secret ? { secret } : {}),
    };
    update.mutate(body, {
      onSuccess: (answer) => {
        setSecret("");
        setGenerated(answer.generatedSecret ?? null);
        setSaved(true);
      },
    });
  };
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    submit(false);
  };

  return (
    <form onSubmit={onSubmit} className="space-y-5" noValidate>
      <CheckboxField label={t("embed.field.enabled")} checked={enabled} onChange={setEnabled} />
      <fieldset className="space-y-2">
        <legend className="text-sm font-medium text-slate-700 dark:text-slate-300">{t("embed.field.verification")}</legend>
        {(
          [
            ["secret", "embed.verification.secret"],
            ["jwks", "embed.verification.jwks"],
          ] as const
        ).map(([kind, label]) => (
          <label key={kind} className="flex items-center gap-2 text-sm">
            <input type="radio" name="verification" checked={verification === kind} onChange={() => setVerification(kind)} />
            {t(label)}
          </label>
        ))}
      </fieldset>
      {verification === "secret" ? (
        <div className="space-y-2">
          <p className="text-sm text-slate-600 dark:text-slate-400">
            {settings.secretConfigured ? t("embed.secret.configured") : t("embed.secret.missing")}
          </p>
          <TextField
            label={t("embed.field.secret")}
            hint={t("embed.field.secret.hint")}
            type="password"
            autoComplete="new-password"
            value={secret}
            error={fieldError("secret")}
            onChange={(event) => setSecret(event.target.value)}
          />
          <Button onClick={() => submit(true)} disabled={update.isPending}>
            {t("embed.secret.generate")}
          </Button>
          {generated ? (
            <div role="alert" className="space-y-1 rounded-lg border border-amber-400 bg-amber-50 p-3 text-sm dark:bg-amber-950">
              <p className="font-medium">{t("embed.secret.generated")}</p>
              <code className="block break-all">{generated}</code>
            </div>
          ) : null}
        </div>
      ) : (
        <TextField
          label={t("embed.field.jwks-url")}
          hint={t("embed.field.jwks-url.hint")}
          value={jwksUrl}
          error={fieldError("jwksUrl")}
          onChange={(event) => setJwksUrl(event.target.value)}
        />
      )}
      <div className="grid gap-4 md:grid-cols-2">
        <TextField
          label={t("embed.field.issuer")}
          hint={t("embed.field.issuer.hint")}
          value={issuer}
          error={fieldError("issuer")}
          onChange={(event) => setIssuer(event.target.value)}
        />
        <TextField label={t("embed.field.audience")} value={audience} onChange={(event) => setAudience(event.target.value)} />
        <TextField
          label={t("embed.field.max-lifetime")}
          hint={t("embed.field.max-lifetime.hint")}
          type="number"
          min={30}
          max={600}
          value={maxLifetime}
          error={fieldError("maxLifetimeSeconds")}
          onChange={(event) => setMaxLifetime(event.target.value)}
        />
        <TextField label={t("embed.field.role-claim")} value={roleClaim} onChange={(event) => setRoleClaim(event.target.value)} />
      </div>
      <RoleMapEditor rows={roles} onChange={setRoles} />
      <div className="space-y-1">
        <label htmlFor={defaultRoleId} className="block text-sm font-medium text-slate-700 dark:text-slate-300">
          {t("embed.field.default-role")}
        </label>
        <select
          id={defaultRoleId}
          value={defaultRole}
          onChange={(event) => setDefaultRole(event.target.value as EmbedRole)}
          className="h-10 rounded-lg border border-slate-300 bg-white px-2 text-sm dark:border-slate-700 dark:bg-slate-950"
        >
          {EMBED_ROLES.map((role) => (
            <option key={role} value={role}>
              {t(ROLE_LABELS[role])}
            </option>
          ))}
        </select>
      </div>
      <CheckboxField
        label={t("embed.field.sync-roles")}
        hint={t("embed.field.sync-roles.hint")}
        checked={syncRoles}
        onChange={setSyncRoles}
      />
      <CheckboxField label={t("embed.field.jit")} hint={t("embed.field.jit.hint")} checked={jit} onChange={setJit} />
      <div className="space-y-1">
        <label htmlFor={originsId} className="block text-sm font-medium text-slate-700 dark:text-slate-300">
          {t("embed.field.origins")}
        </label>
        <textarea
          id={originsId}
          rows={3}
          value={origins}
          aria-invalid={field === "frameOrigins" ? true : undefined}
          onChange={(event) => setOrigins(event.target.value)}
          placeholder="https://crm.example.com"
          className="block w-full rounded-lg border border-slate-300 bg-white p-3 font-mono text-sm aria-invalid:border-red-600 dark:border-slate-700 dark:bg-slate-950"
        />
        <p className="text-xs text-slate-500 dark:text-slate-400">{t("embed.field.origins.hint")}</p>
      </div>
      {update.error ? (
        <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-800 dark:bg-red-950 dark:text-red-200">
          {errorText(update.error)}
        </p>
      ) : null}
      <div className="flex items-center gap-3">
        <Button type="submit" variant="primary" disabled={update.isPending}>
          {update.isPending ? t("embed.saving") : t("embed.save")}
        </Button>
        {saved && !update.isPending ? (
          <span role="status" className="text-sm">
            {t("embed.saved")}
          </span>
        ) : null}
      </div>
    </form>
  );
}

/** Admin section "Integração no CRM": how the CRM's login tokens are checked, and the iframe to paste into the CRM. */
export function EmbedAdmin() {
  const t = useT();
  const errorText = useErrorText();
  const settings = useEmbedSettings();
  return (
    <div className="mx-auto max-w-3xl space-y-6 p-4 md:p-6">
      <header className="space-y-1">
        <h2 className="text-xl font-semibold">{t("embed.title")}</h2>
        <p className="text-sm text-slate-600 dark:text-slate-400">{t("embed.intro")}</p>
      </header>
      {settings.error ? (
        <p role="alert" className="text-sm">
          {t("embed.error", { reason: errorText(settings.error) })}
        </p>
      ) : !settings.data ? (
        <p className="text-sm text-slate-600 dark:text-slate-400">{t("embed.loading")}</p>
      ) : (
        <>
          <EmbedForm settings={settings.data} />
          <EmbedSnippet embedUrl={settings.data.embedUrl} />
        </>
      )}
    </div>
  );
}
