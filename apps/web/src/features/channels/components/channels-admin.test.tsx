import { fireEvent, screen, waitFor, within } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { Page } from "../../../lib/api-types.ts";
import { buildLogin, buildUser } from "../../../testing/data-generators.ts";
import { apiError, type FakeRoute, json } from "../../../testing/fake-fetch.ts";
import { renderApp } from "../../../testing/test-utils.tsx";
import type { ChannelDetails, HealthCheck } from "../api/types.ts";
import { ChannelsAdmin } from "./channels-admin.tsx";

let sequence = 0;
function buildChannel(overrides: Partial<ChannelDetails> = {}): ChannelDetails {
  sequence += 1;
  const id = `00000000-0000-4000-9000-${sequence.toString(16).padStart(12, "0")}`;
  return {
    id,
    name: "Vendas",
    phoneNumberId: `10654035224${sequence.toString().padStart(4, "0")}`,
    wabaId: "200000000000001",
    displayPhoneNumber: "+55 11 95555-0000",
    apiUrl: "https://graph.facebook.com",
    apiVersion: "v24.0",
    sendRatePerSecond: 80,
    sandbox: false,
    hasAccessToken: true,
    hasAppSecret: false,
    webhook: { url: "https://papo.example.com/webhook", verifyToken: `verify-${sequence}` },
    createdAt: "2026-01-10T12:00:00.000Z",
    ...overrides,
  };
}

const sales = buildChannel({ name: "Vendas", displayPhoneNumber: "+55 11 95555-0000" });
const sandbox = buildChannel({ name: "Sandbox", displayPhoneNumber: "+55 11 94444-0000", sandbox: true });

/** The list as the server has it now: tests that write change the array the route reads. */
const listRoute = (channels: ChannelDetails[]): FakeRoute => ({
  path: "/api/v1/channels",
  respond: () => json({ data: [...channels], nextCursor: null } satisfies Page<ChannelDetails>),
});

const healthy = (channel: ChannelDetails): HealthCheck => ({
  ok: true,
  checkedAt: "2026-03-02T14:30:00.000Z",
  phoneNumber: { id: channel.phoneNumberId, displayPhoneNumber: "+55 11 95555-0000", verifiedName: "Loja da Lia", qualityRating: "GREEN" },
  webhook: channel.webhook,
});

/** The team and each number's members, for the members picker of an administrator's page (tests' own routes come first). */
const teamRoutes: FakeRoute[] = [
  { path: "/api/v1/users", respond: () => json({ data: [], nextCursor: null }) },
  { path: /^\/api\/v1\/channels\/[^/]+\/members$/, respond: () => json({ userIds: [] }) },
];

function renderChannels({ role = "admin", routes = [listRoute([sales, sandbox])] }: { role?: string; routes?: FakeRoute[] } = {}) {
  return renderApp(<ChannelsAdmin />, { login: buildLogin({ user: buildUser({ role }) }), routes: [...routes, ...teamRoutes] });
}

/** The text of the elements that describe a control (its error and hint). */
const descriptionOf = (element: HTMLElement) =>
  (element.getAttribute("aria-describedby") ?? "")
    .split(" ")
    .map((id) => document.getElementById(id)?.textContent ?? "")
    .join(" ");

const fill = (label: string, value: string) => fireEvent.change(screen.getByLabelText(label), { target: { value } });

function fillConnectForm() {
  fireEvent.click(screen.getByRole("button", { name: "Connect a number" }));
  fill("Name", "Suporte");
  fill("Phone number ID", "106540352249999");
  fill("WhatsApp Business Account ID (WABA)", "200000000000002");
  fill("Display number", "+55 11 93333-0000");
  fill("Access token", "EAAG-secret-token");
  fill("App secret", "app-secret");
}

describe("channels admin", () => {
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it("when the page opens, every number is listed with its display number and sandbox badge, and the first one's webhook shows", async () => {
    renderChannels();

    const list = await screen.findByRole("list", { name: "Connected numbers" });
    const items = within(list).getAllByRole("button");
    expect(items.map((item) => item.textContent)).toEqual(["Vendas+55 11 95555-0000", "SandboxSandbox+55 11 94444-0000"]);
    expect((screen.getByLabelText("Callback URL") as HTMLInputElement).value).toBe("https://papo.example.com/webhook");
    expect((screen.getByLabelText("Verify token") as HTMLInputElement).value).toBe(sales.webhook.verifyToken);

    fireEvent.click(items[1] as HTMLElement);
    expect(screen.getByRole("heading", { level: 3 }).textContent).toBe("Sandbox");
    expect((screen.getByLabelText("Verify token") as HTMLInputElement).value).toBe(sandbox.webhook.verifyToken);
  });

  it("when an admin connects a number, only the filled fields are sent and its webhook URL and verify token show to copy", async () => {
    const created = buildChannel({ name: "Suporte", webhook: { url: "https://papo.example.com/webhook", verifyToken: "tok-novo" } });
    const writeText = vi.fn(async () => {});
    vi.stubGlobal("navigator", { ...navigator, clipboard: { writeText } });
    const server = [sales];
    const { fetch } = renderChannels({
      routes: [
        listRoute(server),
        {
          method: "POST",
          path: "/api/v1/channels",
          respond: () => {
            server.push(created);
            return json(created, 201);
          },
        },
      ],
    });
    await screen.findByRole("list", { name: "Connected numbers" });

    fillConnectForm();
    fireEvent.click(screen.getByRole("button", { name: "Connect" }));

    expect(await screen.findByText(/Number connected\./)).toBeTruthy();
    expect(fetch.calls.find((c) => c.method === "POST")?.body).toEqual({
      name: "Suporte",
      phoneNumberId: "106540352249999",
      wabaId: "200000000000002",
      displayPhoneNumber: "+55 11 93333-0000",
      accessToken: "EAAG-secret-token",
      appSecret: "app-secret",
    });
    expect(screen.getByRole("heading", { level: 3 }).textContent).toBe("Suporte");
    expect((screen.getByLabelText("Verify token") as HTMLInputElement).value).toBe("tok-novo");
    fireEvent.click(screen.getByRole("button", { name: "Copy Verify token" }));
    await waitFor(() => expect(writeText).toHaveBeenCalledWith("tok-novo"));
    expect(await screen.findByText("Copied.")).toBeTruthy();
  });

  it("when the server refuses a field, its message shows beside that field and nowhere else", async () => {
    renderChannels({
      routes: [
        listRoute([sales]),
        {
          method: "POST",
          path: "/api/v1/channels",
          respond: () =>
            json(
              {
                error: {
                  code: "request.invalid",
                  message: "body.phoneNumberId: phoneNumberId must be the numeric id shown in Meta's WhatsApp Manager",
                  details: { issues: [{ field: "body.phoneNumberId", message: "must be numeric" }] },
                },
              },
              400,
            ),
        },
      ],
    });
    await screen.findByRole("list", { name: "Connected numbers" });

    fillConnectForm();
    fireEvent.click(screen.getByRole("button", { name: "Connect" }));

    const field = screen.getByLabelText("Phone number ID");
    await waitFor(() => expect(field.getAttribute("aria-invalid")).toBe("true"));
    expect(descriptionOf(field)).toContain("Use only the digits of the phone number ID");
    expect(screen.getByLabelText("Name").getAttribute("aria-invalid")).toBeNull();
    expect(screen.queryByRole("alert")).toBeNull();
  });

  it("when the number is already connected, the 409 shows on the phone number ID", async () => {
    renderChannels({
      routes: [
        listRoute([sales]),
        {
          method: "POST",
          path: "/api/v1/channels",
          respond: () => apiError(409, "channels.phone_number_taken", "phoneNumberId: 106540352249999 is already connected"),
        },
      ],
    });
    await screen.findByRole("list", { name: "Connected numbers" });

    fillConnectForm();
    fireEvent.click(screen.getByRole("button", { name: "Connect" }));

    await waitFor(() => expect(descriptionOf(screen.getByLabelText("Phone number ID"))).toContain("This number is already connected."));
  });

  it("when the connection check succeeds, the number, its verified name and its quality show", async () => {
    const { fetch } = renderChannels({
      routes: [
        listRoute([sales]),
        { method: "POST", path: `/api/v1/channels/${sales.id}/health-check`, respond: () => json(healthy(sales)) },
      ],
    });

    fireEvent.click(await screen.findByRole("button", { name: "Check connection" }));

    const status = await screen.findByText("Connected: Meta answered for this number.");
    const result = status.closest("[role=status]") as HTMLElement;
    expect(within(result).getByText("Loja da Lia")).toBeTruthy();
    expect(within(result).getByText("+55 11 95555-0000")).toBeTruthy();
    expect(within(result).getByText("High")).toBeTruthy();
    expect(fetch.calls.filter((c) => c.path.endsWith("/health-check")).map((c) => c.method)).toEqual(["POST"]);
  });

  it("when Meta refuses the token, the check says so in words with Meta's code and message", async () => {
    const refused: HealthCheck = {
      ok: false,
      checkedAt: "2026-03-02T14:30:00.000Z",
      webhook: sales.webhook,
      error: {
        code: 190,
        reason: "credentials",
        category: "auth",
        retryable: false,
        message: "(#190) Invalid OAuth access token - Cannot parse access token",
      },
    };
    renderChannels({
      routes: [listRoute([sales]), { method: "POST", path: `/api/v1/channels/${sales.id}/health-check`, respond: () => json(refused) }],
    });

    fireEvent.click(await screen.findByRole("button", { name: "Check connection" }));

    const alert = await screen.findByRole("alert");
    expect(alert.textContent).toContain("Meta refused the access token");
    expect(alert.textContent).toContain("Meta's answer (code 190): (#190) Invalid OAuth access token - Cannot parse access token");
  });

  it("when an admin replaces the access token, only the new token is sent and the field says it is set", async () => {
    const { fetch } = renderChannels({
      routes: [listRoute([sales]), { method: "PATCH", path: `/api/v1/channels/${sales.id}`, respond: () => json(sales) }],
    });
    const token = await screen.findByLabelText("New access token");
    expect(descriptionOf(token)).toContain("Set. Leave empty to keep it");
    expect((token as HTMLInputElement).value).toBe("");

    fireEvent.change(token, { target: { value: "EAAG-rotated" } });
    fireEvent.click(screen.getByRole("button", { name: "Save changes" }));

    expect(await screen.findByText("Changes saved.")).toBeTruthy();
    expect(fetch.calls.find((c) => c.method === "PATCH")?.body).toEqual({ accessToken: "EAAG-rotated" });
    expect((screen.getByLabelText("New access token") as HTMLInputElement).value).toBe("");
  });

  it("when an admin disconnects, the name must be typed first, then the number leaves the list", async () => {
    const server = [sales, sandbox];
    const { fetch } = renderChannels({
      routes: [
        listRoute(server),
        {
          method: "DELETE",
          path: `/api/v1/channels/${sales.id}`,
          respond: () => {
            server.splice(server.indexOf(sales), 1);
            return new Response(null, { status: 204 });
          },
        },
      ],
    });
    fireEvent.click(await screen.findByRole("button", { name: "Disconnect number…" }));
    const dialog = screen.getByRole("dialog", { name: "Disconnect “Vendas”?" });
    const confirm = within(dialog).getByRole("button", { name: "Disconnect" }) as HTMLButtonElement;
    expect(confirm.disabled).toBe(true);

    fireEvent.change(within(dialog).getByLabelText("Type Vendas to confirm"), { target: { value: "Venda" } });
    expect(confirm.disabled).toBe(true);
    fireEvent.click(confirm);
    expect(fetch.calls.some((c) => c.method === "DELETE")).toBe(false);

    fireEvent.change(within(dialog).getByLabelText("Type Vendas to confirm"), { target: { value: "Vendas" } });
    fireEvent.click(confirm);

    await waitFor(() => expect(screen.queryByRole("dialog")).toBeNull());
    expect(fetch.calls.filter((c) => c.method === "DELETE").map((c) => c.path)).toEqual([`/api/v1/channels/${sales.id}`]);
    const list = screen.getByRole("list", { name: "Connected numbers" });
    expect(within(list).queryByText("Vendas")).toBeNull();
    expect(screen.getByRole("heading", { level: 3 }).textContent).toBe("Sandbox");
  });

  it("when a supervisor opens the page, nothing can be changed but the connection can be checked", async () => {
    renderChannels({
      role: "supervisor",
      routes: [
        listRoute([sales]),
        { method: "POST", path: `/api/v1/channels/${sales.id}/health-check`, respond: () => json(healthy(sales)) },
      ],
    });
    await screen.findByRole("list", { name: "Connected numbers" });

    expect(screen.queryByRole("button", { name: "Connect a number" })).toBeNull();
    expect(screen.queryByRole("button", { name: "Save changes" })).toBeNull();
    expect(screen.queryByLabelText("New access token")).toBeNull();
    expect(screen.queryByRole("button", { name: "Disconnect number…" })).toBeNull();
    expect(screen.getByText("Only administrators can edit or disconnect numbers.")).toBeTruthy();
    expect((screen.getByLabelText("Verify token") as HTMLInputElement).value).toBe(sales.webhook.verifyToken);

    fireEvent.click(screen.getByRole("button", { name: "Check connection" }));
    expect(await screen.findByText("Connected: Meta answered for this number.")).toBeTruthy();
  });
});
