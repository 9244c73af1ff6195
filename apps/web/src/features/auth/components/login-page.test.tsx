import { fireEvent, screen } from "@testing-library/react";
import { describe, expect, it, vi } from "vitest";
import { buildLogin, buildUser } from "../../../testing/data-generators.ts";
import { apiError, json } from "../../../testing/fake-fetch.ts";
import { renderApp } from "../../../testing/test-utils.tsx";
import { LoginPage } from "./login-page.tsx";

/** The form appears once the page has asked whether a refresh cookie holds a session (here: none). */
async function fillAndSubmit(email: string, password: string) {
  fireEvent.change(await screen.findByLabelText("E-mail"), { target: { value: email } });
  fireEvent.change(screen.getByLabelText("Password"), { target: { value: password } });
  fireEvent.click(screen.getByRole("button", { name: "Sign in" }));
}

const noCookie = { method: "POST", path: "/api/v1/auth/refresh", respond: () => apiError(401, "auth.invalid_refresh_token") };

describe("LoginPage", () => {
  it("when the password is wrong, it says so in the agent's language", async () => {
    renderApp(<LoginPage />, {
      routes: [
        noCookie,
        { method: "POST", path: "/api/v1/auth/login", respond: () => apiError(401, "auth.invalid_credentials", "Invalid") },
      ],
    });

    await fillAndSubmit("ana@papo.test", "wrong-password");

    expect(await screen.findByRole("alert")).toHaveProperty("textContent", "Wrong e-mail or password.");
  });

  it("when too many attempts were made, the rate-limit message shows (in pt-BR by default)", async () => {
    renderApp(<LoginPage />, {
      locale: "pt-BR",
      routes: [noCookie, { method: "POST", path: "/api/v1/auth/login", respond: () => apiError(429, "request.rate_limited") }],
    });

    fireEvent.change(await screen.findByLabelText("E-mail"), { target: { value: "ana@papo.test" } });
    fireEvent.change(screen.getByLabelText("Senha"), { target: { value: "x" } });
    fireEvent.click(screen.getByRole("button", { name: "Entrar" }));

    expect((await screen.findByRole("alert")).textContent).toBe("Muitas tentativas. Aguarde um minuto e tente de novo.");
  });

  it("when the account is locked, the message says how many minutes to wait", async () => {
    renderApp(<LoginPage />, {
      routes: [
        noCookie,
        {
          method: "POST",
          path: "/api/v1/auth/login",
          respond: () => json({ error: { code: "auth.locked", message: "locked", details: { retryAfter: 290 } } }, 429),
        },
      ],
    });

    await fillAndSubmit("ana@papo.test", "any-password");

    expect((await screen.findByRole("alert")).textContent).toBe("Too many failed attempts. For your security, try again in 5 min.");
  });

  it("when the credentials are right, the session starts in memory with the token and user from the answer", async () => {
    const login = buildLogin({ token: "fresh-token" });
    const { services, fetch } = renderApp(<LoginPage />, {
      routes: [noCookie, { method: "POST", path: "/api/v1/auth/login", respond: () => json(login) }],
    });

    await fillAndSubmit(" ana@papo.test ", "right-password");

    await vi.waitFor(() => expect(services.session.get()?.token).toBe("fresh-token"));
    expect(fetch.calls.find((c) => c.path === "/api/v1/auth/login")?.body).toEqual({ email: "ana@papo.test", password: "right-password" });
    expect(window.localStorage.getItem("papo.session")).toBeNull();
  });

  it("when the page loads with a refresh cookie, the session comes back without typing the password", async () => {
    const user = buildUser({ name: "Ana Agente" });
    const { services } = renderApp(<LoginPage />, {
      routes: [{ method: "POST", path: "/api/v1/auth/refresh", respond: () => json(buildLogin({ token: "restored", user })) }],
    });

    expect(screen.getByRole("status").textContent).toBe("Resuming your session…");
    await vi.waitFor(() => expect(services.session.get()?.token).toBe("restored"));
    expect(services.session.get()?.user.name).toBe("Ana Agente");
  });

  it("when the user has two-factor, the code step follows the password and the code completes the login", async () => {
    const { services, fetch } = renderApp(<LoginPage />, {
      routes: [
        noCookie,
        { method: "POST", path: "/api/v1/auth/login", respond: () => json({ mfaRequired: true, mfaToken: "mfa-1", expiresIn: 300 }) },
        {
          method: "POST",
          path: "/api/v1/auth/2fa/verify",
          respond: (call) =>
            (call.body as { code?: string }).code === "123456"
              ? json(buildLogin({ token: "after-mfa" }))
              : apiError(401, "auth.invalid_mfa_code"),
        },
      ],
    });

    await fillAndSubmit("ana@papo.test", "right-password");
    const code = await screen.findByLabelText("Verification code");
    expect(services.session.get()).toBeNull();
    fireEvent.change(code, { target: { value: "000 000" } });
    fireEvent.click(screen.getByRole("button", { name: "Verify" }));
    expect((await screen.findByRole("alert")).textContent).toBe("The code is wrong, expired or already used.");

    fireEvent.change(code, { target: { value: "123 456" } });
    fireEvent.click(screen.getByRole("button", { name: "Verify" }));

    await vi.waitFor(() => expect(services.session.get()?.token).toBe("after-mfa"));
    expect(fetch.calls.filter((c) => c.path === "/api/v1/auth/2fa/verify").at(-1)?.body).toEqual({ mfaToken: "mfa-1", code: "123456" });
  });

  it("when the phone is lost, a recovery code can be used instead", async () => {
    const { services, fetch } = renderApp(<LoginPage />, {
      routes: [
        noCookie,
        { method: "POST", path: "/api/v1/auth/login", respond: () => json({ mfaRequired: true, mfaToken: "mfa-2", expiresIn: 300 }) },
        { method: "POST", path: "/api/v1/auth/2fa/verify", respond: () => json(buildLogin({ token: "via-recovery" })) },
      ],
    });

    await fillAndSubmit("ana@papo.test", "right-password");
    fireEvent.click(await screen.findByRole("button", { name: "Use a recovery code" }));
    fireEvent.change(screen.getByLabelText("Recovery code"), { target: { value: " k7mq2-x9fhd " } });
    fireEvent.click(screen.getByRole("button", { name: "Verify" }));

    await vi.waitFor(() => expect(services.session.get()?.token).toBe("via-recovery"));
    expect(fetch.calls.find((c) => c.path === "/api/v1/auth/2fa/verify")?.body).toEqual({ mfaToken: "mfa-2", recoveryCode: "k7mq2-x9fhd" });
  });

  it("when the workspace requires two-factor, the user enrols with the QR code and sees the recovery codes before entering", async () => {
    const codes = Array.from({ length: 10 }, (_, i) => `aaaa${i}-bbbbb`);
    const { services, fetch } = renderApp(<LoginPage />, {
      routes: [
        noCookie,
        {
          method: "POST",
          path: "/api/v1/auth/login",
          respond: () => json({ mfaSetupRequired: true, mfaToken: "setup-1", expiresIn: 900 }),
        },
        {
          method: "POST",
          path: "/api/v1/auth/2fa/setup",
          respond: () =>
            json({ secret: "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP", uri: "otpauth://totp/x", qrCode: "data:image/svg+xml;base64,PHN2Zy8+" }),
        },
        {
          method: "POST",
          path: "/api/v1/auth/2fa/enable",
          respond: () => json({ recoveryCodes: codes, ...buildLogin({ token: "enrolled" }) }),
        },
      ],
    });

    await fillAndSubmit("ana@papo.test", "right-password");
    expect(await screen.findByRole("img", { name: "QR code to add Papo to your authenticator app" })).toHaveProperty(
      "src",
      "data:image/svg+xml;base64,PHN2Zy8+",
    );
    expect(screen.getByText("JBSW Y3DP EHPK 3PXP JBSW Y3DP EHPK 3PXP")).toBeTruthy();
    fireEvent.change(screen.getByLabelText("Verification code"), { target: { value: "654321" } });
    fireEvent.click(screen.getByRole("button", { name: "Turn on" }));

    const list = await screen.findByRole("list", { name: "Recovery codes" });
    expect(list.textContent).toContain("aaaa9-bbbbb");
    expect(services.session.get()).toBeNull();
    fireEvent.click(screen.getByRole("button", { name: "I saved them, continue" }));

    expect(services.session.get()?.token).toBe("enrolled");
    expect(fetch.calls.find((c) => c.path === "/api/v1/auth/2fa/setup")?.body).toEqual({ mfaToken: "setup-1" });
    expect(fetch.calls.find((c) => c.path === "/api/v1/auth/2fa/enable")?.body).toEqual({ code: "654321", mfaToken: "setup-1" });
  });
});
