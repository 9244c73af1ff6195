import { fireEvent, screen, waitFor, within } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Page, User } from "../../../lib/api-types.ts";
import { buildLogin, buildUser, uuid } from "../../../testing/data-generators.ts";
import { apiError, type FakeCall, type FakeRoute, json } from "../../../testing/fake-fetch.ts";
import { renderApp } from "../../../testing/test-utils.tsx";
import type { AuditEvent, ChainCheck } from "../api/types.ts";
import { AuditAdmin } from "./audit-admin.tsx";

const ana = buildUser({ name: "Ana Agente", role: "agent" });
const bia = buildUser({ name: "Bia Admin", role: "admin" });
const contactId = uuid();

let seq = 0;
function buildEvent(overrides: Partial<AuditEvent> = {}): AuditEvent {
  seq += 1;
  return {
    seq,
    at: "2026-03-02T14:05:00.000Z",
    actor: { type: "user", id: ana.id },
    action: "contact.viewed",
    target: { type: "contact", id: contactId },
    details: { route: "contact" },
    personal: null,
    ip: "203.0.113.9",
    prevHash: "0".repeat(64),
    hash: "a".repeat(64),
    ...overrides,
  };
}

const viewed = buildEvent();
const assigned = buildEvent({
  actor: { type: "user", id: bia.id },
  action: "conversation.assigned",
  target: { type: "conversation", id: uuid() },
  details: { from: null, to: ana.id },
});
const failedLogin = buildEvent({
  actor: { type: "anonymous", id: null },
  action: "auth.login.failed",
  target: null,
  details: {},
  personal: { email: "quem@exemplo.com" },
});
const booted = buildEvent({ actor: { type: "system", id: "boot" }, action: "channel.created", target: { type: "channel", id: uuid() } });

const intact: ChainCheck = { ok: true, checked: 4, lastSeq: 4, lastHash: "b".repeat(64) };

function routes({
  pages = [[failedLogin, assigned, viewed, booted]],
  chain = () => json(intact),
  exportFile = () => new Response("seq,at\r\n", { headers: { "content-type": "text/csv" } }),
}: {
  pages?: AuditEvent[][];
  chain?: () => Response;
  exportFile?: (call: FakeCall) => Response;
} = {}): FakeRoute[] {
  return [
    {
      path: "/api/v1/audit-events",
      respond: (call) => {
        const index = Number(call.query.get("cursor") ?? 0);
        const data = pages[index] ?? [];
        return json({ data, nextCursor: index + 1 < pages.length ? String(index + 1) : null } satisfies Page<AuditEvent>);
      },
    },
    { path: "/api/v1/audit-events/verify", respond: chain },
    { path: "/api/v1/audit-events/export", respond: exportFile },
    { path: "/api/v1/users", respond: () => json({ data: [ana, bia], nextCursor: null } satisfies Page<User>) },
  ];
}

const renderPage = (fakeRoutes: FakeRoute[]) => renderApp(<AuditAdmin />, { login: buildLogin({ user: bia }), routes: fakeRoutes });
const table = () => screen.findByRole("table", { name: "Audit records" });
const rowOf = (seqNumber: number) => {
  const cell = within(screen.getByRole("table", { name: "Audit records" })).getByRole("cell", { name: String(seqNumber) });
  return cell.closest("tr") as HTMLElement;
};
const listCalls = (calls: FakeCall[]) => calls.filter((c) => c.path === "/api/v1/audit-events");

describe("audit log page", () => {
  it("when the page opens, the records show who did what to what, with names, labels, details and the address", async () => {
    renderPage(routes());
    await table();

    const view = rowOf(viewed.seq);
    expect(within(view).getByText("Ana Agente")).toBeTruthy();
    expect(within(view).getByText("Contact's data viewed")).toBeTruthy();
    expect(within(view).getByText("contact.viewed")).toBeTruthy();
    expect(within(view).getByText("Contact")).toBeTruthy();
    expect(within(view).getByText(contactId)).toBeTruthy();
    expect(within(view).getByText("203.0.113.9")).toBeTruthy();

    // A user's id in the details reads as their name.
    const assignment = rowOf(assigned.seq);
    expect(within(assignment).getByText("Bia Admin")).toBeTruthy();
    expect(within(assignment).getByText("Conversation assigned")).toBeTruthy();
    expect(within(assignment).getByText("to").nextSibling?.textContent).toBe("Ana Agente");

    const login = rowOf(failedLogin.seq);
    expect(within(login).getByText("Anonymous")).toBeTruthy();
    expect(within(login).getByText("Personal data (stored encrypted)")).toBeTruthy();
    expect(within(login).getByText("quem@exemplo.com")).toBeTruthy();
    expect(within(rowOf(booted.seq)).getByText("Papo (boot)")).toBeTruthy();
  });

  it("when the chain is intact, the page says up to which record it was verified; Verify again asks the server again", async () => {
    const { fetch } = renderPage(routes());
    expect(await screen.findByText("Chain intact: verified up to record #4.")).toBeTruthy();
    const verifications = () => fetch.calls.filter((c) => c.path === "/api/v1/audit-events/verify").length;
    expect(verifications()).toBe(1);

    fireEvent.click(screen.getByRole("button", { name: "Verify again" }));
    await waitFor(() => expect(verifications()).toBe(2));
  });

  it("when the chain is broken, the page names the first broken record, why, and up to where the log is intact", async () => {
    renderPage(
      routes({
        chain: () =>
          json({ ok: false, checked: 6, lastSeq: 6, lastHash: "c".repeat(64), firstBroken: { seq: 7, reason: "hash_mismatch" } }),
      }),
    );
    const status = await screen.findByText("Chain broken at record #7: the record's content was changed.");
    expect(status.closest("[role=status]")?.textContent).toContain("Records up to #6 are intact.");
  });

  it("when filters are applied, the list is asked for that action, person, target and period", async () => {
    const { fetch } = renderPage(routes());
    await table();
    const form = screen.getByRole("form", { name: "Audit log filters" });

    fireEvent.change(within(form).getByLabelText("Action"), { target: { value: "contact.viewed" } });
    fireEvent.change(within(form).getByLabelText("Who"), { target: { value: ana.id } });
    fireEvent.change(within(form).getByLabelText("About"), { target: { value: "contact" } });
    fireEvent.change(within(form).getByLabelText("Target ID"), { target: { value: ` ${contactId} ` } });
    fireEvent.change(within(form).getByLabelText("From"), { target: { value: "2026-03-01T08:00" } });
    fireEvent.click(within(form).getByRole("button", { name: "Filter" }));

    await waitFor(() => expect(listCalls(fetch.calls)).toHaveLength(2));
    const query = Object.fromEntries(listCalls(fetch.calls)[1]?.query ?? []);
    expect(query).toEqual({
      action: "contact.viewed",
      actor: ana.id,
      targetType: "contact",
      targetId: contactId,
      from: new Date("2026-03-01T08:00").toISOString(),
      limit: "50",
    });

    fireEvent.click(within(form).getByRole("button", { name: "Clear filters" }));
    await waitFor(() => expect(Object.fromEntries(listCalls(fetch.calls).at(-1)?.query ?? [])).toEqual({ limit: "50" }));
    expect((within(form).getByLabelText("Target ID") as HTMLInputElement).value).toBe("");
  });

  it("when there are more records, Load more appends the next page", async () => {
    const older = buildEvent({ action: "settings.changed", target: { type: "canned_response", id: uuid() } });
    const { fetch } = renderPage(routes({ pages: [[viewed], [older]] }));
    await table();
    expect(screen.queryByText("Setting changed")).toBeNull();

    fireEvent.click(screen.getByRole("button", { name: "Load more" }));
    expect(await screen.findByText("Setting changed")).toBeTruthy();
    expect(screen.getByText("Contact's data viewed")).toBeTruthy();
    expect(listCalls(fetch.calls).map((c) => c.query.get("cursor"))).toEqual([null, "1"]);
    expect(screen.queryByRole("button", { name: "Load more" })).toBeNull();
  });

  describe("exports", () => {
    const clicked: string[] = [];
    const original = HTMLAnchorElement.prototype.click;
    beforeEach(() => {
      clicked.length = 0;
      HTMLAnchorElement.prototype.click = function (this: HTMLAnchorElement) {
        clicked.push(this.download);
      };
    });
    afterEach(() => {
      HTMLAnchorElement.prototype.click = original;
    });

    it("when Export CSV or JSON is pressed, the file of the applied filters is fetched and saved, and the list refreshes", async () => {
      const { fetch } = renderPage(routes());
      await table();
      const form = screen.getByRole("form", { name: "Audit log filters" });
      fireEvent.change(within(form).getByLabelText("Action"), { target: { value: "auth." } });
      fireEvent.click(within(form).getByRole("button", { name: "Filter" }));
      await waitFor(() => expect(listCalls(fetch.calls)).toHaveLength(2));

      fireEvent.click(screen.getByRole("button", { name: "Export CSV" }));
      await waitFor(() => expect(clicked).toHaveLength(1));
      expect(clicked[0]).toMatch(/^papo-audit-\d{4}-\d{2}-\d{2}\.csv$/);
      fireEvent.click(screen.getByRole("button", { name: "Export JSON" }));
      await waitFor(() => expect(clicked).toHaveLength(2));
      expect(clicked[1]).toMatch(/\.json$/);

      const exports = fetch.calls.filter((c) => c.path === "/api/v1/audit-events/export").map((c) => Object.fromEntries(c.query));
      expect(exports).toEqual([
        { action: "auth.", format: "csv" },
        { action: "auth.", format: "json" },
      ]);
      // The export is itself recorded: the list is asked again.
      await waitFor(() => expect(listCalls(fetch.calls).length).toBeGreaterThanOrEqual(3));
    });

    it("when the export is refused, the reason shows and nothing is saved", async () => {
      renderPage(routes({ exportFile: () => apiError(403, "auth.forbidden") }));
      await table();
      fireEvent.click(screen.getByRole("button", { name: "Export CSV" }));
      const alert = await screen.findByRole("alert");
      expect(alert.textContent).toBe("The export failed: Your role doesn't allow this. Ask an administrator.");
      expect(clicked).toEqual([]);
    });
  });

  it("when the log cannot be read, the reason shows with a retry", async () => {
    renderPage([
      { path: "/api/v1/audit-events", respond: () => apiError(403, "auth.forbidden") },
      { path: "/api/v1/audit-events/verify", respond: () => apiError(403, "auth.forbidden") },
    ]);
    const alert = await screen.findByRole("alert");
    expect(alert.textContent).toContain("Could not load the audit log: Your role doesn't allow this. Ask an administrator.");
    expect(within(alert).getByRole("button", { name: "Try again" })).toBeTruthy();
    expect(await screen.findByText("Could not verify the chain: Your role doesn't allow this. Ask an administrator.")).toBeTruthy();
  });

  it("when there is nothing to show, the page says so", async () => {
    renderPage(routes({ pages: [[]], chain: () => json({ ok: true, checked: 0, lastSeq: 0, lastHash: "0".repeat(64) }) }));
    expect(await screen.findByText("No records match these filters.")).toBeTruthy();
    expect(screen.getByText("Chain intact: there are no records yet.")).toBeTruthy();
  });
});
