import { fireEvent, screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { buildContact, buildLogin, buildUser } from "../../../testing/data-generators.ts";
import { apiError, type FakeRoute, json } from "../../../testing/fake-fetch.ts";
import { renderApp } from "../../../testing/test-utils.tsx";
import type { ErasureReport } from "../api/types.ts";
import { ContactPrivacy } from "./contact-privacy.tsx";

const contact = buildContact({ name: "Lia Souza", phone: "+55 11 91234-5678" });
const admin = buildUser({ role: "admin" });
const agent = buildUser({ role: "agent" });

function me(user: typeof admin, effectivePermissions: string[]): FakeRoute {
  return { path: "/api/v1/auth/me", respond: () => json({ ...user, effectivePermissions }) };
}

const report: ErasureReport = {
  contactId: contact.id,
  erasedAt: "2026-03-02T14:05:00.000Z",
  messages: 12,
  media: 3,
  notes: 1,
  conversationsResolved: 1,
  queuedCancelled: 0,
};

describe("ContactPrivacy", () => {
  it("when the user has neither data.export nor data.erase, the section is not shown", async () => {
    const { fetch } = renderApp(<ContactPrivacy contact={contact} />, { login: buildLogin({ user: agent }), routes: [me(agent, [])] });
    await waitFor(() => expect(fetch.calls.some((c) => c.path === "/api/v1/auth/me")).toBe(true));
    expect(screen.queryByRole("region", { name: "Personal data (LGPD)" })).toBeNull();
    expect(screen.queryByRole("button", { name: "Export data (ZIP)" })).toBeNull();
  });

  it("when the user may export only (a supervisor), the export downloads the contact's ZIP with the token and there is no erase button", async () => {
    const supervisor = buildUser({ role: "supervisor" });
    const { fetch } = renderApp(<ContactPrivacy contact={contact} />, {
      login: buildLogin({ user: supervisor, token: "sup-token" }),
      routes: [
        me(supervisor, ["data.export"]),
        {
          path: `/api/v1/contacts/${contact.id}/export`,
          respond: () => new Response("PK\u0003\u0004", { headers: { "content-type": "application/zip" } }),
        },
      ],
    });
    const section = await screen.findByRole("region", { name: "Personal data (LGPD)" });
    expect(within(section).queryByRole("button", { name: "Erase data" })).toBeNull();

    fireEvent.click(within(section).getByRole("button", { name: "Export data (ZIP)" }));

    await waitFor(() => expect(fetch.calls.some((c) => c.path === `/api/v1/contacts/${contact.id}/export`)).toBe(true));
    const call = fetch.calls.find((c) => c.path === `/api/v1/contacts/${contact.id}/export`);
    expect(call?.headers.authorization).toBe("Bearer sup-token");
    await waitFor(() => expect(within(section).getByRole("button", { name: "Export data (ZIP)" })).toHaveProperty("disabled", false));
  });

  it("when the export fails, the reason is shown", async () => {
    renderApp(<ContactPrivacy contact={contact} />, {
      login: buildLogin({ user: admin }),
      routes: [
        me(admin, ["data.export", "data.erase"]),
        { path: `/api/v1/contacts/${contact.id}/export`, respond: () => apiError(413, "privacy.export_too_large") },
      ],
    });
    fireEvent.click(await screen.findByRole("button", { name: "Export data (ZIP)" }));
    expect((await screen.findByRole("alert")).textContent).toContain("exceed the export limit");
  });

  it("when erasing, the typed confirmation is sent; a wrong one shows the server's reason and the dialog stays open", async () => {
    const sent: unknown[] = [];
    renderApp(<ContactPrivacy contact={contact} />, {
      login: buildLogin({ user: admin }),
      routes: [
        me(admin, ["data.export", "data.erase"]),
        {
          method: "POST",
          path: `/api/v1/contacts/${contact.id}/erase`,
          respond: (call) => {
            sent.push(call.body);
            return (call.body as { confirm: string }).confirm === "ERASE" ? json(report) : apiError(422, "privacy.confirmation_mismatch");
          },
        },
      ],
    });
    fireEvent.click(await screen.findByRole("button", { name: "Erase data" }));
    const dialog = screen.getByRole("dialog", { name: "Erase this contact's personal data?" });
    const submit = within(dialog).getByRole("button", { name: "Erase for good" });
    expect(submit).toHaveProperty("disabled", true);
    const field = within(dialog).getByLabelText("To confirm, type the contact's phone number or the word ERASE");

    fireEvent.change(field, { target: { value: "errado" } });
    fireEvent.click(submit);
    expect((await within(dialog).findByRole("alert")).textContent).toBe(
      "The confirmation does not match: type the contact's phone number or the word ERASE.",
    );

    fireEvent.change(field, { target: { value: " ERASE " } });
    fireEvent.click(submit);
    expect((await screen.findByRole("status")).textContent).toBe("Data erased: 12 messages and 3 files.");
    expect(screen.queryByRole("dialog")).toBeNull();
    expect(sent).toEqual([{ confirm: "errado" }, { confirm: "ERASE" }]);
    expect(screen.queryByRole("button", { name: "Erase data" })).toBeNull();
  });

  it("when the contact was already erased, it says when and offers no erasure", async () => {
    renderApp(<ContactPrivacy contact={{ ...contact, name: "Contato apagado", phone: null, erasedAt: "2026-03-02T14:05:00.000Z" }} />, {
      login: buildLogin({ user: admin }),
      routes: [me(admin, ["data.export", "data.erase"])],
    });
    const section = await screen.findByRole("region", { name: "Personal data (LGPD)" });
    expect(section.textContent).toContain("Personal data erased on");
    expect(within(section).queryByRole("button", { name: "Erase data" })).toBeNull();
    expect(within(section).getByRole("button", { name: "Export data (ZIP)" })).toBeTruthy();
  });
});
