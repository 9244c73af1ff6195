import { type FormEvent, useEffect, useId, useState } from "react";
import { Button } from "../../../components/ui/button.tsx";
import { TextField } from "../../../components/ui/text-field.tsx";
import { useErrorText, useT } from "../../../i18n/i18n.tsx";
import { useDiscoverSso } from "../api/discover-sso.ts";
import { ssoErrorOf } from "../utils/role-map.ts";

const goTo = (url: string) => window.location.assign(url);

/**
 * The login page's "Sign in with SSO": uses the e-mail already typed (or asks for it), asks the server where that
 * e-mail signs in, and sends the browser to the company's identity provider. Back from a failed SSO login, the page's
 * URL carries `sso_error`: its message shows here (once; the URL is cleaned so a reload does not repeat it).
 */
export function SsoSignIn({ email, navigate = goTo }: { email: string; navigate?: (url: string) => void }) {
  const t = useT();
  const errorText = useErrorText();
  const discover = useDiscoverSso();
  const [asking, setAsking] = useState(false);
  const [typed, setTyped] = useState("");
  const [returned] = useState(() => ssoErrorOf(window.location.hash));
  const errorId = useId();

  useEffect(() => {
    if (returned) window.history.replaceState(null, "", `${window.location.pathname}${window.location.search}`);
  }, [returned]);

  const start = (address: string) =>
    discover.mutate(address.trim(), {
      onSuccess: (answer) => navigate(answer.redirectUrl),
    });
  const onSso = () => {
    if (email.includes("@")) start(email);
    else {
      setTyped(email);
      setAsking(true);
    }
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    start(typed);
  };

  const error = discover.error
    ? errorText(discover.error)
    : returned
      ? t("sso.sign-in.failed", { reason: errorText({ code: returned }) })
      : null;
  const redirecting = discover.isPending || discover.isSuccess;

  return (
    <div className="space-y-3">
      <div className="flex items-center gap-2 text-xs text-slate-500 dark:text-slate-400" aria-hidden="true">
        <span className="h-px flex-1 bg-slate-200 dark:bg-slate-700" />
        {t("sso.sign-in.or")}
        <span className="h-px flex-1 bg-slate-200 dark:bg-slate-700" />
      </div>
      {asking ? (
        <form onSubmit={submit} className="space-y-3" aria-label={t("sso.sign-in.title")} noValidate>
          <p className="text-sm text-slate-600 dark:text-slate-400">{t("sso.sign-in.subtitle")}</p>
          <TextField
            label={t("sso.sign-in.email")}
            type="email"
            autoComplete="username"
            required
            value={typed}
            onChange={(event) => setTyped(event.target.value)}
          />
          <div className="flex gap-2">
            <Button variant="ghost" onClick={() => setAsking(false)}>
              {t("sso.sign-in.back")}
            </Button>
            <Button type="submit" variant="primary" className="flex-1" disabled={redirecting || !typed.includes("@")}>
              {redirecting ? t("sso.sign-in.redirecting") : t("sso.sign-in.continue")}
            </Button>
          </div>
        </form>
      ) : (
        <Button className="w-full" onClick={onSso} disabled={redirecting} aria-describedby={error ? errorId : undefined}>
          {redirecting ? t("sso.sign-in.redirecting") : t("sso.sign-in")}
        </Button>
      )}
      {error ? (
        <p id={errorId} role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-800 dark:bg-red-950 dark:text-red-200">
          {error}
        </p>
      ) : null}
    </div>
  );
}
