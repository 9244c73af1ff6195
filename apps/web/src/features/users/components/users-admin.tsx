import { useT } from "../../../i18n/i18n.tsx";

/** Placeholder until this admin section is built. */
export function UsersAdmin() {
  const t = useT();
  return <p className="p-6 text-sm">{t("common.loading")}</p>;
}
