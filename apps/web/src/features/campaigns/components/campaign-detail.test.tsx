import { fireEvent, screen, waitFor, within } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import { buildLogin, buildUser } from "../../../testing/data-generators.ts";
import { type FakeCall, type FakeRoute, json } from "../../../testing/fake-fetch.ts";
import { renderApp } from "../../../testing/test-utils.tsx";
import type { Campaign, CampaignReport } from "../api/types.ts";
import { buildCampaign, buildEstimate, buildReport } from "../testing/fixtures.ts";
import { CampaignsAdmin } from "./campaigns-admin.tsx";
import { EstimateView } from "./estimate-view.tsx";

const supervisor = () => buildLogin({ user: buildUser({ role: "supervisor" }) });

function fakeServer(initial: Campaign, report: CampaignReport = buildReport()) {
  let campaign = initial;
  let reports = 0;
  const actions: FakeCall[] = [];
  const routes: FakeRoute[] = [
    { path: "/api/v1/channels", respond: () => json({ data: [], nextCursor: null }) },
    { path: "/api/v1/workspace/settings", respond: () => json({ timeZone: "America/Sao_Paulo" }) },
    { path: "/api/v1/campaigns", respond: () => json({ data: [campaign], nextCursor: null }) },
    { path: `/api/v1/campaigns/${initial.id}`, respond: () => json(campaign) },
    {
      path: `/api/v1/campaigns/${initial.id}/report`,
      respond: () => {
        reports += 1;
        return json(report);
      },
    },
    {
      path: `/api/v1/campaigns/${initial.id}/recipients`,
      respond: (call) =>
        json({
          data:
            call.query.get("status") === "skipped"
              ? [
                  {
                    ...recipient,
                    id: "r-2",
                    name: "Caio",
                    status: "skipped",
                    skipReason: "opted_out",
                    messageStatus: null,
                    errorCode: null,
                    errorTitle: null,
                  },
                ]
              : [recipient],
          nextCursor: null,
        }),
    },
    {
      method: "POST",
      path: /\/(pause|resume|cancel)$/,
      respond: (call) => {
        actions.push(call);
        const action = call.path.split("/").at(-1);
        campaign = {
          ...campaign,
          status: action === "pause" ? "paused" : action === "resume" ? "running" : "cancelled",
          pausedReason: action === "pause" ? "manual" : null,
        };
        return json(campaign);
      },
    },
    {
      path: `/api/v1/campaigns/${initial.id}/report.csv`,
      respond: () => new Response("id,name\n", { headers: { "content-type": "text/csv" } }),
    },
  ];
  return { routes, actions, reportCalls: () => reports };
}

const recipient = {
  id: "r-1",
  contactId: "c-1",
  name: "Lia Souza",
  phone: "+5511987654321",
  status: "queued",
  skipReason: null,
  messageStatus: "failed",
  errorCode: "131026",
  errorTitle: "Message undeliverable",
  sentAt: "2026-11-20T12:06:00.000Z",
  deliveredAt: null,
  readAt: null,
  repliedAt: null,
  rowNumber: null,
};

function open(campaign: Campaign) {
  window.location.hash = `#/admin/campaigns/${campaign.id}`;
}

describe("campaign detail", () => {
  afterEach(() => {
    window.location.hash = "";
  });

  it("shows the report's numbers, failures by Meta's code, and the recipients filtered by status", async () => {
    const campaign = buildCampaign({ status: "running", launchedAt: "2026-11-20T12:05:00.000Z" });
    const server = fakeServer(campaign, buildReport({ skippedByReason: { opted_out: 2, no_marketing_consent: 0 } }));
    open(campaign);
    renderApp(<CampaignsAdmin />, { login: supervisor(), routes: server.routes });
    expect((await screen.findByTestId("report-sent")).textContent).toBe("7");
    expect(screen.getByTestId("report-recipients").textContent).toBe("10");
    expect(screen.getByTestId("report-delivered").textContent).toBe("5");
    expect(screen.getByTestId("report-read").textContent).toBe("2");
    expect(screen.getByTestId("report-replied").textContent).toBe("1");
    expect(screen.getByTestId("report-failed").textContent).toBe("1");
    expect(screen.getByRole("img").getAttribute("aria-label")).toBe(
      "Read: 2, Delivered, unread: 3, Sent, not yet delivered: 2, Waiting: 2, Failed: 1",
    );
    expect(within(screen.getByRole("table", { name: "Failures by Meta's code" })).getByText("Message undeliverable")).toBeTruthy();
    expect(screen.getByText(/Opted out/).textContent).toBe("Opted out: 2");

    const table = await screen.findByRole("table", { name: "Recipients" });
    expect(within(table).getByText("Lia Souza")).toBeTruthy();
    expect(within(table).getByText(/131026 · Message undeliverable/)).toBeTruthy();
    fireEvent.change(screen.getByLabelText("Show"), { target: { value: "skipped" } });
    expect(await screen.findByText("Caio")).toBeTruthy();
  });

  it("offers pause for a running campaign and resume for a paused one, each after confirming", async () => {
    const campaign = buildCampaign({ status: "running" });
    const server = fakeServer(campaign);
    open(campaign);
    renderApp(<CampaignsAdmin />, { login: supervisor(), routes: server.routes });
    fireEvent.click(await screen.findByRole("button", { name: "Pause" }));
    expect(screen.queryByRole("button", { name: "Resume" })).toBeNull();
    const dialog = screen.getByRole("dialog", { name: "Pause" });
    fireEvent.click(within(dialog).getByRole("button", { name: "Confirm" }));
    await waitFor(() => expect(screen.queryByRole("dialog")).toBeNull());
    expect(server.actions.map((a) => a.path)).toEqual([`/api/v1/campaigns/${campaign.id}/pause`]);
    expect(await screen.findByText("Paused by a person. Resume whenever you like.")).toBeTruthy();

    fireEvent.click(screen.getByRole("button", { name: "Resume" }));
    expect(screen.queryByRole("button", { name: "Pause" })).toBeNull();
    fireEvent.click(within(screen.getByRole("dialog", { name: "Resume" })).getByRole("button", { name: "Confirm" }));
    await waitFor(() => expect(server.actions).toHaveLength(2));
    expect(await screen.findByRole("button", { name: "Pause" })).toBeTruthy();
  });

  it("offers no controls once completed, but still exports the CSV", async () => {
    const campaign = buildCampaign({ status: "completed", completedAt: "2026-11-20T13:00:00.000Z" });
    const server = fakeServer(campaign);
    open(campaign);
    const app = renderApp(<CampaignsAdmin />, { login: supervisor(), routes: server.routes });
    fireEvent.click(await screen.findByRole("button", { name: "Export CSV" }));
    for (const name of ["Pause", "Resume", "Cancel campaign"]) expect(screen.queryByRole("button", { name })).toBeNull();
    await waitFor(() => expect(app.fetch.calls.some((c) => c.path.endsWith("/report.csv"))).toBe(true));
    const call = app.fetch.calls.find((c) => c.path.endsWith("/report.csv"));
    expect(call?.headers.authorization).toBe("Bearer test-token");
  });

  it("explains a budget pause and a messaging-limit wait in plain words", async () => {
    const campaign = buildCampaign({ status: "paused", pausedReason: "budget" });
    const server = fakeServer(campaign, buildReport({ pausedReason: "budget" }));
    open(campaign);
    renderApp(<CampaignsAdmin />, { login: supervisor(), routes: server.routes });
    expect(await screen.findByText(/the next message would go over the spending cap/)).toBeTruthy();
  });

  it("a campaign paused at its cap resumes after the cap is raised: the new cap is saved first, then resume", async () => {
    const campaign = buildCampaign({ status: "paused", pausedReason: "budget", budgetCap: 10 });
    const server = fakeServer(campaign, buildReport({ pausedReason: "budget" }));
    const patches: FakeCall[] = [];
    server.routes.unshift({
      method: "PATCH",
      path: `/api/v1/campaigns/${campaign.id}`,
      respond: (call) => {
        patches.push(call);
        return json({ ...campaign, budgetCap: 25.5 });
      },
    });
    open(campaign);
    renderApp(<CampaignsAdmin />, { login: supervisor(), routes: server.routes });
    const field = (await screen.findByLabelText("New spending cap in USD")) as HTMLInputElement;
    fireEvent.change(field, { target: { value: "25,50" } });
    fireEvent.click(screen.getByRole("button", { name: "Save cap and resume" }));

    await waitFor(() => expect(server.actions.map((a) => a.path.split("/").at(-1))).toEqual(["resume"]));
    expect(patches.map((p) => p.body)).toEqual([{ budgetCap: 25.5 }]);
  });

  it("refetches the report when the live stream says the campaign changed", async () => {
    const campaign = buildCampaign({ status: "running" });
    const server = fakeServer(campaign);
    open(campaign);
    const app = renderApp(<CampaignsAdmin />, { login: supervisor(), routes: server.routes });
    await screen.findByTestId("report-sent");
    const before = server.reportCalls();
    const socket = app.sockets.at(-1);
    socket?.onmessage?.(new MessageEvent("message", { data: JSON.stringify({ type: "campaign.updated", campaignId: campaign.id }) }));
    await waitFor(() => expect(server.reportCalls()).toBeGreaterThan(before), { timeout: 3_000 });
  });
});

describe("estimate", () => {
  it("shows recipients, exclusions in plain words, the cost by country and the warnings", () => {
    renderApp(
      <EstimateView
        estimate={buildEstimate({
          recipients: 2500,
          budgetCap: 10,
          withinBudget: false,
          cost: { ...buildEstimate().cost, total: 156.25, unpriced: 3 },
          messagingLimit: { tier: "TIER_2K", limit: 2000 },
        })}
      />,
    );
    expect(screen.getByTestId("estimate-recipients").textContent).toBe("2,500");
    const excluded = within(screen.getByRole("list", { name: "Left out" }))
      .getAllByRole("listitem")
      .map((li) => li.textContent);
    expect(excluded).toEqual(["No marketing consent: 2", "Opted out: 1"]);
    const table = screen.getByRole("table", { name: "Cost by country" });
    expect(within(table).getAllByRole("row")[1]?.textContent).toBe("BRMarketing8$0.06$0.50");
    expect(screen.getByText(/3 messages to countries without a price/)).toBeTruthy();
    const alerts = screen.getAllByRole("alert").map((a) => a.textContent);
    expect(alerts[0]).toContain("over the spending cap ($10.00)");
    expect(alerts[1]).toContain("only 2,000 customers a day");
  });

  it("within budget and the messaging limit, no warning", () => {
    renderApp(<EstimateView estimate={buildEstimate()} />);
    expect(screen.queryAllByRole("alert")).toEqual([]);
    expect(screen.getByText("Lia Souza")).toBeTruthy();
  });
});

describe("campaign list", () => {
  it("lists campaigns with their status and sent/delivered progress, and opens one", async () => {
    const campaign = buildCampaign({ status: "running", launchedAt: "2026-11-20T12:05:00.000Z" });
    const server = fakeServer(campaign);
    window.location.hash = "#/admin/campaigns";
    renderApp(<CampaignsAdmin />, { login: supervisor(), routes: server.routes });
    const table = await screen.findByRole("table", { name: "Campaigns" });
    expect(within(table).getByText("Sending")).toBeTruthy();
    const progress = await within(table).findByRole("progressbar", { name: "7 sent, 5 delivered of 10" });
    expect(progress.getAttribute("aria-valuenow")).toBe("7");
    expect(within(table).getByRole("link", { name: "Black Friday" }).getAttribute("href")).toBe(`#/admin/campaigns/${campaign.id}`);
    window.location.hash = "";
  });
});
