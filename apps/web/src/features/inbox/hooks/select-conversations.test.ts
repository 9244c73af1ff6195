import { describe, expect, it } from "vitest";
import { buildContact, buildConversation } from "../../../testing/data-generators.ts";
import { matchesSearch, selectConversations, serverFilters } from "./select-conversations.ts";

const me = "user-me";

describe("selectConversations", () => {
  const mine = buildConversation({ assigneeId: me, lastActivityAt: "2026-03-02T10:00:00.000Z" });
  const theirs = buildConversation({ assigneeId: "user-other", lastActivityAt: "2026-03-02T12:00:00.000Z" });
  const nobody = buildConversation({ assigneeId: null, lastActivityAt: "2026-03-02T11:00:00.000Z" });
  const all = [mine, theirs, nobody];

  it("when the tab is All, every conversation shows, newest activity first", () => {
    expect(selectConversations(all, { tab: "all", query: "", userId: me })).toEqual([theirs, nobody, mine]);
  });

  it("when the tab is Mine, only the agent's conversations show", () => {
    expect(selectConversations(all, { tab: "mine", query: "", userId: me })).toEqual([mine]);
  });

  it("when the tab is Unassigned, only conversations without an assignee show", () => {
    expect(selectConversations(all, { tab: "unassigned", query: "", userId: me })).toEqual([nobody]);
  });

  it("when a page boundary repeats a conversation, it shows once", () => {
    expect(selectConversations([mine, mine], { tab: "all", query: "", userId: me })).toEqual([mine]);
  });

  it("when the tab is Mine, the server is asked for the agent's conversations of the chosen status", () => {
    expect(serverFilters({ tab: "mine", status: "pending", userId: me })).toEqual({ status: "pending", assigneeId: me });
    expect(serverFilters({ tab: "unassigned", status: "open", userId: me })).toEqual({ status: "open", unassigned: "true" });
    expect(serverFilters({ tab: "all", status: "open", userId: me, channelId: "ch-1" })).toEqual({ status: "open", channelId: "ch-1" });
  });
});

describe("matchesSearch", () => {
  const lia = buildConversation({ contact: buildContact({ name: "Lívia Araújo", phone: "+55 11 91234-5678" }) });

  it("when searching a name, accents and case are ignored", () => {
    expect(matchesSearch(lia, "livia araujo")).toBe(true);
    expect(matchesSearch(lia, "Marcos")).toBe(false);
  });

  it("when searching a phone, only its digits count, whatever the formatting", () => {
    expect(matchesSearch(lia, "91234-5678")).toBe(true);
    expect(matchesSearch(lia, "(11) 9123")).toBe(true);
    expect(matchesSearch(lia, "99999")).toBe(false);
  });
});
