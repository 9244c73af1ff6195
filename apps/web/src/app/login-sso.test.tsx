import { fireEvent, screen } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { LoginPage } from "../features/auth/components/login-page.tsx";
import { SsoSignIn } from "../features/sso/components/sso-sign-in.tsx";
import { apiError, json } from "../testing/fake-fetch.ts";
import { renderApp } from "../testing/test-utils.tsx";

/** The login page as the app composes it: the password step with the single sign-on step below it. */
const noCookie = { method: "POST", path: "/api/v1/auth/refresh", respond: () => apiError(401, "auth.invalid_refresh_token") };
const discoverTo = (redirectUrl: string) => ({ method: "POST", path: "/api/v1/auth/sso/discover", respond: () => json({ redirectUrl }) });

afterEach(() => {
  window.history.replaceState(null, "", "/");
});

describe("login with single sign-on", () => {
  it("when the provider sent the user back with an error, the login page shows why, once", async () => {
    window.history.replaceState(null, "", "/#/login?sso_error=sso.user_not_found");
    renderApp(<LoginPage sso={(email) => <SsoSignIn email={email} navigate={() => {}} />} />, { locale: "pt-BR", routes: [noCookie] });

    expect((await screen.findByRole("alert")).textContent).toBe(
      "O login único não foi concluído: Não há usuário do Papo com este e-mail. Peça a um administrador para criá-lo.",
    );
    // The URL is cleaned by an effect after the render that showed the message.
    await vi.waitFor(() => expect(window.location.hash).toBe(""));
  });

  it("when the login page has the SSO step, the e-mail typed for the password is the one used", async () => {
    const navigate = vi.fn();
    const { fetch } = renderApp(<LoginPage sso={(email) => <SsoSignIn email={email} navigate={navigate} />} />, {
      routes: [noCookie, discoverTo("https://idp.test/auth")],
    });

    fireEvent.change(await screen.findByLabelText("E-mail"), { target: { value: "ana@acme.test" } });
    fireEvent.click(screen.getByRole("button", { name: "Sign in with SSO" }));

    await vi.waitFor(() => expect(navigate).toHaveBeenCalledWith("https://idp.test/auth"));
    expect(fetch.calls.find((c) => c.path === "/api/v1/auth/sso/discover")?.body).toEqual({ email: "ana@acme.test" });
  });

  it("when the workspace requires SSO, the password login's refusal points to it", async () => {
    renderApp(<LoginPage sso={(email) => <SsoSignIn email={email} navigate={() => {}} />} />, {
      routes: [noCookie, { method: "POST", path: "/api/v1/auth/login", respond: () => apiError(403, "auth.sso_required") }],
    });

    fireEvent.change(await screen.findByLabelText("E-mail"), { target: { value: "ana@acme.test" } });
    fireEvent.change(screen.getByLabelText("Password"), { target: { value: "secret-password" } });
    fireEvent.click(screen.getByRole("button", { name: "Sign in" }));

    expect((await screen.findByRole("alert")).textContent).toBe("Your company requires single sign-on: use “Sign in with SSO”.");
  });
});
