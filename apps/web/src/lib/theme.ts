import type { KeyValueStore } from "./key-value-store.ts";
import { createPreference, type Preference } from "./preference.ts";

export type Theme = "light" | "dark";

/** The persisted theme; the first visit follows the system's preference. */
export function createThemePreference(store: KeyValueStore): Preference<Theme> {
  return createPreference<Theme>({
    store,
    key: "papo.theme",
    parse: (raw) => (raw === "light" || raw === "dark" ? raw : undefined),
    fallback: () => (typeof window !== "undefined" && window.matchMedia?.("(prefers-color-scheme: dark)").matches ? "dark" : "light"),
  });
}

/** Tailwind's `dark:` variant keys on this class (see index.css). */
export function applyTheme(theme: Theme, root: HTMLElement = document.documentElement): void {
  root.classList.toggle("dark", theme === "dark");
  root.style.colorScheme = theme;
}
