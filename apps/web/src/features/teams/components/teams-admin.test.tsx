import { fireEvent, screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import type { Page, User } from "../../../lib/api-types.ts";
import { buildLogin, buildUser } from "../../../testing/data-generators.ts";
import { apiError, type FakeCall, type FakeRoute, json } from "../../../testing/fake-fetch.ts";
import { renderApp } from "../../../testing/test-utils.tsx";
import type { Team } from "../api/teams.ts";
import { TeamsAdmin } from "./teams-admin.tsx";

const ana = buildUser({ id: "00000000-0000-4000-a000-00000000000a", name: "Ana Lima", email: "ana@papo.test", role: "agent" });
const bruno = buildUser({ id: "00000000-0000-4000-a000-00000000000b", name: "Bruno Reis", email: "bruno@papo.test", role: "agent" });
const vendas: Team = {
  id: "00000000-0000-4000-b000-000000000001",
  name: "Vendas",
  memberIds: [ana.id],
  createdAt: "2026-01-01T00:00:00.000Z",
};

/** A fake of the teams API over an in-memory list, so writes show in the next list. */
function fakeServer({ onCreate }: { onCreate?: (call: FakeCall) => Response } = {}) {
  const rows: Team[] = [vendas];
  const byId = /^\/api\/v1\/teams\/([^/]+)$/;
  let sequence = 1;
  const routes: FakeRoute[] = [
    { path: "/api/v1/users", respond: () => json({ data: [ana, bruno], nextCursor: null } satisfies Page<User>) },
    { path: "/api/v1/teams", respond: () => json([...rows].sort((a, b) => a.name.localeCompare(b.name))) },
    {
      method: "POST",
      path: "/api/v1/teams",
      respond: (call) => {
        if (onCreate) return onCreate(call);
        sequence += 1;
        const body = call.body as { name: string; memberIds: string[] };
        const created: Team = { id: `00000000-0000-4000-b000-00000000000${sequence}`, createdAt: "2026-01-02T00:00:00.000Z", ...body };
        rows.push(created);
        return json(created, 201);
      },
    },
    {
      method: "PATCH",
      path: byId,
      respond: (call) => {
        const index = rows.findIndex((r) => r.id === byId.exec(call.path)?.[1]);
        const updated = { ...(rows[index] as Team), ...(call.body as Partial<Team>) };
        rows[index] = updated;
        return json(updated);
      },
    },
    {
      method: "DELETE",
      path: byId,
      respond: (call) => {
        rows.splice(
          rows.findIndex((r) => r.id === byId.exec(call.path)?.[1]),
          1,
        );
        return new Response(null, { status: 204 });
      },
    },
  ];
  return { rows, routes };
}

function renderPage(routes: FakeRoute[], role: "admin" | "supervisor" = "admin") {
  return renderApp(<TeamsAdmin />, { login: buildLogin({ user: buildUser({ role }) }), routes });
}

const teamRows = async () =>
  within(await screen.findByRole("list", { name: "Teams" }))
    .getAllByRole("listitem")
    .map((item) => item.textContent);

describe("TeamsAdmin", () => {
  it("lists the teams with their members' names", async () => {
    renderPage(fakeServer().routes);
    await waitFor(async () => expect(await teamRows()).toEqual(["Vendas1 members: Ana LimaEditDelete"]));
  });

  it("when the admin creates a team with members, it is sent and listed", async () => {
    const { routes } = fakeServer();
    const { fetch } = renderPage(routes);
    fireEvent.click(await screen.findByRole("button", { name: "New team" }));
    const dialog = within(screen.getByRole("dialog", { name: "New team" }));
    fireEvent.change(dialog.getByLabelText("Name"), { target: { value: "  Suporte " } });
    fireEvent.click(dialog.getByLabelText("Ana Lima"));
    fireEvent.click(dialog.getByLabelText("Bruno Reis"));
    fireEvent.click(dialog.getByRole("button", { name: "Save" }));

    await waitFor(() => expect(screen.queryByRole("dialog")).toBeNull());
    expect(fetch.calls.find((c) => c.method === "POST")?.body).toEqual({ name: "Suporte", memberIds: [ana.id, bruno.id] });
    await waitFor(async () =>
      expect(await teamRows()).toEqual(["Suporte2 members: Ana Lima, Bruno ReisEditDelete", "Vendas1 members: Ana LimaEditDelete"]),
    );
  });

  it("when the name is taken, the dialog stays open with the reason", async () => {
    const { routes } = fakeServer({ onCreate: () => apiError(409, "teams.name_taken", "name: another team already has this name") });
    renderPage(routes);
    fireEvent.click(await screen.findByRole("button", { name: "New team" }));
    const dialog = within(screen.getByRole("dialog", { name: "New team" }));
    fireEvent.change(dialog.getByLabelText("Name"), { target: { value: "Vendas" } });
    fireEvent.click(dialog.getByRole("button", { name: "Save" }));
    expect((await dialog.findByRole("alert")).textContent).toBe("Another team already has this name.");
    expect(screen.getByRole("dialog")).toBeTruthy();
  });

  it("when the admin renames and changes members, the PATCH replaces the member list", async () => {
    const { routes, rows } = fakeServer();
    const { fetch } = renderPage(routes);
    fireEvent.click(await screen.findByRole("button", { name: "Edit the team Vendas" }));
    const dialog = within(screen.getByRole("dialog", { name: "Edit Vendas" }));
    expect(dialog.getByLabelText<HTMLInputElement>("Ana Lima").checked).toBe(true);
    fireEvent.change(dialog.getByLabelText("Name"), { target: { value: "Vendas B2B" } });
    fireEvent.click(dialog.getByLabelText("Ana Lima"));
    fireEvent.click(dialog.getByLabelText("Bruno Reis"));
    fireEvent.click(dialog.getByRole("button", { name: "Save" }));

    await waitFor(() => expect(screen.queryByRole("dialog")).toBeNull());
    const patch = fetch.calls.find((c) => c.method === "PATCH");
    expect([patch?.path, patch?.body]).toEqual([`/api/v1/teams/${vendas.id}`, { name: "Vendas B2B", memberIds: [bruno.id] }]);
    expect(rows[0]).toMatchObject({ name: "Vendas B2B", memberIds: [bruno.id] });
  });

  it("when the admin confirms a delete, the team leaves the list", async () => {
    const { routes } = fakeServer();
    const { fetch } = renderPage(routes);
    fireEvent.click(await screen.findByRole("button", { name: "Delete the team Vendas" }));
    const dialog = within(screen.getByRole("dialog", { name: "Delete Vendas?" }));
    fireEvent.click(dialog.getByRole("button", { name: "Delete team" }));
    expect(await screen.findByText("No teams yet.")).toBeTruthy();
    expect(fetch.calls.find((c) => c.method === "DELETE")?.path).toBe(`/api/v1/teams/${vendas.id}`);
  });

  it("a supervisor reads the teams without write buttons", async () => {
    renderPage(fakeServer().routes, "supervisor");
    await waitFor(async () => expect(await teamRows()).toEqual(["Vendas1 members: Ana Lima"]));
    expect(screen.queryByRole("button", { name: "New team" })).toBeNull();
    expect(screen.getByText("Only administrators can change teams.")).toBeTruthy();
  });
});
