import type { Contact } from "./api-types.ts";

/** The best name a contact has: their name, else their phone, else their username; null when there is none. */
export function contactName(contact: Contact | null | undefined): string | null {
  return contact?.name?.trim() || contact?.phone || contact?.username || contact?.waId || null;
}

/** One or two letters for an avatar. */
export function contactInitials(contact: Contact | null | undefined): string {
  const name = contact?.name?.trim();
  if (!name) return "#";
  const words = name.split(/\s+/).filter(Boolean);
  return words
    .slice(0, 2)
    .map((word) => Array.from(word)[0]?.toLocaleUpperCase() ?? "")
    .join("");
}
