import { fireEvent, screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import type { User } from "../../../lib/api-types.ts";
import { buildLogin, buildUser } from "../../../testing/data-generators.ts";
import { apiError, type FakeCall, json } from "../../../testing/fake-fetch.ts";
import { renderApp } from "../../../testing/test-utils.tsx";
import { UsersAdmin } from "./users-admin.tsx";

const person = (overrides: Partial<User>): User => buildUser({ active: true, ...overrides });

const admin = person({ name: "Ana Admin", email: "ana@papo.test", role: "admin" });
const bia = person({ name: "Bia Agente", email: "bia@papo.test", role: "agent" });
const caio = person({ name: "Caio Antigo", email: "caio@papo.test", role: "supervisor", active: false });

/** A fake users API that keeps what is created or changed, like the server. */
function usersApi(initial: User[]) {
  const users = initial.map((u) => ({ ...u }));
  return [
    { path: "/api/v1/users", respond: () => json({ data: [...users].sort((a, b) => a.name.localeCompare(b.name)), nextCursor: null }) },
    {
      method: "POST",
      path: "/api/v1/users",
      respond: (call: FakeCall) => {
        const body = call.body as { name: string; email: string; role: string };
        const user = person({ name: body.name, email: body.email, role: body.role, workspaceId: admin.workspaceId });
        users.push(user);
        return json(user, 201);
      },
    },
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

const asAdmin = buildLogin({ user: admin });

describe("UsersAdmin", () => {
  it("when the page opens, it lists every user with e-mail, role and an active or deactivated badge", async () => {
    renderApp(<UsersAdmin />, { login: asAdmin, routes: usersApi([admin, bia, caio]) });

    const row = (await screen.findByRole("rowheader", { name: "Bia Agente" })).closest("tr") as HTMLElement;
    expect(within(row).getByText("bia@papo.test")).toBeTruthy();
    expect(within(row).getByText("Agent")).toBeTruthy();
    expect(within(row).getByText("Active")).toBeTruthy();
    const caioRow = screen.getByRole("rowheader", { name: "Caio Antigo" }).closest("tr") as HTMLElement;
    expect(within(caioRow).getByText("Supervisor")).toBeTruthy();
    expect(within(caioRow).getByText("Deactivated")).toBeTruthy();
    expect(within(caioRow).getByRole("button", { name: "Reactivate Caio Antigo" })).toBeTruthy();
    // An administrator cannot deactivate themselves: no such button on their own row.
    const ownRow = screen.getByRole("rowheader", { name: /Ana Admin/ }).closest("tr") as HTMLElement;
    expect(within(ownRow).queryByRole("button", { name: /Deactivate/ })).toBeNull();
  });

  it("when an admin creates a user, the form sends it and the new user appears in the list", async () => {
    const { fetch } = renderApp(<UsersAdmin />, { login: asAdmin, routes: usersApi([admin, bia]) });
    fireEvent.click(await screen.findByRole("button", { name: "New user" }));

    const dialog = screen.getByRole("dialog", { name: "New user" });
    expect(within(dialog).getByText(/At least 12 characters/)).toBeTruthy();
    fireEvent.change(within(dialog).getByLabelText("Name"), { target: { value: " Davi Novo " } });
    fireEvent.change(within(dialog).getByLabelText("E-mail"), { target: { value: "davi@papo.test" } });
    fireEvent.change(within(dialog).getByLabelText("Role"), { target: { value: "supervisor" } });
    fireEvent.change(within(dialog).getByLabelText("Password"), { target: { value: "uma-senha-bem-forte" } });
    fireEvent.click(within(dialog).getByRole("button", { name: "Create user" }));

    expect(await screen.findByRole("rowheader", { name: "Davi Novo" })).toBeTruthy();
    expect(screen.queryByRole("dialog")).toBeNull();
    expect(screen.getByRole("status").textContent).toBe("User Davi Novo created.");
    expect(fetch.calls.find((c) => c.method === "POST")?.body).toEqual({
      name: "Davi Novo",
      email: "davi@papo.test",
      role: "supervisor",
      password: "uma-senha-bem-forte",
    });
  });

  it("when the password is too short, the dialog says so without calling the server", async () => {
    const { fetch } = renderApp(<UsersAdmin />, { login: asAdmin, routes: usersApi([admin]) });
    fireEvent.click(await screen.findByRole("button", { name: "New user" }));
    const dialog = screen.getByRole("dialog");
    fireEvent.change(within(dialog).getByLabelText("Name"), { target: { value: "Curta" } });
    fireEvent.change(within(dialog).getByLabelText("E-mail"), { target: { value: "curta@papo.test" } });
    fireEvent.change(within(dialog).getByLabelText("Password"), { target: { value: "curtinha" } });
    fireEvent.click(within(dialog).getByRole("button", { name: "Create user" }));

    expect(within(dialog).getByRole("alert").textContent).toBe(
      "The password must have at least 12 characters, not be a common password and not contain your name or e-mail.",
    );
    expect(within(dialog).getByLabelText("Password").getAttribute("aria-invalid")).toBe("true");
    expect(fetch.calls.some((c) => c.method === "POST")).toBe(false);
  });

  it("when the server answers 409 users.email_taken, the dialog stays open with the message", async () => {
    renderApp(<UsersAdmin />, {
      login: asAdmin,
      routes: [
        { method: "POST", path: "/api/v1/users", respond: () => apiError(409, "users.email_taken", "email: taken") },
        ...usersApi([admin, bia]),
      ],
    });
    fireEvent.click(await screen.findByRole("button", { name: "New user" }));
    const dialog = screen.getByRole("dialog");
    fireEvent.change(within(dialog).getByLabelText("Name"), { target: { value: "Outra Bia" } });
    fireEvent.change(within(dialog).getByLabelText("E-mail"), { target: { value: "bia@papo.test" } });
    fireEvent.change(within(dialog).getByLabelText("Password"), { target: { value: "uma-senha-bem-forte" } });
    fireEvent.click(within(dialog).getByRole("button", { name: "Create user" }));

    expect((await within(dialog).findByRole("alert")).textContent).toBe("A user with this e-mail already exists.");
    expect(within(dialog).getByLabelText("E-mail").getAttribute("aria-invalid")).toBe("true");
    expect(screen.getByRole("dialog")).toBe(dialog);
  });

  it("when an admin deactivates a user, it asks for confirmation first and then sends active:false", async () => {
    const { fetch } = renderApp(<UsersAdmin />, { login: asAdmin, routes: usersApi([admin, bia]) });
    fireEvent.click(await screen.findByRole("button", { name: "Deactivate Bia Agente" }));

    const dialog = screen.getByRole("dialog", { name: "Deactivate Bia Agente?" });
    expect(fetch.calls.some((c) => c.method === "PATCH")).toBe(false);
    fireEvent.click(within(dialog).getByRole("button", { name: "Deactivate" }));

    await waitFor(() => expect(screen.queryByRole("dialog")).toBeNull());
    const patch = fetch.calls.find((c) => c.method === "PATCH");
    expect(patch?.path).toBe(`/api/v1/users/${bia.id}`);
    expect(patch?.body).toEqual({ active: false });
    const row = screen.getByRole("rowheader", { name: "Bia Agente" }).closest("tr") as HTMLElement;
    expect(await within(row).findByText("Deactivated")).toBeTruthy();
  });

  it("when the confirmation is cancelled, nothing is sent", async () => {
    const { fetch } = renderApp(<UsersAdmin />, { login: asAdmin, routes: usersApi([admin, bia]) });
    fireEvent.click(await screen.findByRole("button", { name: "Deactivate Bia Agente" }));
    fireEvent.click(within(screen.getByRole("dialog")).getByRole("button", { name: "Cancel" }));
    expect(screen.queryByRole("dialog")).toBeNull();
    expect(fetch.calls.some((c) => c.method === "PATCH")).toBe(false);
  });

  it("when an admin edits a user's role and name, only the changed fields are sent", async () => {
    const { fetch } = renderApp(<UsersAdmin />, { login: asAdmin, routes: usersApi([admin, bia]) });
    fireEvent.click(await screen.findByRole("button", { name: "Edit Bia Agente" }));
    const dialog = screen.getByRole("dialog", { name: "Edit Bia Agente" });
    fireEvent.change(within(dialog).getByLabelText("Role"), { target: { value: "supervisor" } });
    fireEvent.click(within(dialog).getByRole("button", { name: "Save" }));

    await waitFor(() => expect(screen.queryByRole("dialog")).toBeNull());
    expect(fetch.calls.find((c) => c.method === "PATCH")?.body).toEqual({ role: "supervisor" });
    const row = screen.getByRole("rowheader", { name: "Bia Agente" }).closest("tr") as HTMLElement;
    expect(await within(row).findByText("Supervisor")).toBeTruthy();
  });

  it("when the server refuses a change with users.last_admin, the message is shown in the dialog", async () => {
    const other = person({ name: "Beto Admin", role: "admin" });
    renderApp(<UsersAdmin />, {
      login: asAdmin,
      routes: [
        { method: "PATCH", path: /^\/api\/v1\/users\//, respond: () => apiError(409, "users.last_admin") },
        ...usersApi([admin, other]),
      ],
    });
    fireEvent.click(await screen.findByRole("button", { name: "Deactivate Beto Admin" }));
    const dialog = screen.getByRole("dialog");
    fireEvent.click(within(dialog).getByRole("button", { name: "Deactivate" }));
    expect((await within(dialog).findByRole("alert")).textContent).toBe("The workspace must keep at least one active administrator.");
  });

  it("when an admin resets a password, the new password is sent", async () => {
    const { fetch } = renderApp(<UsersAdmin />, { login: asAdmin, routes: usersApi([admin, bia]) });
    fireEvent.click(await screen.findByRole("button", { name: "Reset the password of Bia Agente" }));
    const dialog = screen.getByRole("dialog", { name: "New password for Bia Agente" });
    fireEvent.change(within(dialog).getByLabelText("New password"), { target: { value: "outra-senha-bem-forte" } });
    fireEvent.click(within(dialog).getByRole("button", { name: "Reset password" }));

    await waitFor(() => expect(screen.queryByRole("dialog")).toBeNull());
    expect(fetch.calls.find((c) => c.method === "PATCH")?.body).toEqual({ password: "outra-senha-bem-forte" });
  });

  it("when a supervisor opens the page, they see the list without any button that changes users", async () => {
    const supervisor = person({ name: "Sara Supervisora", role: "supervisor" });
    renderApp(<UsersAdmin />, { login: buildLogin({ user: supervisor }), routes: usersApi([admin, bia, supervisor]) });

    expect(await screen.findByRole("rowheader", { name: "Bia Agente" })).toBeTruthy();
    expect(screen.getByText("You can see the team; only administrators create or change users.")).toBeTruthy();
    expect(screen.queryByRole("button", { name: "New user" })).toBeNull();
    expect(screen.queryByRole("button", { name: /Edit|Deactivate|Reactivate|Reset/ })).toBeNull();
  });
});
