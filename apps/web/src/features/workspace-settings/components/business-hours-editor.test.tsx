import { fireEvent, screen, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import type { WorkspaceSettings } from "../../../hooks/use-workspace-settings.ts";
import { buildLogin, buildUser } from "../../../testing/data-generators.ts";
import { type FakeCall, json } from "../../../testing/fake-fetch.ts";
import { renderApp } from "../../../testing/test-utils.tsx";
import { WorkspaceSettingsAdmin } from "./workspace-settings-admin.tsx";

const weekdays = [{ start: "08:00", end: "17:00" }];
const savedHours = {
  timezone: "America/Recife",
  days: { mon: weekdays, tue: weekdays, wed: weekdays, thu: weekdays, fri: weekdays, sat: [], sun: [] },
};

function renderPage({
  role = "admin",
  hours = null,
  patchError,
}: {
  role?: "admin" | "supervisor";
  hours?: WorkspaceSettings["businessHours"];
  patchError?: Response;
} = {}) {
  let stored: WorkspaceSettings = { name: "Loja Sol", timeZone: "America/Sao_Paulo", businessHours: hours };
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
const hoursForm = async () => within(await screen.findByRole("form", { name: "Business hours" }));

describe("BusinessHoursEditor", () => {
  it("when no hours are set, turning them on starts from Monday–Friday 9 to 6 in the workspace's zone, and Save sends them", async () => {
    const { fetch } = renderPage();
    const form = await hoursForm();
    expect(form.getByText("No hours set: times count all 24 hours of the day.")).toBeTruthy();
    fireEvent.click(form.getByLabelText("Set business hours"));
    expect(form.getByLabelText<HTMLSelectElement>("Time zone of the hours").value).toBe("America/Sao_Paulo");
    expect(form.getByLabelText<HTMLInputElement>("Start (Monday, range 1)").value).toBe("09:00");
    expect(form.getAllByText("Closed")).toHaveLength(2);

    fireEvent.change(form.getByLabelText("End (Friday, range 1)"), { target: { value: "16:00" } });
    fireEvent.click(form.getByRole("button", { name: "Add a range on Saturday" }));
    fireEvent.change(form.getByLabelText("End (Saturday, range 1)"), { target: { value: "12:00" } });
    fireEvent.click(form.getByRole("button", { name: "Save hours" }));

    expect(await screen.findByText("Hours saved.")).toBeTruthy();
    const day = [{ start: "09:00", end: "18:00" }];
    expect(patchBody(fetch.calls)).toEqual({
      businessHours: {
        timezone: "America/Sao_Paulo",
        days: {
          mon: day,
          tue: day,
          wed: day,
          thu: day,
          fri: [{ start: "09:00", end: "16:00" }],
          sat: [{ start: "09:00", end: "12:00" }],
          sun: [],
        },
      },
    });
  });

  it("when saved hours exist, they show; removing a range and turning them off sends null", async () => {
    const { fetch } = renderPage({ hours: savedHours });
    const form = await hoursForm();
    expect(form.getByLabelText<HTMLSelectElement>("Time zone of the hours").value).toBe("America/Recife");
    expect(form.getByLabelText<HTMLInputElement>("End (Wednesday, range 1)").value).toBe("17:00");
    fireEvent.click(form.getByRole("button", { name: "Remove range 1 of Monday" }));
    expect(form.queryByLabelText("Start (Monday, range 1)")).toBeNull();
    fireEvent.click(form.getByLabelText("Set business hours"));
    fireEvent.click(form.getByRole("button", { name: "Save hours" }));
    expect(await screen.findByText("Hours saved.")).toBeTruthy();
    expect(patchBody(fetch.calls)).toEqual({ businessHours: null });
  });

  it("when the server refuses a time, the alert names the field", async () => {
    renderPage({
      hours: savedHours,
      patchError: json(
        {
          error: {
            code: "workspace.invalid_business_hours",
            message: "businessHours.days.mon.0.end: start and end must differ",
            details: { field: "businessHours.days.mon.0.end" },
          },
        },
        422,
      ),
    });
    const form = await hoursForm();
    fireEvent.click(form.getByRole("button", { name: "Save hours" }));
    const alert = await screen.findByRole("alert");
    expect(alert.textContent).toBe(
      "Invalid business hours: check the time zone and the times (HH:MM, start different from end). (businessHours.days.mon.0.end)",
    );
  });

  it("when a supervisor opens it, the hours show read-only without a save button", async () => {
    renderPage({ role: "supervisor", hours: savedHours });
    const form = await hoursForm();
    expect(form.getByLabelText<HTMLInputElement>("Start (Tuesday, range 1)").disabled).toBe(true);
    expect(form.queryByRole("button", { name: "Save hours" })).toBeNull();
    expect(form.queryByRole("button", { name: "Add a range on Sunday" })).toBeNull();
  });
});
