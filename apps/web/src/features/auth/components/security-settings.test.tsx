import { fireEvent, screen, within } from "@testing-library/react";
import { describe, expect, it, vi } from "vitest";
import { buildLogin, buildUser } from "../../../testing/data-generators.ts";
import { apiError, type FakeRoute, json } from "../../../testing/fake-fetch.ts";
import { renderApp } from "../../../testing/test-utils.tsx";
import type { MfaStatus, SessionInfo } from "../api/types.ts";
import { SecuritySettings } from "./security-settings.tsx";

const now = new Date().toISOString();
const off: MfaStatus = { enabled: false, enabledAt: null, recoveryCodesLeft: 0, required: false };
const here: SessionInfo = {
  id: "11111111-1111-4111-8111-111111111111",
  createdAt: now,
  lastUsedAt: now,
  expiresAt: now,
  userAgent: "Mozilla/5.0 (X11; Linux x86_64; rv:140.0) Gecko/20100101 Firefox/140.0",
  ip: "203.0.113.5",
  current: true,
};
const phone: SessionInfo = {
  ...here,
  id: "22222222-2222-4222-8222-222222222222",
  userAgent: "Mozilla/5.0 (iPhone; CPU iPhone OS 18_0 like Mac OS X) AppleWebKit/605.1.15 Version/18.0 Mobile Safari/604.1",
  current: false,
};

function setup({ mfa = off, role = "agent", routes = [] }: { mfa?: MfaStatus; role?: string; routes?: FakeRoute[] } = {}) {
  let sessions = [here, phone];
  return renderApp(<SecuritySettings />, {
    login: buildLogin({ user: buildUser({ role }) }),
    routes: [
      ...routes,
      { path: "/api/v1/auth/2fa", respond: () => json(mfa) },
      { path: "/api/v1/auth/sessions", respond: () => json({ data: sessions, nextCursor: null }) },
      {
        method: "DELETE",
        path: /^\/api\/v1\/auth\/sessions\//,
        respond: (call) => {
          sessions = sessions.filter((s) => !call.path.endsWith(s.id));
          return new Response(null, { status: 204 });
        },
      },
    ],
  });
}

describe("SecuritySettings", () => {
  it("when the password change is refused, the reason is explained; when it succeeds, the form clears and says so", async () => {
    let attempts = 0;
    setup({
      routes: [
        {
          method: "POST",
          path: "/api/v1/auth/password",
          respond: () => {
            attempts++;
            if (attempts === 1) return apiError(400, "auth.wrong_password");
            if (attempts === 2)
              return json(
                {
                  error: {
                    code: "users.weak_password",
                    message: "newPassword: common",
                    details: { field: "newPassword", reason: "common" },
                  },
                },
                400,
              );
            return new Response(null, { status: 204 });
          },
        },
      ],
    });
    const change = async () => {
      fireEvent.change(screen.getAllByLabelText("Current password")[0] as HTMLElement, { target: { value: "minha-senha-atual" } });
      fireEvent.change(screen.getByLabelText("New password"), { target: { value: "password1234" } });
      fireEvent.click(screen.getByRole("button", { name: "Change password" }));
    };

    await change();
    expect((await screen.findByRole("alert")).textContent).toBe("The current password is wrong.");
    await change();
    await vi.waitFor(() =>
      expect(screen.getByRole("alert").textContent).toBe("That password is too common or has leaked from other sites. Choose another."),
    );
    await change();
    expect(await screen.findByText("Password changed. Your other sessions were signed out.")).toBeTruthy();
    expect(screen.getByLabelText("New password")).toHaveProperty("value", "");
  });

  it("when two-factor is turned on, the QR code and then the ten recovery codes are shown once", async () => {
    let status = off;
    const codes = Array.from({ length: 10 }, (_, i) => `cccc${i}-ddddd`);
    const { fetch } = setup({
      routes: [
        { path: "/api/v1/auth/2fa", respond: () => json(status) },
        {
          method: "POST",
          path: "/api/v1/auth/2fa/setup",
          respond: () => json({ secret: "JBSWY3DPEHPK3PXP", uri: "otpauth://totp/x", qrCode: "data:image/svg+xml;base64,PHN2Zy8+" }),
        },
        {
          method: "POST",
          path: "/api/v1/auth/2fa/enable",
          respond: () => {
            status = { enabled: true, enabledAt: now, recoveryCodesLeft: 10, required: false };
            return json({ recoveryCodes: codes });
          },
        },
      ],
    });

    fireEvent.click(await screen.findByRole("button", { name: "Turn on two-step verification" }));
    expect(await screen.findByRole("img", { name: "QR code to add Papo to your authenticator app" })).toBeTruthy();
    fireEvent.change(screen.getByLabelText("Verification code"), { target: { value: "123456" } });
    fireEvent.click(screen.getByRole("button", { name: "Turn on" }));

    const list = await screen.findByRole("list", { name: "Recovery codes" });
    expect(within(list).getAllByRole("listitem")).toHaveLength(10);
    fireEvent.click(screen.getByRole("button", { name: "I saved them, continue" }));

    expect(await screen.findByText("Two-step verification is on. Your other sessions were signed out.")).toBeTruthy();
    expect(await screen.findByText(/^On since .*Recovery codes left: 10\.$/)).toBeTruthy();
    expect(screen.queryByRole("list", { name: "Recovery codes" })).toBeNull();
    expect(fetch.calls.find((c) => c.path === "/api/v1/auth/2fa/enable")?.body).toEqual({ code: "123456" });
  });

  it("when two-factor is turned off, the password and a recovery code are sent; a workspace that requires it offers no way to turn it off", async () => {
    const on: MfaStatus = { enabled: true, enabledAt: now, recoveryCodesLeft: 7, required: false };
    const { fetch, unmount } = setup({
      mfa: on,
      routes: [{ method: "POST", path: "/api/v1/auth/2fa/disable", respond: () => new Response(null, { status: 204 }) }],
    });

    fireEvent.click(await screen.findByRole("button", { name: "Turn off" }));
    const password = screen.getAllByLabelText("Current password")[1] as HTMLElement;
    fireEvent.change(password, { target: { value: "minha-senha-atual" } });
    fireEvent.change(screen.getByLabelText("App code or recovery code"), { target: { value: "k7mq2-x9fhd" } });
    fireEvent.click(screen.getByRole("button", { name: "Turn off verification" }));

    expect(await screen.findByText("Two-step verification is off.")).toBeTruthy();
    expect(fetch.calls.find((c) => c.path === "/api/v1/auth/2fa/disable")?.body).toEqual({
      password: "minha-senha-atual",
      recoveryCode: "k7mq2-x9fhd",
    });
    unmount();

    setup({ mfa: { ...on, required: true } });
    expect(await screen.findByText("Your company requires two-step verification, so it can't be turned off.")).toBeTruthy();
    expect(screen.queryByRole("button", { name: "Turn off" })).toBeNull();
  });

  it("when the sessions are listed, each names its browser; another one is signed out by id, and everywhere ends this one too", async () => {
    const { fetch, services } = setup({
      routes: [{ method: "POST", path: "/api/v1/auth/logout-all", respond: () => new Response(null, { status: 204 }) }],
    });

    const current = (await screen.findByText("Firefox on Linux")).closest("li") as HTMLElement;
    expect(within(current).getByText("This browser")).toBeTruthy();
    fireEvent.click(screen.getByRole("button", { name: "Sign out the session on Safari on iOS" }));
    await vi.waitFor(() => expect(screen.queryByText("Safari on iOS")).toBeNull());
    expect(fetch.calls.some((c) => c.method === "DELETE" && c.path === `/api/v1/auth/sessions/${phone.id}`)).toBe(true);

    fireEvent.click(screen.getByRole("button", { name: "Sign out everywhere" }));
    await vi.waitFor(() => expect(services.session.get()).toBeNull());
    expect(fetch.calls.some((c) => c.method === "POST" && c.path === "/api/v1/auth/logout-all")).toBe(true);
  });

  it("when an administrator ticks the policy, the workspace requires two-factor; agents do not see it", async () => {
    const { fetch, unmount } = setup({
      role: "admin",
      routes: [
        { path: "/api/v1/workspace/security", respond: () => json({ mfaRequired: false }) },
        { method: "PATCH", path: "/api/v1/workspace/security", respond: (call) => json(call.body) },
      ],
    });

    const box = await screen.findByRole("checkbox", { name: "Require two-step verification for everyone" });
    await vi.waitFor(() => expect(box).toHaveProperty("disabled", false));
    fireEvent.click(box);

    await vi.waitFor(() => expect(box).toHaveProperty("checked", true));
    expect(fetch.calls.find((c) => c.method === "PATCH")?.body).toEqual({ mfaRequired: true });
    unmount();

    setup();
    await screen.findByText("Firefox on Linux");
    expect(screen.queryByRole("checkbox", { name: "Require two-step verification for everyone" })).toBeNull();
  });
});
