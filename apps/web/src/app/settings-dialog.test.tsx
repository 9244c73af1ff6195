import { fireEvent, screen } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { buildLogin } from "../testing/data-generators.ts";
import { json } from "../testing/fake-fetch.ts";
import { renderApp } from "../testing/test-utils.tsx";
import { SettingsDialog } from "./settings-dialog.tsx";

describe("SettingsDialog", () => {
  it("when the agent opens account security, the password, two-factor and sessions sections show, and Back returns", async () => {
    renderApp(<SettingsDialog onClose={() => {}} />, {
      login: buildLogin(),
      routes: [
        { path: "/api/v1/auth/2fa", respond: () => json({ enabled: false, enabledAt: null, recoveryCodesLeft: 0, required: false }) },
        { path: "/api/v1/auth/sessions", respond: () => json({ data: [], nextCursor: null }) },
      ],
    });

    fireEvent.click(screen.getByRole("button", { name: "Account security" }));

    expect(screen.getByRole("dialog", { name: "Security" })).toBeTruthy();
    for (const section of ["Password", "Two-step verification", "Where you're signed in"])
      expect(screen.getByRole("region", { name: section })).toBeTruthy();
    expect(await screen.findByRole("button", { name: "Turn on two-step verification" })).toBeTruthy();
    fireEvent.click(screen.getByRole("button", { name: "Back to preferences" }));
    expect(screen.getByRole("dialog", { name: "Preferences" })).toBeTruthy();
  });
});
