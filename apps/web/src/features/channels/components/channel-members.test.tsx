import { fireEvent, screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { buildLogin, buildUser } from "../../../testing/data-generators.ts";
import { apiError, type FakeCall, type FakeRoute, json } from "../../../testing/fake-fetch.ts";
import { renderApp } from "../../../testing/test-utils.tsx";
import type { ChannelDetails, Person } from "../api/types.ts";
import { ChannelsAdmin } from "./channels-admin.tsx";

const sales: ChannelDetails = {
  id: "00000000-0000-4000-9000-00000000a001",
  name: "Vendas",
  phoneNumberId: "106540352240001",
  wabaId: "200000000000001",
  displayPhoneNumber: "+55 11 95555-0000",
  apiUrl: "https://graph.facebook.com",
  apiVersion: "v24.0",
  sendRatePerSecond: 80,
  sandbox: false,
  hasAccessToken: true,
  hasAppSecret: false,
  webhook: { url: "https://papo.example.com/webhook", verifyToken: "verify-1" },
  createdAt: "2026-01-10T12:00:00.000Z",
};

const ana = buildUser({ name: "Ana Admin", email: "ana@papo.test", role: "admin" });
const people: Person[] = [
  { ...ana, active: true, effectivePermissions: ["channels.manage", "conversations.see_all", "users.manage"] },
  {
    id: "00000000-0000-4000-9000-0000000b0001",
    name: "Bia Agente",
    email: "bia@papo.test",
    role: "agent",
    active: true,
    effectivePermissions: [],
  },
  {
    id: "00000000-0000-4000-9000-0000000b0002",
    name: "Caio Agente",
    email: "caio@papo.test",
    role: "agent",
    active: true,
    effectivePermissions: [],
  },
  {
    id: "00000000-0000-4000-9000-0000000b0003",
    name: "Duda Saiu",
    email: "duda@papo.test",
    role: "agent",
    active: false,
    effectivePermissions: [],
  },
];

/** The server's members of the number: PUT replaces them. */
function api(initial: string[], overrides: FakeRoute[] = []) {
  let members = [...initial];
  const routes: FakeRoute[] = [
    ...overrides,
    { path: "/api/v1/channels", respond: () => json({ data: [sales], nextCursor: null }) },
    { path: "/api/v1/users", respond: () => json({ data: people, nextCursor: null }) },
    { path: `/api/v1/channels/${sales.id}/members`, respond: () => json({ userIds: members }) },
    {
      method: "PUT",
      path: `/api/v1/channels/${sales.id}/members`,
      respond: (call: FakeCall) => {
        members = (call.body as { userIds: string[] }).userIds;
        return json({ userIds: members });
      },
    },
  ];
  return routes;
}

const section = async () => {
  const heading = await screen.findByRole("heading", { name: "Who works this number" });
  return heading.closest("section") as HTMLElement;
};

describe("channel members", () => {
  it("when an admin opens a number, its members are checked; ticking another and saving sends the whole list", async () => {
    const { fetch } = renderApp(<ChannelsAdmin />, { login: buildLogin({ user: ana }), routes: api([people[1]?.id ?? ""]) });
    const members = await section();

    const bia = (await within(members).findByRole("checkbox", { name: "Bia Agente" })) as HTMLInputElement;
    const caio = within(members).getByRole("checkbox", { name: "Caio Agente" }) as HTMLInputElement;
    expect([bia.checked, caio.checked]).toEqual([true, false]);
    // A deactivated user who is not a member is not offered; an admin who sees everything says so.
    expect(within(members).queryByRole("checkbox", { name: "Duda Saiu" })).toBeNull();
    const admin = within(members).getByRole("checkbox", { name: "Ana Admin" });
    expect(document.getElementById(admin.getAttribute("aria-describedby") ?? "")?.textContent).toBe("Already sees every conversation.");

    const save = within(members).getByRole("button", { name: "Save the number's team" }) as HTMLButtonElement;
    expect(save.disabled).toBe(true);
    fireEvent.click(caio);
    expect(save.disabled).toBe(false);
    fireEvent.click(save);

    expect(await within(members).findByText("The number's team was saved.")).toBeTruthy();
    const put = fetch.calls.find((c) => c.method === "PUT");
    expect(put?.path).toBe(`/api/v1/channels/${sales.id}/members`);
    expect(put?.body).toEqual({ userIds: [people[1]?.id, people[2]?.id] });
    await waitFor(() => expect((within(members).getByRole("checkbox", { name: "Caio Agente" }) as HTMLInputElement).checked).toBe(true));
  });

  it("when the server refuses the members, the error is shown and the choice stays", async () => {
    const refuse: FakeRoute = {
      method: "PUT",
      path: `/api/v1/channels/${sales.id}/members`,
      respond: () => apiError(400, "channels.unknown_member"),
    };
    renderApp(<ChannelsAdmin />, { login: buildLogin({ user: ana }), routes: api([], [refuse]) });
    const members = await section();
    fireEvent.click(await within(members).findByRole("checkbox", { name: "Bia Agente" }));
    fireEvent.click(within(members).getByRole("button", { name: "Save the number's team" }));
    expect((await within(members).findByRole("alert")).textContent).toBeTruthy();
    expect((within(members).getByRole("checkbox", { name: "Bia Agente" }) as HTMLInputElement).checked).toBe(true);
  });

  it("a supervisor (no channels.manage) sees no members picker and makes no members request", async () => {
    const sara = buildUser({ name: "Sara", role: "supervisor" });
    const team = [...people, { ...sara, active: true, effectivePermissions: ["conversations.see_all", "channels.check"] }];
    const routes: FakeRoute[] = [{ path: "/api/v1/users", respond: () => json({ data: team, nextCursor: null }) }, ...api([])];
    const { fetch } = renderApp(<ChannelsAdmin />, { login: buildLogin({ user: sara }), routes });
    expect(await screen.findByRole("heading", { name: "Vendas" })).toBeTruthy();
    await waitFor(() => expect(fetch.calls.some((c) => c.path === "/api/v1/users")).toBe(true));
    expect(screen.queryByRole("heading", { name: "Who works this number" })).toBeNull();
    expect(fetch.calls.some((c) => c.path.endsWith("/members"))).toBe(false);
  });

  it("someone granted channels.manage, though not an admin, gets the picker", async () => {
    const gil = buildUser({ name: "Gil", role: "agent" });
    const team = [...people, { ...gil, active: true, effectivePermissions: ["channels.manage"] }];
    const routes: FakeRoute[] = [{ path: "/api/v1/users", respond: () => json({ data: team, nextCursor: null }) }, ...api([])];
    renderApp(<ChannelsAdmin />, { login: buildLogin({ user: gil }), routes });
    expect(await section()).toBeTruthy();
  });
});
