import { index, pgTable, text, uuid } from "drizzle-orm/pg-core";
import { workspaces } from "./workspaces.ts";

/**
 * The e-mail domains whose users sign in through a workspace's identity provider. A domain belongs to one workspace at
 * most (the primary key), so `POST /api/v1/auth/sso/discover` knows where an e-mail goes.
 */
export const ssoDomains = pgTable(
  "sso_domains",
  {
    /** Lower-cased, without `@`: `example.com`. */
    domain: text("domain").primaryKey(),
    workspaceId: uuid("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
  },
  (t) => [index("sso_domains_workspace_idx").on(t.workspaceId)],
);
