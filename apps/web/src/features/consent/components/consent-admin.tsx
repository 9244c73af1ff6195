import { type KeyboardEvent, useId, useState } from "react";
import { Button, IconButton } from "../../../components/ui/button.tsx";
import { TextAreaField } from "../../../components/ui/text-area-field.tsx";
import { useErrorText, useT } from "../../../i18n/i18n.tsx";
import { useConsentSettings, useUpdateConsentSettings } from "../api/consent-settings.ts";
import { type ConsentLanguage, type ConsentSettings, consentLanguages } from "../api/types.ts";
import { languageLabel } from "../utils/labels.ts";

const KEYWORD_MAX_LENGTH = 60;
const REPLY_MAX_LENGTH = 1000;

/** How the server compares keywords: accents and case folded, punctuation as spaces (modules/consent/keywords.ts). */
const fold = (keyword: string) =>
  keyword
    .normalize("NFD")
    .replace(/\p{M}/gu, "")
    .toLocaleLowerCase("en")
    .replace(/[\s\p{P}]+/gu, " ")
    .trim();

type ListName = "optOutKeywords" | "optInKeywords";
const otherList = (list: ListName): ListName => (list === "optOutKeywords" ? "optInKeywords" : "optOutKeywords");

/** One language's keywords of one list: removable chips and a field that adds one on Enter. */
function KeywordChips({
  settings,
  list,
  language,
  onChange,
}: {
  settings: ConsentSettings;
  list: ListName;
  language: ConsentLanguage;
  onChange: (keywords: string[]) => void;
}) {
  const t = useT();
  const inputId = useId();
  const [draft, setDraft] = useState("");
  const [clash, setClash] = useState<string | null>(null);
  const keywords = settings[list][language];
  const languageName = t(languageLabel[language]);
  const optOut = list === "optOutKeywords";
  const listName = t(optOut ? "consent.admin.opt-out.title" : "consent.admin.opt-in.title");
  const newLabel = t(optOut ? "consent.admin.opt-out.new" : "consent.admin.opt-in.new", { language: languageName });
  const addLabel = t(optOut ? "consent.admin.opt-out.add" : "consent.admin.opt-in.add", { language: languageName });

  const add = () => {
    const keyword = draft.trim();
    if (!fold(keyword)) return;
    const inOther = consentLanguages.some((l) => settings[otherList(list)][l].some((k) => fold(k) === fold(keyword)));
    if (inOther) {
      setClash(keyword);
      return;
    }
    setClash(null);
    setDraft("");
    if (keywords.some((k) => fold(k) === fold(keyword))) return;
    onChange([...keywords, keyword]);
  };
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key !== "Enter" || event.nativeEvent.isComposing) return;
    event.preventDefault();
    add();
  };

  return (
    <div className="space-y-1">
      <p className="text-sm font-medium">{languageName}</p>
      {keywords.length ? (
        <ul aria-label={t("consent.admin.keywords", { list: listName, language: languageName })} className="flex flex-wrap gap-1">
          {keywords.map((keyword) => (
            <li
              key={keyword}
              className="inline-flex items-center gap-0.5 rounded-full bg-slate-100 py-0.5 pr-0.5 pl-2 text-xs font-medium text-slate-700 dark:bg-slate-800 dark:text-slate-200"
            >
              {keyword}
              <button
                type="button"
                aria-label={t("consent.admin.keyword.remove", { keyword })}
                title={t("consent.admin.keyword.remove", { keyword })}
                onClick={() => onChange(keywords.filter((k) => k !== keyword))}
                className="inline-flex size-5 items-center justify-center rounded-full hover:bg-slate-200 dark:hover:bg-slate-700"
              >
                <span aria-hidden="true">×</span>
              </button>
            </li>
          ))}
        </ul>
      ) : (
        <p className="text-sm text-slate-600 dark:text-slate-400">{t("consent.admin.keywords.empty")}</p>
      )}
      <div className="flex max-w-sm items-center gap-1">
        <label htmlFor={inputId} className="sr-only">
          {newLabel}
        </label>
        <input
          id={inputId}
          value={draft}
          maxLength={KEYWORD_MAX_LENGTH}
          placeholder={t("consent.admin.keyword.placeholder")}
          onChange={(event) => setDraft(event.target.value)}
          onKeyDown={onKeyDown}
          className="block h-8 w-full min-w-0 rounded-md border border-slate-300 bg-white px-2 text-sm text-slate-900 placeholder:text-slate-500 dark:border-slate-700 dark:bg-slate-950 dark:text-slate-100"
        />
        <IconButton icon="plus" label={addLabel} onClick={add} disabled={!draft.trim()} />
      </div>
      {clash ? (
        <p role="alert" className="text-xs text-red-700 dark:text-red-400">
          {t("consent.admin.keyword.in-other-list", { keyword: clash })}
        </p>
      ) : null}
    </div>
  );
}

function SettingsForm({ saved }: { saved: ConsentSettings }) {
  const t = useT();
  const errorText = useErrorText();
  const update = useUpdateConsentSettings();
  const enabledId = useId();
  const enabledHintId = useId();
  const languageId = useId();
  const languageHintId = useId();
  const [draft, setDraft] = useState(saved);
  const change = (patch: Partial<ConsentSettings>) => {
    update.reset();
    setDraft((current) => ({ ...current, ...patch }));
  };
  const setKeywords = (list: ListName, language: ConsentLanguage, keywords: string[]) =>
    change({ [list]: { ...draft[list], [language]: keywords } });
  const setReply = (which: "optOutReply" | "optInReply", language: ConsentLanguage, value: string) =>
    change({ [which]: { ...draft[which], [language]: value } });
  const missingReply = consentLanguages.some((l) => !draft.optOutReply[l].trim());

  return (
    <form
      className="space-y-6"
      onSubmit={(event) => {
        event.preventDefault();
        update.mutate(draft, { onSuccess: (answer) => setDraft(answer) });
      }}
    >
      <div className="flex items-start gap-2">
        <input
          id={enabledId}
          type="checkbox"
          className="mt-1"
          aria-describedby={enabledHintId}
          checked={draft.enabled}
          onChange={(event) => change({ enabled: event.target.checked })}
        />
        <div>
          <label htmlFor={enabledId} className="font-medium">
            {t("consent.admin.enabled")}
          </label>
          <p id={enabledHintId} className="text-xs text-slate-600 dark:text-slate-400">
            {t("consent.admin.enabled-hint")}
          </p>
        </div>
      </div>

      <div className="max-w-sm space-y-1">
        <label htmlFor={languageId} className="block text-sm font-medium text-slate-700 dark:text-slate-300">
          {t("consent.admin.default-language")}
        </label>
        <select
          id={languageId}
          aria-describedby={languageHintId}
          value={draft.defaultLanguage}
          onChange={(event) => change({ defaultLanguage: event.target.value as ConsentLanguage })}
          className="block h-10 w-full rounded-lg border border-slate-300 bg-white px-3 text-sm dark:border-slate-700 dark:bg-slate-950"
        >
          {consentLanguages.map((language) => (
            <option key={language} value={language}>
              {t(languageLabel[language])}
            </option>
          ))}
        </select>
        <p id={languageHintId} className="text-xs text-slate-600 dark:text-slate-400">
          {t("consent.admin.default-language-hint")}
        </p>
      </div>

      {(["optOutKeywords", "optInKeywords"] as const).map((list) => (
        <fieldset key={list} className="space-y-3 rounded-lg border border-slate-200 p-4 dark:border-slate-800">
          <legend className="px-1 font-semibold">
            {t(list === "optOutKeywords" ? "consent.admin.opt-out.title" : "consent.admin.opt-in.title")}
          </legend>
          {consentLanguages.map((language) => (
            <KeywordChips
              key={language}
              settings={draft}
              list={list}
              language={language}
              onChange={(keywords) => setKeywords(list, language, keywords)}
            />
          ))}
        </fieldset>
      ))}

      <fieldset className="space-y-3 rounded-lg border border-slate-200 p-4 dark:border-slate-800">
        <legend className="px-1 font-semibold">{t("consent.admin.replies.title")}</legend>
        {consentLanguages.map((language) => {
          const languageName = t(languageLabel[language]);
          return (
            <div key={language} className="grid gap-3 md:grid-cols-2">
              <TextAreaField
                label={t("consent.admin.reply.opt-out", { language: languageName })}
                value={draft.optOutReply[language]}
                required
                maxLength={REPLY_MAX_LENGTH}
                onChange={(event) => setReply("optOutReply", language, event.target.value)}
              />
              <TextAreaField
                label={t("consent.admin.reply.opt-in", { language: languageName })}
                value={draft.optInReply[language]}
                maxLength={REPLY_MAX_LENGTH}
                onChange={(event) => setReply("optInReply", language, event.target.value)}
              />
            </div>
          );
        })}
      </fieldset>

      {update.isError ? (
        <p role="alert" className="text-sm text-red-700 dark:text-red-400">
          {errorText(update.error)}
        </p>
      ) : null}
      <div className="flex items-center gap-3">
        <Button type="submit" variant="primary" disabled={update.isPending || missingReply}>
          {update.isPending ? t("consent.admin.saving") : t("consent.admin.save")}
        </Button>
        <p role="status" className="text-sm text-slate-600 dark:text-slate-400">
          {update.isSuccess ? t("consent.admin.saved") : ""}
        </p>
      </div>
    </form>
  );
}

/** Admin → Privacy and consent: the opt-out/opt-in keywords, their confirmation replies and the on/off switch. */
export function ConsentAdmin() {
  const t = useT();
  const errorText = useErrorText();
  const settings = useConsentSettings();
  return (
    <div className="mx-auto max-w-5xl space-y-6 p-4 md:p-6">
      <header className="space-y-1">
        <h2 className="text-xl font-semibold">{t("consent.admin.title")}</h2>
        <p className="text-sm text-slate-600 dark:text-slate-400">{t("consent.admin.intro")}</p>
      </header>
      {settings.isPending ? <p className="text-sm">{t("consent.admin.loading")}</p> : null}
      {settings.isError ? (
        <p role="alert" className="text-sm text-red-700 dark:text-red-400">
          {t("consent.admin.error", { reason: errorText(settings.error) })}
        </p>
      ) : null}
      {settings.data ? <SettingsForm saved={settings.data} /> : null}
    </div>
  );
}
