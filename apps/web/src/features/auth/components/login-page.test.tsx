import { fireEvent, screen } from "@testing-library/react";
import { describe, expect, it, vi } from "vitest";
import { buildLogin } from "../../../testing/data-generators.ts";
import { apiError, json } from "../../../testing/fake-fetch.ts";
import { renderApp } from "../../../testing/test-utils.tsx";
import { LoginPage } from "./login-page.tsx";

function fillAndSubmit(email: string, password: string) {
  fireEvent.change(screen.getByLabelText("E-mail"), { target: { value: email } });
  fireEvent.change(screen.getByLabelText("Password"), { target: { value: password } });
  fireEvent.click(screen.getByRole("button", { name: "Sign in" }));
}

describe("LoginPage", () => {
  it("when the password is wrong, it says so in the agent's language", async () => {
    renderApp(<LoginPage />, {
      routes: [{ method: "POST", path: "/api/v1/auth/login", respond: () => apiError(401, "auth.invalid_credentials", "Invalid") }],
    });

    fillAndSubmit("ana@papo.test", "wrong-password");

    expect(await screen.findByRole("alert")).toHaveProperty("textContent", "Wrong e-mail or password.");
  });

  it("when too many attempts were made, the rate-limit message shows (in pt-BR by default)", async () => {
    renderApp(<LoginPage />, {
      locale: "pt-BR",
      routes: [{ method: "POST", path: "/api/v1/auth/login", respond: () => apiError(429, "request.rate_limited") }],
    });

    fireEvent.change(screen.getByLabelText("E-mail"), { target: { value: "ana@papo.test" } });
    fireEvent.change(screen.getByLabelText("Senha"), { target: { value: "x" } });
    fireEvent.click(screen.getByRole("button", { name: "Entrar" }));

    expect((await screen.findByRole("alert")).textContent).toBe("Muitas tentativas. Aguarde um minuto e tente de novo.");
  });

  it("when the credentials are right, the session starts with the token and user from the answer", async () => {
    const login = buildLogin({ token: "fresh-token" });
    const { services, fetch } = renderApp(<LoginPage />, {
      routes: [{ method: "POST", path: "/api/v1/auth/login", respond: () => json(login) }],
    });

    fillAndSubmit(" ana@papo.test ", "right-password");

    await screen.findByRole("button", { name: "Sign in" });
    await vi.waitFor(() => expect(services.session.get()?.token).toBe("fresh-token"));
    expect(fetch.calls[0]?.body).toEqual({ email: "ana@papo.test", password: "right-password" });
  });
});
