import { fireEvent, screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { buildLogin, buildUser, uuid } from "../../../testing/data-generators.ts";
import { type FakeCall, json } from "../../../testing/fake-fetch.ts";
import { renderApp } from "../../../testing/test-utils.tsx";
import type { RetentionPolicy, RetentionPreview } from "../api/types.ts";
import { parseDays, RetentionAdmin } from "./retention-admin.tsx";

const channelId = uuid();
const saved: RetentionPolicy = {
  messageDays: 365,
  mediaDays: null,
  updatedAt: "2026-03-01T10:00:00.000Z",
  lastApplied: { at: "2026-03-02T03:00:00.000Z", messages: 40, media: 2 },
};
const dryRun: RetentionPreview = {
  policy: { messageDays: 30, mediaDays: 7 },
  at: "2026-03-02T14:05:00.000Z",
  messagesBefore: "2026-01-31T14:05:00.000Z",
  mediaBefore: "2026-02-23T14:05:00.000Z",
  messages: { count: 1234, oldest: "2025-06-01T09:00:00.000Z" },
  media: { files: 56, bytes: 3 * 1024 * 1024, oldest: "2025-06-01T09:00:00.000Z" },
  channels: [{ channelId, name: "Vendas", messages: 1234, mediaFiles: 56, mediaBytes: 3 * 1024 * 1024 }],
};

function renderPage() {
  const puts: FakeCall[] = [];
  const previews: FakeCall[] = [];
  const result = renderApp(<RetentionAdmin />, {
    login: buildLogin({ user: buildUser({ role: "admin" }) }),
    routes: [
      {
        method: "PUT",
        path: "/api/v1/workspace/retention",
        respond: (call) => {
          puts.push(call);
          return json({ ...saved, ...(call.body as object), updatedAt: "2026-03-02T14:06:00.000Z" });
        },
      },
      { method: "GET", path: "/api/v1/workspace/retention", respond: () => json(saved) },
      {
        path: "/api/v1/workspace/retention/preview",
        respond: (call) => {
          previews.push(call);
          return json(dryRun);
        },
      },
    ],
  });
  return { ...result, puts, previews };
}

describe("RetentionAdmin", () => {
  it("when the page opens, the saved policy fills the form and the last run is shown", async () => {
    renderPage();
    const messages = await screen.findByLabelText("Erase message content after (days)");
    await waitFor(() => expect((messages as HTMLInputElement).value).toBe("365"));
    expect((screen.getByLabelText("Erase files after (days)") as HTMLInputElement).value).toBe("");
    expect(screen.getByText(/Last run: .* 40 messages and 2 files erased\./)).toBeTruthy();
  });

  it("when the dry run is asked for, the form's values are previewed (not the saved ones) with totals and a row per number", async () => {
    const { previews } = renderPage();
    const messages = await screen.findByLabelText("Erase message content after (days)");
    await waitFor(() => expect((messages as HTMLInputElement).value).toBe("365"));
    fireEvent.change(messages, { target: { value: "30" } });
    fireEvent.change(screen.getByLabelText("Erase files after (days)"), { target: { value: "7" } });
    fireEvent.click(screen.getByRole("button", { name: "Dry run" }));

    const region = await screen.findByRole("region", { name: "Dry run (nothing is erased now)" });
    await waitFor(() => expect(region.textContent).toContain("The content of 1,234 messages and 56 files (3 MB) would be erased."));
    expect([previews[0]?.query.get("messageDays"), previews[0]?.query.get("mediaDays")]).toEqual(["30", "7"]);
    const row = within(within(region).getByRole("table")).getByRole("row", { name: /Vendas/ });
    expect(row.textContent).toContain("1,234");
    expect(row.textContent).toContain("56");
  });

  it("when saved, the policy is sent as numbers and empty means keep forever", async () => {
    const { puts } = renderPage();
    const messages = await screen.findByLabelText("Erase message content after (days)");
    await waitFor(() => expect((messages as HTMLInputElement).value).toBe("365"));
    fireEvent.change(messages, { target: { value: "" } });
    fireEvent.change(screen.getByLabelText("Erase files after (days)"), { target: { value: "90" } });
    fireEvent.click(screen.getByRole("button", { name: "Save policy" }));

    expect((await screen.findByRole("status")).textContent).toBe("Policy saved. The next scheduled run applies it.");
    expect(puts.map((c) => c.body)).toEqual([{ messageDays: null, mediaDays: 90 }]);
  });

  it("when a value is not a whole number of days from 1 to 3650, the form says so and cannot be saved or previewed", async () => {
    renderPage();
    const messages = await screen.findByLabelText("Erase message content after (days)");
    await waitFor(() => expect((messages as HTMLInputElement).value).toBe("365"));
    for (const bad of ["0", "4000", "1.5", "abc"]) {
      fireEvent.change(messages, { target: { value: bad } });
      expect(screen.getByRole("alert").textContent).toBe("Use a whole number of days from 1 to 3650, or leave it empty.");
      expect(screen.getByRole("button", { name: "Save policy" })).toHaveProperty("disabled", true);
      expect(screen.getByRole("button", { name: "Dry run" })).toHaveProperty("disabled", true);
    }
  });

  it("parses days: empty keeps forever, 1 to 3650 are days, anything else is refused", () => {
    expect([
      parseDays(""),
      parseDays(" 30 "),
      parseDays("3650"),
      parseDays("0"),
      parseDays("3651"),
      parseDays("-1"),
      parseDays("2e3"),
    ]).toEqual([null, 30, 3650, undefined, undefined, undefined, undefined]);
  });
});
