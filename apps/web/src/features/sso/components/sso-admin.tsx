import { type FormEvent, useState } from "react";
import { Button } from "../../../components/ui/button.tsx";
import { CheckboxField } from "../../../components/ui/checkbox-field.tsx";
import { CopyField } from "../../../components/ui/copy-field.tsx";
import { SelectField } from "../../../components/ui/select-field.tsx";
import { TextAreaField } from "../../../components/ui/text-area-field.tsx";
import { TextField } from "../../../components/ui/text-field.tsx";
import { useErrorText, useT } from "../../../i18n/i18n.tsx";
import type { TranslationKey } from "../../../i18n/pt-BR.ts";
import { apiErrorKey } from "../../../i18n/translate.ts";
import { fieldErrorsOf } from "../../../lib/field-errors.ts";
import { useSsoSettings, useTestSsoDiscovery, useUpdateSsoSettings } from "../api/sso-settings.ts";
import { SSO_ROLES, type SsoRole, type SsoSettings, type SsoSettingsBody } from "../api/types.ts";
import { formatRoleMap, parseDomains, parseRoleMap } from "../utils/role-map.ts";

const FIELDS = ["issuer", "clientId", "clientSecret", "allowedDomains", "roleClaim", "roleMap", "defaultRole"] as const;
type Field = (typeof FIELDS)[number];

/** What a field failing the server's validation needs, in words (the server's ssoSettingsBody). */
const INVALID: Record<Field, TranslationKey> = {
  issuer: "sso.field.issuer.invalid",
  clientId: "sso.field.client-id.invalid",
  clientSecret: "sso.field.client-secret.invalid",
  allowedDomains: "sso.field.domains.invalid",
  roleClaim: "sso.field.role-claim.invalid",
  roleMap: "sso.field.role-map.invalid",
  defaultRole: "sso.field.role-map.invalid",
};

const ROLE_LABELS: Record<SsoRole, TranslationKey> = {
  admin: "sso.admin.role.admin",
  supervisor: "sso.admin.role.supervisor",
  agent: "sso.admin.role.agent",
};

interface Values {
  enabled: boolean;
  issuer: string;
  clientId: string;
  clientSecret: string;
  domains: string;
  roleClaim: string;
  roleMap: string;
  defaultRole: SsoRole;
  jitProvisioning: boolean;
  ssoRequired: boolean;
}

const valuesOf = (s: SsoSettings): Values => ({
  enabled: s.enabled,
  issuer: s.issuer,
  clientId: s.clientId,
  clientSecret: "",
  domains: s.allowedDomains.join(", "),
  roleClaim: s.roleClaim ?? "",
  roleMap: formatRoleMap(s.roleMap),
  defaultRole: s.defaultRole,
  jitProvisioning: s.jitProvisioning,
  ssoRequired: s.ssoRequired,
});

/** Administração → Login único (SSO): the workspace's OpenID Connect provider, its domains, roles and policy. */
export function SsoAdmin() {
  const t = useT();
  const errorText = useErrorText();
  const settings = useSsoSettings();
  return (
    <section className="mx-auto max-w-2xl space-y-4 p-4 md:p-6" aria-labelledby="sso-admin-title">
      <div className="space-y-1">
        <h2 id="sso-admin-title" className="text-lg font-semibold">
          {t("sso.admin.title")}
        </h2>
        <p className="text-sm text-slate-600 dark:text-slate-400">{t("sso.admin.intro")}</p>
      </div>
      {settings.data ? (
        <SsoForm key={settings.data.updatedAt ?? "new"} settings={settings.data} />
      ) : settings.error ? (
        <p role="alert" className="text-sm text-red-700 dark:text-red-300">
          {t("sso.admin.error", { reason: errorText(settings.error) })}
        </p>
      ) : (
        <p role="status" className="text-sm text-slate-600 dark:text-slate-400">
          {t("sso.admin.loading")}
        </p>
      )}
    </section>
  );
}

function SsoForm({ settings }: { settings: SsoSettings }) {
  const t = useT();
  const errorText = useErrorText();
  const update = useUpdateSsoSettings();
  const test = useTestSsoDiscovery();
  const [values, setValues] = useState<Values>(() => valuesOf(settings));
  const [roleMapLine, setRoleMapLine] = useState<number | null>(null);
  const set = <K extends keyof Values>(key: K, value: Values[K]) => setValues((v) => ({ ...v, [key]: value }));
  const { fields, unplaced } = fieldErrorsOf<Field>(update.error, FIELDS);
  const fieldError = (field: Field) => {
    const code = fields[field];
    if (!code) return undefined;
    return code === "request.invalid" ? t(INVALID[field]) : t(apiErrorKey(code));
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const parsed = parseRoleMap(values.roleMap);
    if ("error" in parsed) {
      setRoleMapLine(parsed.error);
      return;
    }
    setRoleMapLine(null);
    const body: SsoSettingsBody = {
      enabled: values.enabled,
      issuer: values.issuer.trim(),
      clientId: values.clientId.trim(),
      allowedDomains: parseDomains(values.domains),
      roleClaim: values.roleClaim.trim() || null,
      roleMap: parsed.map,
      defaultRole: values.defaultRole,
      jitProvisioning: values.jitProvisioning,
      ssoRequired: values.ssoRequired,
      ...(values.clientSecret ? { clientSecret: values.clientSecret } : {}),
    };
    update.mutate(body);
  };

  return (
    <form onSubmit={submit} className="space-y-4" noValidate>
      <CheckboxField label={t("sso.admin.enabled")} checked={values.enabled} onChange={(v) => set("enabled", v)} />
      <div className="space-y-2">
        <TextField
          label={t("sso.admin.issuer")}
          hint={t("sso.admin.issuer.hint")}
          error={fieldError("issuer")}
          value={values.issuer}
          onChange={(event) => set("issuer", event.target.value)}
          placeholder="https://"
        />
        <DiscoveryTest issuer={values.issuer.trim()} test={test} />
      </div>
      <TextField
        label={t("sso.admin.client-id")}
        error={fieldError("clientId")}
        value={values.clientId}
        onChange={(event) => set("clientId", event.target.value)}
      />
      <TextField
        label={t("sso.admin.client-secret")}
        type="password"
        autoComplete="new-password"
        hint={settings.clientSecretSet ? t("sso.admin.client-secret.set") : t("sso.admin.client-secret.new")}
        error={fieldError("clientSecret")}
        value={values.clientSecret}
        onChange={(event) => set("clientSecret", event.target.value)}
      />
      <CopyField label={t("sso.admin.callback-url")} value={settings.callbackUrl} />
      <TextField
        label={t("sso.admin.domains")}
        hint={t("sso.admin.domains.hint")}
        error={fieldError("allowedDomains")}
        value={values.domains}
        onChange={(event) => set("domains", event.target.value)}
      />
      <TextField
        label={t("sso.admin.role-claim")}
        hint={t("sso.admin.role-claim.hint")}
        error={fieldError("roleClaim")}
        value={values.roleClaim}
        onChange={(event) => set("roleClaim", event.target.value)}
      />
      <TextAreaField
        monospace
        label={t("sso.admin.role-map")}
        hint={t("sso.admin.role-map.hint")}
        error={roleMapLine !== null ? t("sso.admin.role-map.invalid", { line: roleMapLine }) : fieldError("roleMap")}
        value={values.roleMap}
        onChange={(event) => set("roleMap", event.target.value)}
        placeholder="papo-supervisores = supervisor"
      />
      <SelectField
        label={t("sso.admin.default-role")}
        value={values.defaultRole}
        onChange={(event) => set("defaultRole", event.target.value as SsoRole)}
      >
        {SSO_ROLES.map((role) => (
          <option key={role} value={role}>
            {t(ROLE_LABELS[role])}
          </option>
        ))}
      </SelectField>
      <CheckboxField
        label={t("sso.admin.jit")}
        hint={t("sso.admin.jit.hint")}
        checked={values.jitProvisioning}
        onChange={(v) => set("jitProvisioning", v)}
      />
      <CheckboxField
        label={t("sso.admin.required")}
        hint={t("sso.admin.required.hint")}
        checked={values.ssoRequired}
        onChange={(v) => set("ssoRequired", v)}
      />
      {unplaced ? (
        <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-800 dark:bg-red-950 dark:text-red-200">
          {t("sso.admin.save-failed", { reason: errorText(unplaced) })}
        </p>
      ) : null}
      {update.isSuccess ? (
        <p role="status" className="text-sm text-emerald-700 dark:text-emerald-300">
          {t("sso.admin.saved")}
        </p>
      ) : null}
      <Button type="submit" variant="primary" disabled={update.isPending}>
        {update.isPending ? t("sso.admin.saving") : t("sso.admin.save")}
      </Button>
    </form>
  );
}

function DiscoveryTest({ issuer, test }: { issuer: string; test: ReturnType<typeof useTestSsoDiscovery> }) {
  const t = useT();
  const errorText = useErrorText();
  return (
    <div className="space-y-1">
      <Button size="sm" onClick={() => test.mutate(issuer)} disabled={test.isPending}>
        {test.isPending ? t("sso.admin.testing") : t("sso.admin.test")}
      </Button>
      <div aria-live="polite" className="text-xs">
        {test.data ? (
          <div className="text-emerald-700 dark:text-emerald-300">
            <p>{t("sso.admin.test.ok", { issuer: test.data.issuer })}</p>
            <p className="break-all text-slate-600 dark:text-slate-400">
              {t("sso.admin.test.endpoints", { authorization: test.data.authorizationEndpoint, token: test.data.tokenEndpoint })}
            </p>
          </div>
        ) : test.error ? (
          <p className="break-words text-red-700 dark:text-red-300">
            {t("sso.admin.test.failed", { reason: `${errorText(test.error)} ${test.error.message.replace(/^issuer: /, "")}` })}
          </p>
        ) : null}
      </div>
    </div>
  );
}
