import { fireEvent, screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import type { Channel } from "../../../lib/api-types.ts";
import { buildLogin, buildUser } from "../../../testing/data-generators.ts";
import { type FakeCall, type FakeRoute, json } from "../../../testing/fake-fetch.ts";
import { renderApp } from "../../../testing/test-utils.tsx";
import type { TemplateDto } from "../api/types.ts";
import { TemplatesAdmin } from "./templates-admin.tsx";

const channel = (id: string, name: string): Channel => ({
  id,
  name,
  phoneNumberId: `pn-${id}`,
  wabaId: `waba-${id}`,
  displayPhoneNumber: "+55 11 4000-0000",
  sandbox: true,
  webhook: { url: "https://papo.example/webhook", verifyToken: "t" },
  createdAt: "2026-11-01T00:00:00.000Z",
});

let sequence = 0;
function buildTemplate(overrides: Partial<TemplateDto> = {}): TemplateDto {
  sequence += 1;
  return {
    id: `tpl-${sequence}`,
    channelId: "ch-1",
    wabaId: "waba-ch-1",
    metaId: `meta-${sequence}`,
    name: `modelo_${sequence}`,
    language: "pt_BR",
    category: "UTILITY",
    status: "APPROVED",
    statusReason: null,
    quality: "GREEN",
    parameterFormat: "POSITIONAL",
    components: [{ type: "BODY", text: "Olá, tudo certo com o seu pedido." }],
    variables: [],
    syncedAt: "2026-11-20T10:00:00.000Z",
    updatedAt: "2026-11-20T10:00:00.000Z",
    ...overrides,
  };
}

/** A fake templates API over an in-memory list, so creates, deletes and syncs show in the next list. */
function fakeServer(initial: TemplateDto[], channels: Channel[] = [channel("ch-1", "Vendas")]) {
  const rows = [...initial];
  const calls: FakeCall[] = [];
  const byId = /^\/api\/v1\/templates\/([^/]+)$/;
  const routes: FakeRoute[] = [
    { path: "/api/v1/channels", respond: () => json({ data: channels, nextCursor: null }) },
    {
      path: "/api/v1/templates",
      respond: (call) => {
        calls.push(call);
        const q = call.query.get("q") ?? "";
        const status = call.query.get("status");
        return json({
          data: rows.filter((r) => r.channelId === call.query.get("channelId") && r.name.includes(q) && (!status || r.status === status)),
        });
      },
    },
    {
      method: "POST",
      path: "/api/v1/templates/sync",
      respond: (call) => {
        calls.push(call);
        rows.push(buildTemplate({ name: "vindo_da_meta" }));
        return json({ channels: 1, templates: rows.length });
      },
    },
    {
      method: "POST",
      path: "/api/v1/templates",
      respond: (call) => {
        calls.push(call);
        const body = call.body as { name: string; language: string; category: string };
        const created = buildTemplate({ ...body, status: "PENDING", quality: "UNKNOWN" });
        rows.push(created);
        return json(created, 201);
      },
    },
    {
      method: "DELETE",
      path: byId,
      respond: (call) => {
        calls.push(call);
        rows.splice(
          rows.findIndex((r) => r.id === byId.exec(call.path)?.[1]),
          1,
        );
        return new Response(null, { status: 204 });
      },
    },
  ];
  return { rows, calls, routes };
}

const admin = () => buildLogin({ user: buildUser({ role: "admin" }) });
const names = () =>
  within(screen.getByRole("table", { name: "The number's templates" }))
    .getAllByRole("rowheader")
    .map((th) => th.querySelector("span")?.textContent);
const form = () => screen.getByRole("form", { name: "New template" });

describe("templates admin page", () => {
  it("lists the number's templates with status, reason, quality and plain-word explanations", async () => {
    const server = fakeServer([
      buildTemplate({ name: "boas_vindas" }),
      buildTemplate({ name: "oferta_black_friday", category: "MARKETING", status: "REJECTED", statusReason: "PROMOTIONAL" }),
      buildTemplate({ name: "lembrete_pagamento", status: "PAUSED", quality: "RED" }),
      buildTemplate({ name: "antigo", status: "DISABLED", statusReason: "SOMETHING_NEW" }),
    ]);
    renderApp(<TemplatesAdmin />, { login: admin(), routes: server.routes });
    await waitFor(() => expect(names()).toEqual(["boas_vindas", "oferta_black_friday", "lembrete_pagamento", "antigo"]));
    const row = (name: string) => screen.getByRole("row", { name: new RegExp(name) });
    expect(row("boas_vindas").textContent).toContain("Approved");
    expect(row("boas_vindas").textContent).toContain("High");
    expect(within(row("boas_vindas")).getByTestId("template-preview").textContent).toBe("Olá, tudo certo com o seu pedido.");
    expect(row("oferta_black_friday").textContent).toContain("Rejected");
    expect(row("oferta_black_friday").textContent).toContain("Reason: promotional content in a category other than marketing");
    expect(row("lembrete_pagamento").textContent).toContain("Meta paused it after customer complaints");
    expect(row("lembrete_pagamento").textContent).toContain("Low");
    expect(row("antigo").textContent).toContain("Meta disabled it for good");
    expect(row("antigo").textContent).toContain("Reason: SOMETHING_NEW");
    // One number: no number picker.
    expect(screen.queryByLabelText("Number")).toBeNull();
  });

  it("filters on the server, and with more than one number asks which", async () => {
    const server = fakeServer(
      [buildTemplate({ name: "vendas_ok" }), buildTemplate({ name: "suporte_ok", channelId: "ch-2" })],
      [channel("ch-1", "Vendas"), channel("ch-2", "Suporte")],
    );
    renderApp(<TemplatesAdmin />, { login: admin(), routes: server.routes });
    await waitFor(() => expect(names()).toEqual(["vendas_ok"]));
    fireEvent.change(screen.getByLabelText("Number"), { target: { value: "ch-2" } });
    await waitFor(() => expect(names()).toEqual(["suporte_ok"]));
    fireEvent.change(screen.getByLabelText("Status"), { target: { value: "PAUSED" } });
    await screen.findByText("No template matches these filters.");
    const last = server.calls.filter((c) => c.method === "GET").at(-1);
    expect(last?.query.get("channelId")).toBe("ch-2");
    expect(last?.query.get("status")).toBe("PAUSED");
  });

  it("syncs with Meta on demand and reports how many came, or why it failed", async () => {
    const server = fakeServer([buildTemplate({ name: "boas_vindas" })]);
    renderApp(<TemplatesAdmin />, { login: admin(), routes: server.routes });
    await waitFor(() => expect(names()).toEqual(["boas_vindas"]));
    fireEvent.click(screen.getByRole("button", { name: "Sync with Meta" }));
    expect((await screen.findByRole("status")).textContent).toBe("Synced: 2 templates from 1 number(s).");
    await waitFor(() => expect(names()).toEqual(["boas_vindas", "vindo_da_meta"]));
    expect(server.calls.find((c) => c.path === "/api/v1/templates/sync")?.body).toEqual({ channelId: "ch-1" });
  });

  it("shows the sync's failure with Meta's message", async () => {
    const server = fakeServer([]);
    server.routes.unshift({
      method: "POST",
      path: "/api/v1/templates/sync",
      respond: () => json({ error: { code: "templates.whatsapp_error", message: "(#100) Invalid OAuth access token" } }, 502),
    });
    renderApp(<TemplatesAdmin />, { login: admin(), routes: server.routes });
    await screen.findByText("This number has no templates yet. Sync with Meta or create one.");
    fireEvent.click(screen.getByRole("button", { name: "Sync with Meta" }));
    const alert = await screen.findByRole("alert");
    expect(alert.textContent).toContain("The sync failed:");
    expect(alert.textContent).toContain("(#100) Invalid OAuth access token");
  });

  it("refetches when the live stream says a template changed (the app invalidates ['templates'])", async () => {
    const server = fakeServer([buildTemplate({ name: "boas_vindas", status: "PENDING" })]);
    const { queryClient } = renderApp(<TemplatesAdmin />, { login: admin(), routes: server.routes });
    await screen.findByText("In review");
    (server.rows[0] as TemplateDto).status = "APPROVED";
    await queryClient.invalidateQueries({ queryKey: ["templates"] });
    await screen.findByText("Approved");
  });

  it("deletes only once the name is typed", async () => {
    const old = buildTemplate({ name: "antigo" });
    const server = fakeServer([buildTemplate({ name: "boas_vindas" }), old]);
    renderApp(<TemplatesAdmin />, { login: admin(), routes: server.routes });
    await waitFor(() => expect(names()).toEqual(["boas_vindas", "antigo"]));
    fireEvent.click(screen.getByRole("button", { name: "Delete antigo (pt_BR)" }));
    const dialog = screen.getByRole("dialog", { name: "Delete the template antigo (pt_BR)?" });
    const submit = within(dialog).getByRole("button", { name: "Delete template" }) as HTMLButtonElement;
    expect(submit.disabled).toBe(true);
    fireEvent.change(within(dialog).getByLabelText("Type antigo to confirm"), { target: { value: "boas_vindas" } });
    expect(submit.disabled).toBe(true);
    fireEvent.change(within(dialog).getByLabelText("Type antigo to confirm"), { target: { value: "antigo" } });
    expect(submit.disabled).toBe(false);
    fireEvent.click(submit);
    await waitFor(() => expect(names()).toEqual(["boas_vindas"]));
    expect(screen.queryByRole("dialog")).toBeNull();
    expect(server.calls.find((c) => c.method === "DELETE")?.path).toBe(`/api/v1/templates/${old.id}`);
  });
});

describe("create template form", () => {
  it("slugs the name, checks as you type, previews with the examples and submits a pending template", async () => {
    const server = fakeServer([]);
    renderApp(<TemplatesAdmin />, { login: admin(), routes: server.routes });
    fireEvent.click(await screen.findByRole("button", { name: "New template" }));
    const f = form();
    const preview = () => within(f).getByTestId("template-preview").textContent ?? "";

    fireEvent.change(within(f).getByLabelText("Name"), { target: { value: "Pedido Enviado" } });
    expect((within(f).getByLabelText("Name") as HTMLInputElement).value).toBe("pedido_enviado");

    fireEvent.change(within(f).getByLabelText("Header type"), { target: { value: "TEXT" } });
    fireEvent.change(within(f).getByLabelText("Header text"), { target: { value: "x".repeat(61) } });
    expect(within(f).getByText("61/60 characters")).toBeTruthy();
    expect(within(f).getByText("At most 60 characters.")).toBeTruthy();
    fireEvent.change(within(f).getByLabelText("Header text"), { target: { value: "Seu pedido" } });
    expect(within(f).queryByText("At most 60 characters.")).toBeNull();
    expect(preview()).toContain("Seu pedido");

    const body = within(f).getByLabelText("Message body") as HTMLTextAreaElement;
    fireEvent.change(body, { target: { value: "Oi , seu pedido saiu." } });
    body.setSelectionRange(3, 3);
    fireEvent.click(within(f).getByRole("button", { name: "Insert variable" }));
    expect(body.value).toBe("Oi {{1}}, seu pedido saiu.");
    expect(preview()).toContain("Oi {{1}}, seu pedido saiu.");
    fireEvent.change(within(f).getByLabelText("Example of {{1}}"), { target: { value: "Lia" } });
    expect(preview()).toContain("Oi Lia, seu pedido saiu.");

    fireEvent.change(within(f).getByLabelText("Footer (optional)"), { target: { value: "Loja Exemplo" } });
    fireEvent.change(within(f).getByLabelText("Type of the new button"), { target: { value: "URL" } });
    fireEvent.click(within(f).getByRole("button", { name: "Add button" }));
    fireEvent.change(within(f).getByLabelText("Text of button 1"), { target: { value: "Rastrear" } });
    fireEvent.change(within(f).getByLabelText("Link of button 1"), { target: { value: "https://loja.example/r/{{1}}" } });
    fireEvent.change(within(f).getByLabelText("Type of the new button"), { target: { value: "QUICK_REPLY" } });
    fireEvent.click(within(f).getByRole("button", { name: "Add button" }));
    fireEvent.change(within(f).getByLabelText("Text of button 2"), { target: { value: "Falar com alguém" } });
    expect(preview()).toContain("Loja Exemplo");
    expect(preview().length).toBeGreaterThan(0);
    expect(within(f).getByText("Rastrear")).toBeTruthy();

    // Submitting with the URL example missing is stopped on the client, on that field.
    fireEvent.click(within(f).getByRole("button", { name: "Submit for review" }));
    expect(within(f).getByText("Give an example: Meta reviews the template with it.")).toBeTruthy();
    expect(within(f).getByText("Fix 1 field(s) before submitting.")).toBeTruthy();
    expect(server.calls.some((c) => c.method === "POST")).toBe(false);

    fireEvent.change(within(f).getByLabelText("Full example link of button 1"), { target: { value: "https://loja.example/r/123" } });
    // Move the quick reply first: order is kept.
    fireEvent.click(within(f).getByRole("button", { name: "Move button 2 up" }));
    expect((within(f).getByLabelText("Text of button 1") as HTMLInputElement).value).toBe("Falar com alguém");
    fireEvent.click(within(f).getByRole("button", { name: "Submit for review" }));

    expect((await screen.findByRole("status")).textContent).toContain("Template “pedido_enviado” submitted to Meta for review");
    expect(screen.queryByRole("form", { name: "New template" })).toBeNull();
    expect(server.calls.find((c) => c.method === "POST")?.body).toEqual({
      channelId: "ch-1",
      name: "pedido_enviado",
      category: "UTILITY",
      language: "pt_BR",
      parameterFormat: "POSITIONAL",
      header: { format: "TEXT", text: "Seu pedido" },
      body: { text: "Oi {{1}}, seu pedido saiu.", examples: ["Lia"] },
      footer: { text: "Loja Exemplo" },
      buttons: [
        { type: "QUICK_REPLY", text: "Falar com alguém" },
        { type: "URL", text: "Rastrear", url: "https://loja.example/r/{{1}}", example: "https://loja.example/r/123" },
      ],
    });
    await waitFor(() => expect(names()).toEqual(["pedido_enviado"]));
    expect(screen.getByRole("row", { name: /pedido_enviado/ }).textContent).toContain("In review");
  });

  it("uses named variables when chosen, with the typed name", async () => {
    const server = fakeServer([]);
    renderApp(<TemplatesAdmin />, { login: admin(), routes: server.routes });
    fireEvent.click(await screen.findByRole("button", { name: "New template" }));
    const f = form();
    fireEvent.change(within(f).getByLabelText("Name"), { target: { value: "boas_vindas" } });
    fireEvent.change(within(f).getByLabelText("Variables"), { target: { value: "NAMED" } });
    const body = within(f).getByLabelText("Message body") as HTMLTextAreaElement;
    fireEvent.change(body, { target: { value: "Olá , bem-vindo!" } });
    body.setSelectionRange(4, 4);
    fireEvent.change(within(f).getByLabelText("Variable name"), { target: { value: "First Name" } });
    fireEvent.click(within(f).getByRole("button", { name: "Insert variable" }));
    expect(body.value).toBe("Olá {{first_name}}, bem-vindo!");
    fireEvent.change(within(f).getByLabelText("Example of {{first_name}}"), { target: { value: "Lia" } });
    expect(within(f).getByTestId("template-preview").textContent).toContain("Olá Lia, bem-vindo!");
    fireEvent.change(within(f).getByLabelText("Language"), { target: { value: "other" } });
    fireEvent.change(within(f).getByLabelText("Meta's language code"), { target: { value: "fr_CA" } });
    fireEvent.click(within(f).getByRole("button", { name: "Submit for review" }));
    await screen.findByRole("status");
    expect(server.calls.find((c) => c.method === "POST")?.body).toMatchObject({
      language: "fr_CA",
      parameterFormat: "NAMED",
      body: { text: "Olá {{first_name}}, bem-vindo!", examples: { first_name: "Lia" } },
    });
  });

  it("when the server refuses a field, shows why under that field and keeps the form", async () => {
    const server = fakeServer([]);
    server.routes.unshift({
      method: "POST",
      path: "/api/v1/templates",
      respond: () =>
        json(
          {
            error: {
              code: "templates.invalid",
              message: "footer.text: must not contain emoji",
              details: { field: "footer.text", issues: [{ path: "footer.text", message: "must not contain emoji" }] },
            },
          },
          422,
        ),
    });
    renderApp(<TemplatesAdmin />, { login: admin(), routes: server.routes });
    fireEvent.click(await screen.findByRole("button", { name: "New template" }));
    const f = form();
    fireEvent.change(within(f).getByLabelText("Name"), { target: { value: "aviso" } });
    fireEvent.change(within(f).getByLabelText("Message body"), { target: { value: "Seu pedido saiu." } });
    fireEvent.change(within(f).getByLabelText("Footer (optional)"), { target: { value: "Loja 🎉" } });
    fireEvent.click(within(f).getByRole("button", { name: "Submit for review" }));
    const message = await within(f).findByText("Refused by the server: must not contain emoji");
    const footer = within(f).getByLabelText("Footer (optional)");
    expect(footer.getAttribute("aria-invalid")).toBe("true");
    expect(footer.getAttribute("aria-describedby")).toContain(message.id);
    // Editing clears the server's verdict: it was about the old text.
    fireEvent.change(footer, { target: { value: "Loja" } });
    expect(within(f).queryByText("Refused by the server: must not contain emoji")).toBeNull();
  });
});
