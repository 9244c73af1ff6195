import { fireEvent, screen, waitFor } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import type { WorkspaceSettings } from "../../../hooks/use-workspace-settings.ts";
import { buildLogin, buildUser } from "../../../testing/data-generators.ts";
import { type FakeCall, json } from "../../../testing/fake-fetch.ts";
import { renderApp } from "../../../testing/test-utils.tsx";
import { WorkspaceSettingsAdmin } from "./workspace-settings-admin.tsx";

function renderPage({ role = "admin", patchError }: { role?: "admin" | "supervisor"; patchError?: Response } = {}) {
  let stored: WorkspaceSettings = { name: "Loja Sol", timeZone: "America/Sao_Paulo" };
  return renderApp(<WorkspaceSettingsAdmin />, {
    login: buildLogin({ user: buildUser({ role }) }),
    routes: [
      { path: "/api/v1/workspace/settings", respond: () => json(stored) },
      {
        method: "PATCH",
        path: "/api/v1/workspace/settings",
        respond: (call: FakeCall) => {
          if (patchError) return patchError;
          stored = { ...stored, ...(call.body as Partial<WorkspaceSettings>) };
          return json(stored);
        },
      },
    ],
  });
}

const patchBody = (calls: FakeCall[]) => calls.find((c) => c.method === "PATCH")?.body;

describe("WorkspaceSettingsAdmin", () => {
  it("when the page opens, the name and the zone show with its current offset", async () => {
    renderPage();
    expect((await screen.findByLabelText<HTMLInputElement>("Name")).value).toBe("Loja Sol");
    expect(screen.getByLabelText<HTMLSelectElement>("Time zones").value).toBe("America/Sao_Paulo");
    expect(screen.getByText(/\(America\/Sao_Paulo\): UTC−03:00, now /)).toBeTruthy();
  });

  it("when the admin searches, picks another zone and renames, Save sends only what changed", async () => {
    const { fetch } = renderPage();
    fireEvent.change(await screen.findByLabelText("Search time zones"), { target: { value: "manaus" } });
    const select = screen.getByLabelText<HTMLSelectElement>("Time zones");
    const options = Array.from(select.options).map((o) => o.value);
    expect(options).toContain("America/Manaus");
    expect(options).not.toContain("Europe/Lisbon");
    fireEvent.change(select, { target: { value: "America/Manaus" } });
    expect(screen.getByText(/America\/Manaus\): UTC−04:00/)).toBeTruthy();
    fireEvent.click(screen.getByRole("button", { name: "Save" }));

    expect(await screen.findByText("Settings saved.")).toBeTruthy();
    expect(patchBody(fetch.calls)).toEqual({ timeZone: "America/Manaus" });
  });

  it("when the name is emptied, Save is disabled and the field says why", async () => {
    renderPage();
    fireEvent.change(await screen.findByLabelText("Name"), { target: { value: "  " } });
    expect(screen.getByText("Enter a name.")).toBeTruthy();
    expect(screen.getByRole<HTMLButtonElement>("button", { name: "Save" }).disabled).toBe(true);
  });

  it("when the server refuses the zone, the refusal shows beside it", async () => {
    const { fetch } = renderPage({
      patchError: json(
        { error: { code: "workspace.invalid_time_zone", message: "timeZone: unknown", details: { field: "timeZone" } } },
        422,
      ),
    });
    fireEvent.change(await screen.findByLabelText("Time zones"), { target: { value: "Europe/Lisbon" } });
    fireEvent.click(screen.getByRole("button", { name: "Save" }));
    await waitFor(() => expect(patchBody(fetch.calls)).toEqual({ timeZone: "Europe/Lisbon" }));
    expect(await screen.findByText("Unknown time zone. Choose one from the list.")).toBeTruthy();
  });

  it("when a supervisor opens it, the settings are read-only", async () => {
    renderPage({ role: "supervisor" });
    expect((await screen.findByLabelText<HTMLInputElement>("Name")).disabled).toBe(true);
    expect(screen.queryByRole("button", { name: "Save" })).toBeNull();
    expect(screen.getByText("Only administrators can change these settings.")).toBeTruthy();
  });
});
