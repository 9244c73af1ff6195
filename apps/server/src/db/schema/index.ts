export * from "./channels.ts";
export * from "./contacts.ts";
export * from "./conversations.ts";
export * from "./media.ts";
export * from "./messages.ts";
export * from "./users.ts";
export * from "./webhook-events.ts";
export * from "./workspaces.ts";
