import { fireEvent, screen } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { apiError, json } from "../../../testing/fake-fetch.ts";
import { renderApp } from "../../../testing/test-utils.tsx";
import { SsoSignIn } from "./sso-sign-in.tsx";

const discoverTo = (redirectUrl: string) => ({ method: "POST", path: "/api/v1/auth/sso/discover", respond: () => json({ redirectUrl }) });

afterEach(() => {
  window.history.replaceState(null, "", "/");
});

describe("SsoSignIn", () => {
  it("when an e-mail is already typed, “Entrar com SSO” sends the browser to the provider the server names for it", async () => {
    const navigate = vi.fn();
    const { fetch } = renderApp(<SsoSignIn email="ana@acme.test" navigate={navigate} />, {
      locale: "pt-BR",
      routes: [discoverTo("https://login.acme.test/authorize?client_id=papo")],
    });

    fireEvent.click(screen.getByRole("button", { name: "Entrar com SSO" }));

    await vi.waitFor(() => expect(navigate).toHaveBeenCalledWith("https://login.acme.test/authorize?client_id=papo"));
    expect(fetch.calls.find((c) => c.path === "/api/v1/auth/sso/discover")?.body).toEqual({ email: "ana@acme.test" });
  });

  it("when no e-mail is typed, it asks for one first", async () => {
    const navigate = vi.fn();
    const { fetch } = renderApp(<SsoSignIn email="" navigate={navigate} />, { routes: [discoverTo("https://idp.test/auth")] });

    fireEvent.click(screen.getByRole("button", { name: "Sign in with SSO" }));
    const field = screen.getByLabelText("Work e-mail");
    expect(screen.getByRole("button", { name: "Continue" })).toHaveProperty("disabled", true);
    fireEvent.change(field, { target: { value: " bia@acme.test " } });
    fireEvent.click(screen.getByRole("button", { name: "Continue" }));

    await vi.waitFor(() => expect(navigate).toHaveBeenCalledWith("https://idp.test/auth"));
    expect(fetch.calls.at(-1)?.body).toEqual({ email: "bia@acme.test" });
  });

  it("when the domain has no SSO, it says so and stays on the page", async () => {
    const navigate = vi.fn();
    renderApp(<SsoSignIn email="ana@gmail.test" navigate={navigate} />, {
      routes: [{ method: "POST", path: "/api/v1/auth/sso/discover", respond: () => apiError(404, "auth.sso_not_configured") }],
    });

    fireEvent.click(screen.getByRole("button", { name: "Sign in with SSO" }));

    expect((await screen.findByRole("alert")).textContent).toBe(
      "Single sign-on isn't set up for this e-mail's domain. Sign in with your password.",
    );
    expect(navigate).not.toHaveBeenCalled();
  });
});
