import { fireEvent, screen, waitFor, within } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { buildLogin, buildUser } from "../../../testing/data-generators.ts";
import { apiError, type FakeRoute, json } from "../../../testing/fake-fetch.ts";
import { renderApp } from "../../../testing/test-utils.tsx";
import {
  AGENT_ID,
  buildAgents,
  buildDrillItem,
  buildOverview,
  buildSpeed,
  buildTeams,
  buildVolume,
  CHANNEL_ID,
} from "../testing/fixtures.ts";
import { ReportsScreen } from "./reports-screen.tsx";

// 2026-02-28 15:00 in São Paulo: the "7 days" preset is 22–28 February there.
const NOW = Date.UTC(2026, 1, 28, 18, 0);

// The charts are a lazy chunk: the first import in a test run can take a while.
const LAZY = { timeout: 5000 };

const common: FakeRoute[] = [
  { path: "/api/v1/workspace/settings", respond: () => json({ name: "Loja", timeZone: "America/Sao_Paulo" }) },
  { path: "/api/v1/channels", respond: () => json({ data: [{ id: CHANNEL_ID, name: "Vendas" }], nextCursor: null }) },
  { path: "/api/v1/reports/volume", respond: () => json(buildVolume()) },
  { path: "/api/v1/reports/speed", respond: () => json(buildSpeed()) },
  { path: "/api/v1/reports/overview", respond: () => json(buildOverview()) },
  { path: "/api/v1/teams", respond: () => json({ items: [{ id: "7a0f", name: "Suporte", memberIds: [AGENT_ID] }] }) },
  { path: "/api/v1/users", respond: () => json({ data: [{ id: AGENT_ID, name: "Lia Prado", role: "agent" }], nextCursor: null }) },
];

function renderScreen(role: "admin" | "agent", routes: FakeRoute[] = []) {
  const user = buildUser({ id: AGENT_ID, role });
  const me = { path: "/api/v1/auth/me", respond: () => json({ ...user, effectivePermissions: role === "admin" ? ["reports.view"] : [] }) };
  return renderApp(<ReportsScreen user={user} now={() => NOW} />, { routes: [...routes, me, ...common], login: buildLogin({ user }) });
}

describe("ReportsScreen", () => {
  it("when the volume report answers, its cards show the totals and the live strip the current queue", async () => {
    const { fetch } = renderScreen("admin");
    expect((await screen.findByTestId("card-opened", {}, LAZY)).textContent).toBe("12");
    expect(screen.getByTestId("card-resolved").textContent).toBe("9");
    expect(screen.getByTestId("card-messages-out").textContent).toBe("1,203");
    expect((await screen.findByTestId("overview-waiting")).textContent).toBe("4");
    expect(screen.getByText("Longest for 3 hr 20 min")).toBeTruthy();
    expect(screen.getByText("Lia Prado", { selector: "span" })).toBeTruthy();
    const volume = fetch.calls.find((c) => c.path === "/api/v1/reports/volume");
    expect(Object.fromEntries(volume?.query ?? [])).toEqual({
      from: "2026-02-22",
      to: "2026-02-28",
      timeZone: "America/Sao_Paulo",
      granularity: "day",
    });
    expect(screen.getByRole("table", { name: "By number" }).textContent).toContain("Vendas");
  });

  it("when a preset or granularity changes, the report is asked again for those dates", async () => {
    const { fetch } = renderScreen("admin");
    await screen.findByTestId("card-opened", {}, LAZY);
    fireEvent.click(screen.getByRole("button", { name: "Today" }));
    await waitFor(() =>
      expect(
        fetch.calls.some(
          (c) => c.path === "/api/v1/reports/volume" && c.query.get("from") === "2026-02-28" && c.query.get("granularity") === "hour",
        ),
      ).toBe(true),
    );
    fireEvent.click(screen.getByRole("button", { name: "Last month" }));
    fireEvent.change(screen.getByLabelText("Group by"), { target: { value: "week" } });
    fireEvent.click(screen.getByRole("checkbox", { name: "Business hours only" }));
    await waitFor(() => {
      const last = fetch.calls.filter((c) => c.path === "/api/v1/reports/volume").at(-1);
      expect(Object.fromEntries(last?.query ?? [])).toMatchObject({
        from: "2026-01-01",
        to: "2026-01-31",
        granularity: "week",
        businessHours: "true",
      });
    });
  });

  it("when a number is clicked, the conversations behind it open in a panel that loads more on demand", async () => {
    const { fetch } = renderScreen("admin", [
      {
        path: "/api/v1/reports/conversations",
        respond: (call) =>
          call.query.get("cursor") === "page-2"
            ? json({ items: [buildDrillItem(3)], nextCursor: null })
            : json({ items: [buildDrillItem(1), buildDrillItem(2)], nextCursor: "page-2" }),
      },
    ]);
    fireEvent.click(await screen.findByRole("button", { name: /Conversations opened/ }, LAZY));
    const panel = await screen.findByRole("dialog", { name: "Conversations opened" });
    const first = await within(panel).findByRole("link", { name: /Cliente 1/ });
    expect(first.getAttribute("href")).toBe(`#/c/${buildDrillItem(1).conversationId}`);
    expect(first.textContent).toContain("Open");
    fireEvent.click(within(panel).getByRole("button", { name: "Load more" }));
    await within(panel).findByRole("link", { name: /Cliente 3/ });
    expect(within(panel).getAllByRole("link")).toHaveLength(3);
    expect(within(panel).queryByRole("button", { name: "Load more" })).toBeNull();
    const drills = fetch.calls.filter((c) => c.path === "/api/v1/reports/conversations");
    expect(drills.map((c) => [c.query.get("metric"), c.query.get("cursor"), c.query.get("from"), c.query.get("to")])).toEqual([
      ["opened", null, "2026-02-22", "2026-02-28"],
      ["opened", "page-2", "2026-02-22", "2026-02-28"],
    ]);
  });

  it("when a bucket row is clicked, the drill-down is narrowed to that bucket's instants", async () => {
    const { fetch } = renderScreen("admin", [
      { path: "/api/v1/reports/conversations", respond: () => json({ items: [], nextCursor: null }) },
    ]);
    const table = await screen.findByRole("table", { name: "Conversations and messages by period" }, LAZY);
    const row = within(table)
      .getAllByRole("row")
      .find((r) => r.textContent?.startsWith("Feb 27"));
    // The row's buttons: opened, then resolved.
    fireEvent.click(within(row as HTMLElement).getAllByRole("button")[1] as HTMLElement);
    const panel = await screen.findByRole("dialog", { name: /Conversations resolved · Feb 27/ });
    await within(panel).findByText("No conversations.");
    const drill = fetch.calls.find((c) => c.path === "/api/v1/reports/conversations");
    expect(drill?.query.get("metric")).toBe("resolved");
    expect(drill?.query.get("bucketStart")).toBe("2026-02-27T03:00:00.000Z");
    expect(drill?.query.get("bucketEnd")).toBe("2026-02-28T03:00:00.000Z");
  });

  it("when the user is an agent, the screen is 'My numbers' without team or agent filters nor the live strip", async () => {
    const { fetch } = renderScreen("agent");
    expect(await screen.findByRole("heading", { name: "My numbers" })).toBeTruthy();
    await screen.findByTestId("card-opened", {}, LAZY);
    expect(screen.queryByLabelText("Team")).toBeNull();
    expect(screen.queryByLabelText("Agent")).toBeNull();
    expect(screen.getAllByRole("tab").map((tab) => tab.textContent)).toEqual(["Volume", "Speed", "My performance"]);
    expect(fetch.calls.some((c) => c.path === "/api/v1/reports/overview" || c.path === "/api/v1/teams")).toBe(false);
  });

  it("when the speed tab opens, durations read humanly with median, p90 and average", async () => {
    renderScreen("admin");
    fireEvent.click(await screen.findByRole("tab", { name: "Speed" }));
    expect((await screen.findByTestId("card-firstResponse")).textContent).toBe("45 sec");
    expect(screen.getByTestId("card-resolution").textContent).toBe("3 hr 20 min");
    expect(screen.getByText("p90 2 days 5 hr · average 13 hr 53 min · 9 measured")).toBeTruthy();
    expect(screen.queryByTestId("speed-approximate")).toBeNull();
  });

  it("when the speed report was read from month histograms, the panel says its medians are within 1%", async () => {
    renderScreen("admin", [{ path: "/api/v1/reports/speed", respond: () => json({ ...buildSpeed(), percentiles: "approximate" }) }]);
    fireEvent.click(await screen.findByRole("tab", { name: "Speed" }));
    expect((await screen.findByTestId("speed-approximate")).textContent).toBe(
      "Medians and p90 of closed months come from histograms: within 1% of the exact value.",
    );
  });

  it("when the agents and teams reports were read from month histograms, each table says its medians are within 1%", async () => {
    renderScreen("admin", [
      { path: "/api/v1/reports/agents", respond: () => json(buildAgents("approximate")) },
      { path: "/api/v1/reports/teams", respond: () => json(buildTeams("approximate")) },
    ]);
    fireEvent.click(await screen.findByRole("tab", { name: "Agents and teams" }));
    expect((await screen.findByTestId("agents-approximate", {}, LAZY)).textContent).toBe(
      "Medians and p90 of closed months come from histograms: within 1% of the exact value.",
    );
    expect((await screen.findByTestId("teams-approximate")).textContent).toContain("within 1%");
  });

  it("when the agents report's percentiles are exact, no note is shown", async () => {
    renderScreen("admin", [
      { path: "/api/v1/reports/agents", respond: () => json(buildAgents()) },
      { path: "/api/v1/reports/teams", respond: () => json(buildTeams()) },
    ]);
    fireEvent.click(await screen.findByRole("tab", { name: "Agents and teams" }));
    await screen.findByRole("table", { name: "Teams" }, LAZY);
    expect(screen.getByRole("table", { name: "Agents" }).textContent).toContain("Lia Prado");
    expect(screen.queryByTestId("agents-approximate")).toBeNull();
    expect(screen.queryByTestId("teams-approximate")).toBeNull();
  });

  it("when a tag is typed, message-level numbers show a dash with the reason, and delivery disables the tag", async () => {
    const { fetch } = renderScreen("admin", [
      {
        path: "/api/v1/reports/volume",
        respond: (call) =>
          json(
            call.query.get("tag")
              ? buildVolume({
                  totals: { conversationsOpened: 2, conversationsResolved: 1, messagesIn: null, messagesOut: null },
                  messagesByType: null,
                })
              : buildVolume(),
          ),
      },
    ]);
    await screen.findByTestId("card-opened", {}, LAZY);
    fireEvent.change(screen.getByLabelText("Contact tag"), { target: { value: "vip" } });
    await waitFor(() => expect(screen.getByTestId("card-opened").textContent).toBe("2"), { timeout: 2000 });
    const received = screen.getByText("Messages received", { selector: "span" }).parentElement;
    expect(received?.textContent).toContain("—");
    expect(received?.textContent).toContain("the tag belongs to the contact now");
    fireEvent.click(screen.getByRole("tab", { name: "Delivery" }));
    const tag = screen.getByLabelText("Contact tag") as HTMLInputElement;
    expect(tag.disabled).toBe(true);
    expect(screen.getByText("Delivery and cost are per message: they cannot be filtered by tag.")).toBeTruthy();
    await waitFor(() => expect(fetch.calls.some((c) => c.path === "/api/v1/reports/delivery")).toBe(true));
    expect(fetch.calls.filter((c) => c.path === "/api/v1/reports/delivery").every((c) => !c.query.has("tag"))).toBe(true);
  });

  it("when the period has nothing, the tab says so instead of drawing empty charts", async () => {
    renderScreen("admin", [
      {
        path: "/api/v1/reports/volume",
        respond: () =>
          json(
            buildVolume({
              totals: { conversationsOpened: 0, conversationsResolved: 0, messagesIn: 0, messagesOut: 0 },
              series: [],
              byChannel: [],
            }),
          ),
      },
    ]);
    expect((await screen.findByTestId("reports-empty", {}, LAZY)).textContent).toBe("No data in this period");
    expect(screen.queryByTestId("card-opened")).toBeNull();
  });

  it("when the API refuses a report, its error message is shown in place of the tab", async () => {
    renderScreen("agent", [{ path: "/api/v1/reports/volume", respond: () => apiError(403, "reports.forbidden", "own numbers only") }]);
    expect((await screen.findByRole("alert", {}, LAZY)).textContent).toBe("Your profile only lets you see your own numbers.");
  });

  describe("CSV export", () => {
    const original = URL.createObjectURL;
    const downloads: string[] = [];
    beforeEach(() => {
      URL.createObjectURL = () => "blob:report";
      HTMLAnchorElement.prototype.click = function click(this: HTMLAnchorElement) {
        downloads.push(this.download);
      };
    });
    afterEach(() => {
      URL.createObjectURL = original;
    });

    it("when Export CSV is clicked, the open tab is fetched as format=csv with the same filters", async () => {
      const { fetch } = renderScreen("admin", [
        {
          path: "/api/v1/reports/speed",
          respond: (call) =>
            call.query.get("format") === "csv"
              ? new Response("bucket,firstResponseMedian\n2026-02-27,45\n", { headers: { "content-type": "text/csv" } })
              : json(buildSpeed()),
        },
      ]);
      fireEvent.click(await screen.findByRole("tab", { name: "Speed" }));
      await screen.findByTestId("card-firstResponse");
      fireEvent.click(screen.getByRole("button", { name: "Export CSV" }));
      await waitFor(() => expect(downloads).toEqual(["papo-speed-2026-02-22-2026-02-28.csv"]));
      const csv = fetch.calls.find((c) => c.query.get("format") === "csv");
      expect(csv?.path).toBe("/api/v1/reports/speed");
      expect(Object.fromEntries(csv?.query ?? [])).toEqual({
        from: "2026-02-22",
        to: "2026-02-28",
        timeZone: "America/Sao_Paulo",
        granularity: "day",
        format: "csv",
      });
    });
  });
});
