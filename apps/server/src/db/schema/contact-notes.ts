import { index, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { contacts } from "./contacts.ts";
import { users } from "./users.ts";
import { workspaces } from "./workspaces.ts";

/**
 * An agent's internal note about a contact (never sent to the customer). The body is content and is stored
 * encrypted with AAD `contact_notes:body:<id>`; the author stays null once their user is deleted.
 */
export const contactNotes = pgTable(
  "contact_notes",
  {
    id: uuid("id").primaryKey(),
    workspaceId: uuid("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    contactId: uuid("contact_id")
      .notNull()
      .references(() => contacts.id, { onDelete: "cascade" }),
    authorUserId: uuid("author_user_id").references(() => users.id, { onDelete: "set null" }),
    bodyEnc: text("body_enc").notNull(),
    // Milliseconds, like the JavaScript Date a page cursor carries: with microseconds, rows within the cursor's
    // millisecond would fall between pages.
    createdAt: timestamp("created_at", { withTimezone: true, precision: 3 }).notNull().defaultNow(),
  },
  (t) => [
    // The contact panel's list: a contact's notes, newest first, a page at a time.
    index("contact_notes_contact_idx").on(t.workspaceId, t.contactId, t.createdAt),
  ],
);

export type ContactNoteRow = typeof contactNotes.$inferSelect;
