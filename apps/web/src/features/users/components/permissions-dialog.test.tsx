import { fireEvent, screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { buildLogin, buildUser } from "../../../testing/data-generators.ts";
import { apiError, type FakeCall, json } from "../../../testing/fake-fetch.ts";
import { renderApp } from "../../../testing/test-utils.tsx";
import type { ManagedUser } from "../api/types.ts";
import { UsersAdmin } from "./users-admin.tsx";

const person = (overrides: Partial<ManagedUser>): ManagedUser =>
  ({ ...buildUser(), active: true, permissions: [], ...overrides }) as ManagedUser;

const admin = person({ name: "Ana Admin", email: "ana@papo.test", role: "admin" });
const bia = person({ name: "Bia Agente", email: "bia@papo.test", role: "agent" });
const sara = person({ name: "Sara Supervisora", email: "sara@papo.test", role: "supervisor" });

/** The users API as the server answers it: grants replace the previous ones. */
function usersApi(initial: ManagedUser[]) {
  const users = initial.map((u) => ({ ...u }));
  return [
    { path: "/api/v1/users", respond: () => json({ data: [...users], nextCursor: null }) },
    {
      method: "PATCH",
      path: /^\/api\/v1\/users\/[^/]+$/,
      respond: (call: FakeCall) => {
        const user = users.find((u) => call.path.endsWith(u.id));
        if (!user) return apiError(404, "users.not_found");
        Object.assign(user, call.body);
        return json(user);
      },
    },
  ];
}

const openPermissions = async (name: string) => {
  fireEvent.click(await screen.findByRole("button", { name: `Permissions of ${name}` }));
  return screen.getByRole("dialog", { name: `Permissions of ${name}` });
};

describe("PermissionsDialog", () => {
  it("when an admin grants an agent 'See every conversation', only the grants are sent and the row shows extra permissions", async () => {
    const { fetch } = renderApp(<UsersAdmin />, { login: buildLogin({ user: admin }), routes: usersApi([admin, bia]) });
    const dialog = await openPermissions("Bia Agente");

    // An agent's role includes nothing: every permission is a free choice.
    const boxes = within(dialog).getAllByRole("checkbox") as HTMLInputElement[];
    expect(boxes).toHaveLength(13);
    expect(boxes.every((box) => !box.checked && !box.disabled)).toBe(true);
    const seeAll = within(dialog).getByRole("checkbox", { name: "See every conversation" }) as HTMLInputElement;
    expect(seeAll.getAttribute("aria-describedby")).toBeTruthy();
    fireEvent.click(seeAll);
    fireEvent.click(within(dialog).getByRole("checkbox", { name: "View reports" }));
    fireEvent.click(within(dialog).getByRole("checkbox", { name: "View reports" }));
    fireEvent.click(within(dialog).getByRole("button", { name: "Save" }));

    await waitFor(() => expect(screen.queryByRole("dialog")).toBeNull());
    expect(fetch.calls.find((c) => c.method === "PATCH")?.body).toEqual({ permissions: ["conversations.see_all"] });
    expect(screen.getByRole("status").textContent).toBe("Permissions of Bia Agente saved.");
    const row = screen.getByRole("rowheader", { name: "Bia Agente" }).closest("tr") as HTMLElement;
    expect(within(row).getByText("+ extra permissions")).toBeTruthy();
  });

  it("when a supervisor's permissions open, the role's are checked and locked, and only the others can be granted", async () => {
    renderApp(<UsersAdmin />, { login: buildLogin({ user: admin }), routes: usersApi([admin, sara]) });
    const dialog = await openPermissions("Sara Supervisora");

    const seeAll = within(dialog).getByRole("checkbox", { name: "See every conversation" }) as HTMLInputElement;
    expect([seeAll.checked, seeAll.disabled]).toEqual([true, true]);
    expect(within(dialog).getAllByText(/\(included in the role\)/)).toHaveLength(8);
    const manageUsers = within(dialog).getByRole("checkbox", { name: "Manage users" }) as HTMLInputElement;
    expect([manageUsers.checked, manageUsers.disabled]).toEqual([false, false]);
    expect(within(dialog).getByText(/The Supervisor role already includes/)).toBeTruthy();
  });

  it("when the server refuses the change, the message stays in the dialog", async () => {
    const routes = [
      { method: "PATCH", path: /^\/api\/v1\/users\//, respond: () => apiError(403, "auth.forbidden") },
      ...usersApi([admin, bia]),
    ];
    renderApp(<UsersAdmin />, { login: buildLogin({ user: admin }), routes });
    const dialog = await openPermissions("Bia Agente");
    fireEvent.click(within(dialog).getByRole("checkbox", { name: "Manage users" }));
    fireEvent.click(within(dialog).getByRole("button", { name: "Save" }));
    expect(await within(dialog).findByRole("alert")).toBeTruthy();
    expect(screen.getByRole("dialog")).toBeTruthy();
  });

  it("a supervisor granted 'Manage users' gets the management buttons; without the grant, the page is read-only", async () => {
    const manager = person({ ...sara, permissions: ["users.manage"], effectivePermissions: ["users.manage", "conversations.see_all"] });
    const first = renderApp(<UsersAdmin />, { login: buildLogin({ user: manager }), routes: usersApi([admin, bia, manager]) });
    expect(await screen.findByRole("button", { name: "Permissions of Bia Agente" })).toBeTruthy();
    expect(screen.getByRole("button", { name: "New user" })).toBeTruthy();
    first.unmount();

    const plain = person({ ...sara, effectivePermissions: ["conversations.see_all"] });
    renderApp(<UsersAdmin />, { login: buildLogin({ user: plain }), routes: usersApi([admin, bia, plain]) });
    expect(await screen.findByRole("rowheader", { name: "Bia Agente" })).toBeTruthy();
    expect(screen.queryByRole("button", { name: /Permissions of|New user/ })).toBeNull();
  });
});
