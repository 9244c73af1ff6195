import { fireEvent, screen, waitFor, within } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { buildLogin, buildUser } from "../../../testing/data-generators.ts";
import { type FakeCall, type FakeRoute, json } from "../../../testing/fake-fetch.ts";
import { renderApp } from "../../../testing/test-utils.tsx";
import type { Campaign } from "../api/types.ts";
import { buildCampaign, buildEstimate, buildTemplate } from "../testing/fixtures.ts";
import { CampaignsAdmin } from "./campaigns-admin.tsx";

const CHANNEL = { id: "33333333-3333-4333-8333-333333333333", name: "Loja", displayPhoneNumber: "+55 11 4000-0000", sendRatePerSecond: 80 };
const supervisor = () => buildLogin({ user: buildUser({ role: "supervisor" }) });

/** A fake campaigns API over one in-memory campaign, recording every write. */
function fakeServer({ uploadErrors = false, initial = null }: { uploadErrors?: boolean; initial?: Campaign | null } = {}) {
  let campaign: Campaign | null = initial;
  const writes: FakeCall[] = [];
  const byId = /^\/api\/v1\/campaigns\/([^/]+)$/;
  const routes: FakeRoute[] = [
    { path: "/api/v1/channels", respond: () => json({ data: [CHANNEL], nextCursor: null }) },
    { path: "/api/v1/workspace/settings", respond: () => json({ name: "Loja", timeZone: "America/Sao_Paulo" }) },
    { path: "/api/v1/contacts", respond: () => json({ data: [{ tags: ["vip", "clientes"] }], nextCursor: null }) },
    {
      path: "/api/v1/templates",
      respond: () => json({ data: [buildTemplate(), buildTemplate({ id: "t-2", name: "pendente", status: "PENDING" })] }),
    },
    { path: "/api/v1/campaigns", respond: () => json({ data: campaign ? [campaign] : [], nextCursor: null }) },
    {
      method: "POST",
      path: "/api/v1/campaigns",
      respond: (call) => {
        writes.push(call);
        campaign = buildCampaign(call.body as Partial<Campaign>);
        return json(campaign, 201);
      },
    },
    { path: byId, respond: () => json(campaign) },
    {
      method: "PATCH",
      path: byId,
      respond: (call) => {
        writes.push(call);
        campaign = { ...(campaign as Campaign), ...(call.body as Partial<Campaign>) };
        return json(campaign);
      },
    },
    {
      method: "POST",
      path: /\/audience\/csv$/,
      respond: (call) => {
        writes.push(call);
        return json(
          uploadErrors
            ? {
                accepted: 1,
                rejected: 2,
                errors: [
                  { row: 2, field: "phone", code: "invalid_number", message: "not a phone number: 12" },
                  { row: 3, field: "phone", code: "duplicate", message: "same number as row 1" },
                ],
                columns: ["cupom"],
              }
            : { accepted: 3, rejected: 0, errors: [], columns: ["cupom"] },
        );
      },
    },
    { method: "POST", path: /\/estimate$/, respond: () => json(buildEstimate()) },
    {
      method: "POST",
      path: /\/launch$/,
      respond: (call) => {
        writes.push(call);
        campaign = { ...(campaign as Campaign), status: "running", launchedAt: "2026-11-20T12:05:00.000Z" };
        return json(campaign);
      },
    },
    { path: /\/report$/, respond: () => json(null) },
    { path: /\/recipients$/, respond: () => json({ data: [], nextCursor: null }) },
  ];
  return { routes, writes, current: () => campaign };
}

const next = () => fireEvent.click(screen.getByRole("button", { name: "Next" }));
/** The step is shown and its draft saved (Next enabled again). */
async function stepHeading(text: RegExp) {
  await screen.findByRole("heading", { name: text });
  await waitFor(() => expect((screen.getByRole("button", { name: /^(Next|Launch campaign)$/ }) as HTMLButtonElement).disabled).toBe(false));
}

describe("campaign wizard", () => {
  beforeEach(() => {
    window.location.hash = "#/admin/campaigns/new";
  });
  afterEach(() => {
    window.location.hash = "";
  });

  it("walks the five steps, saving each into the draft, and launches after confirming", async () => {
    const server = fakeServer();
    renderApp(<CampaignsAdmin />, { login: supervisor(), routes: server.routes });
    await stepHeading(/Step 1 of 5/);
    expect(screen.getByRole("list", { name: "Campaign steps" })).toBeTruthy();

    next();
    expect(screen.getByText("Give the campaign a name.")).toBeTruthy();
    expect(server.writes).toHaveLength(0);

    fireEvent.change(screen.getByLabelText("Campaign name"), { target: { value: "Black Friday" } });
    const templateSelect = await screen.findByLabelText("Template");
    await waitFor(() => expect(within(templateSelect).queryByText("promo_cupom · pt_BR")).toBeTruthy());
    expect(within(templateSelect).queryByText(/pendente/)).toBeNull();
    fireEvent.change(templateSelect, { target: { value: buildTemplate().id } });
    expect(screen.getByText(/only contacts with marketing consent/)).toBeTruthy();
    next();

    await stepHeading(/Step 2 of 5/);
    expect(server.writes[0]?.method).toBe("POST");
    expect(server.writes[0]?.body).toEqual({
      name: "Black Friday",
      channelId: CHANNEL.id,
      templateId: buildTemplate().id,
      mapping: { "body.1": { source: "contact", field: "first_name" } },
      audience: { kind: "filter" },
    });
    // body.2 starts as fixed text with no value: Next refuses until it has one.
    next();
    expect(await screen.findByText("Choose where this value comes from.")).toBeTruthy();
    fireEvent.change(screen.getByLabelText("Fixed text for Body {{2}}"), { target: { value: "BF30" } });
    fireEvent.change(screen.getByLabelText("If missing, use (optional) for Body {{1}}"), { target: { value: "cliente" } });
    expect(screen.getByTestId("campaign-preview").textContent).toContain("Olá, Lia! Seu cupom BF30 vale até domingo.");
    next();

    await stepHeading(/Step 3 of 5/);
    expect(server.writes[1]).toMatchObject({
      method: "PATCH",
      body: {
        mapping: {
          "body.1": { source: "contact", field: "first_name", fallback: "cliente" },
          "body.2": { source: "fixed", value: "BF30" },
        },
      },
    });
    fireEvent.change(screen.getByLabelText("With all of these tags"), { target: { value: "vip, clientes, vip" } });
    fireEvent.click(screen.getByRole("button", { name: "Add attribute" }));
    fireEvent.change(screen.getByLabelText("Attribute"), { target: { value: "cidade" } });
    fireEvent.change(screen.getByLabelText("Value"), { target: { value: "Recife" } });
    next();

    await stepHeading(/Step 4 of 5/);
    expect(server.writes[2]?.body).toEqual({
      audience: { kind: "filter", tags: ["vip", "clientes"], attributes: { cidade: "Recife" } },
    });
    fireEvent.change(screen.getByLabelText("Messages per second"), { target: { value: "500" } });
    next();
    expect(screen.getByText("Use a whole number from 1 to 80.")).toBeTruthy();
    fireEvent.change(screen.getByLabelText("Messages per second"), { target: { value: "10" } });
    fireEvent.change(screen.getByLabelText("Spending cap in USD (optional)"), { target: { value: "25,50" } });
    next();

    await stepHeading(/Step 5 of 5/);
    expect(server.writes[3]?.body).toEqual({ startAt: null, ratePerSecond: 10, budgetCap: 25.5 });
    expect((await screen.findByTestId("estimate-recipients")).textContent).toBe("9");

    fireEvent.click(screen.getByRole("button", { name: "Launch campaign" }));
    const dialog = screen.getByRole("dialog", { name: "Launch the campaign?" });
    expect(dialog.textContent).toContain("9 recipients");
    fireEvent.click(within(dialog).getByRole("button", { name: "Launch" }));
    await waitFor(() => expect(server.writes.at(-1)?.path).toMatch(/\/launch$/));
    await waitFor(() => expect(window.location.hash).toBe(`#/admin/campaigns/${server.current()?.id}`));
    expect(await screen.findByRole("heading", { name: /Black Friday/ })).toBeTruthy();
  });

  it("a scheduled start is sent as the instant it names in the workspace's time zone", async () => {
    const server = fakeServer();
    renderApp(<CampaignsAdmin />, { login: supervisor(), routes: server.routes });
    fireEvent.change(await screen.findByLabelText("Campaign name"), { target: { value: "Natal" } });
    const templateSelect = screen.getByLabelText("Template");
    await waitFor(() => expect(within(templateSelect).queryByText("promo_cupom · pt_BR")).toBeTruthy());
    fireEvent.change(templateSelect, { target: { value: buildTemplate().id } });
    next();
    fireEvent.change(await screen.findByLabelText("Fixed text for Body {{2}}"), { target: { value: "NATAL" } });
    next();
    await stepHeading(/Step 3 of 5/);
    next();
    await stepHeading(/Step 4 of 5/);
    fireEvent.click(screen.getByLabelText("At a date and time"));
    expect(screen.getByText("Time zone: America/Sao_Paulo")).toBeTruthy();
    fireEvent.change(screen.getByLabelText("Start date and time"), { target: { value: "2099-12-24T09:30" } });
    next();
    await stepHeading(/Step 5 of 5/);
    expect(server.writes.at(-1)?.body).toEqual({ startAt: "2099-12-24T12:30:00.000Z", ratePerSecond: 20, budgetCap: null });
  });

  it("a CSV audience is uploaded as text and its refused rows are listed with the reason", async () => {
    const server = fakeServer({ uploadErrors: true });
    renderApp(<CampaignsAdmin />, { login: supervisor(), routes: server.routes });
    fireEvent.change(await screen.findByLabelText("Campaign name"), { target: { value: "Lista" } });
    const templateSelect = screen.getByLabelText("Template");
    await waitFor(() => expect(within(templateSelect).queryByText("promo_cupom · pt_BR")).toBeTruthy());
    fireEvent.change(templateSelect, { target: { value: buildTemplate().id } });
    next();
    await stepHeading(/Step 2 of 5/);
    fireEvent.change(screen.getByLabelText("Where Body {{2}} comes from"), { target: { value: "csv" } });
    fireEvent.change(screen.getByLabelText("CSV column for Body {{2}}"), { target: { value: "cupom" } });
    next();
    await stepHeading(/Step 3 of 5/);
    expect(server.writes[1]?.body).toMatchObject({ audience: { kind: "csv" } });
    expect((screen.getByLabelText("CSV list") as HTMLInputElement).checked).toBe(true);

    next();
    expect(screen.getByText("Upload a CSV with at least one accepted row.")).toBeTruthy();

    const text = "phone,name,cupom\n+5511987654321,Lia,LIA10\n12,Caio,C\n+5511987654321,Ana,A";
    fireEvent.change(screen.getByLabelText("CSV file"), { target: { files: [new File([text], "lista.csv", { type: "text/csv" })] } });
    const table = await screen.findByRole("table", { name: "Rejected rows (2)" });
    const upload = server.writes.find((w) => w.path.endsWith("/audience/csv"));
    expect(upload?.body).toBe(text);
    expect(upload?.headers["content-type"]).toBe("text/csv; charset=utf-8");
    expect(screen.getByText("1 rows accepted, 2 rejected.")).toBeTruthy();
    const rows = within(table).getAllByRole("row").slice(1);
    expect(rows.map((r) => r.textContent)).toEqual([
      "2phoneInvalid numbernot a phone number: 12",
      "3phoneRepeated numbersame number as row 1",
    ]);
    next();
    await stepHeading(/Step 4 of 5/);
  });

  it("a draft opened from its link resumes in the wizard, filled, and can be deleted", async () => {
    const draft = buildCampaign({
      name: "Rascunho antigo",
      mapping: { "body.1": { source: "contact", field: "name" }, "body.2": { source: "fixed", value: "OLD" } },
      audience: { kind: "filter", anyTags: ["vip"] },
      ratePerSecond: 7,
    });
    const server = fakeServer({ initial: draft });
    server.routes.unshift({
      method: "DELETE",
      path: `/api/v1/campaigns/${draft.id}`,
      respond: (call) => {
        server.writes.push(call);
        return new Response(null, { status: 204 });
      },
    });
    window.location.hash = `#/admin/campaigns/${draft.id}`;
    renderApp(<CampaignsAdmin />, { login: supervisor(), routes: server.routes });
    expect(await screen.findByRole("heading", { name: "Draft: Rascunho antigo" })).toBeTruthy();
    expect((screen.getByLabelText("Campaign name") as HTMLInputElement).value).toBe("Rascunho antigo");
    await waitFor(() => expect((screen.getByLabelText("Template") as HTMLSelectElement).value).toBe(buildTemplate().id));
    next();
    await stepHeading(/Step 2 of 5/);
    expect((screen.getByLabelText("Fixed text for Body {{2}}") as HTMLInputElement).value).toBe("OLD");
    expect(server.writes[0]).toMatchObject({ method: "PATCH", path: `/api/v1/campaigns/${draft.id}` });

    fireEvent.click(screen.getByRole("button", { name: "Delete draft" }));
    fireEvent.click(within(screen.getByRole("dialog", { name: "Delete draft" })).getByRole("button", { name: "Delete" }));
    await waitFor(() => expect(window.location.hash).toBe("#/admin/campaigns"));
    expect(server.writes.at(-1)).toMatchObject({ method: "DELETE", path: `/api/v1/campaigns/${draft.id}` });
  });

  it("a launch refused for unmapped variables names them", async () => {
    const server = fakeServer();
    server.routes.unshift({
      method: "POST",
      path: /\/launch$/,
      respond: () =>
        json({ error: { code: "campaigns.mapping_incomplete", message: "unmapped", details: { keys: ["header.media"] } } }, 422),
    });
    renderApp(<CampaignsAdmin />, { login: supervisor(), routes: server.routes });
    fireEvent.change(await screen.findByLabelText("Campaign name"), { target: { value: "Falha" } });
    const templateSelect = screen.getByLabelText("Template");
    await waitFor(() => expect(within(templateSelect).queryByText("promo_cupom · pt_BR")).toBeTruthy());
    fireEvent.change(templateSelect, { target: { value: buildTemplate().id } });
    next();
    fireEvent.change(await screen.findByLabelText("Fixed text for Body {{2}}"), { target: { value: "X" } });
    next();
    await stepHeading(/Step 3 of 5/);
    next();
    await stepHeading(/Step 4 of 5/);
    next();
    await stepHeading(/Step 5 of 5/);
    await screen.findByTestId("estimate-recipients");
    fireEvent.click(screen.getByRole("button", { name: "Launch campaign" }));
    fireEvent.click(within(screen.getByRole("dialog")).getByRole("button", { name: "Launch" }));
    expect((await within(screen.getByRole("dialog")).findByRole("alert")).textContent).toBe(
      "Some template variables still need a source. header.media",
    );
  });
});
