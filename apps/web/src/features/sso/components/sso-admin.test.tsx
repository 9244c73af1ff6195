import { fireEvent, screen, waitFor } from "@testing-library/react";
import { describe, expect, it, vi } from "vitest";
import { buildLogin, buildUser } from "../../../testing/data-generators.ts";
import { type FakeCall, json } from "../../../testing/fake-fetch.ts";
import { renderApp } from "../../../testing/test-utils.tsx";
import type { SsoSettings } from "../api/types.ts";
import { SsoAdmin } from "./sso-admin.tsx";

const admin = buildLogin({ user: buildUser({ role: "admin" }) });

const empty: SsoSettings = {
  configured: false,
  enabled: false,
  issuer: "",
  clientId: "",
  clientSecretSet: false,
  allowedDomains: [],
  roleClaim: null,
  roleMap: {},
  defaultRole: "agent",
  jitProvisioning: false,
  ssoRequired: false,
  callbackUrl: "https://papo.acme.test/api/v1/auth/sso/callback",
  updatedAt: null,
};

const saved = (body: Partial<SsoSettings>): SsoSettings => ({
  ...empty,
  ...body,
  configured: true,
  clientSecretSet: true,
  updatedAt: "2026-11-29T10:00:00.000Z",
});

function renderAdmin(settings: SsoSettings, put: (call: FakeCall) => Response) {
  return renderApp(<SsoAdmin />, {
    login: admin,
    routes: [
      { path: "/api/v1/workspace/sso", respond: () => json(settings) },
      { method: "PUT", path: "/api/v1/workspace/sso", respond: put },
    ],
  });
}

describe("SsoAdmin", () => {
  it("when the administrator fills the form, it saves the provider, domains, role mapping and policy", async () => {
    const put = vi.fn((call: FakeCall) => json(saved(call.body as Partial<SsoSettings>)));
    renderAdmin(empty, put);

    fireEvent.click(await screen.findByLabelText("Turn single sign-on on"));
    fireEvent.change(screen.getByLabelText("Issuer URL"), { target: { value: " https://login.acme.test " } });
    fireEvent.change(screen.getByLabelText("Client ID"), { target: { value: "papo" } });
    fireEvent.change(screen.getByLabelText("Client secret"), { target: { value: "s3cret" } });
    fireEvent.change(screen.getByLabelText("E-mail domains"), { target: { value: "acme.test, acme.com.br" } });
    fireEvent.change(screen.getByLabelText("Groups or role claim (optional)"), { target: { value: "groups" } });
    fireEvent.change(screen.getByLabelText("Role mapping"), { target: { value: "papo-admins = admin\n\nsupport = Supervisor" } });
    fireEvent.click(screen.getByLabelText("Create people automatically at their first sign-in"));
    fireEvent.click(screen.getByLabelText("Require single sign-on"));
    fireEvent.click(screen.getByRole("button", { name: "Save" }));

    expect(await screen.findByText("Configuration saved.")).toBeTruthy();
    expect(put.mock.calls[0]?.[0].body).toEqual({
      enabled: true,
      issuer: "https://login.acme.test",
      clientId: "papo",
      clientSecret: "s3cret",
      allowedDomains: ["acme.test", "acme.com.br"],
      roleClaim: "groups",
      roleMap: { "papo-admins": "admin", support: "supervisor" },
      defaultRole: "agent",
      jitProvisioning: true,
      ssoRequired: true,
    });
    expect((screen.getByLabelText("Redirect URI to register at the provider") as HTMLInputElement).value).toBe(
      "https://papo.acme.test/api/v1/auth/sso/callback",
    );
  });

  it("when a secret is stored, it is not shown and is sent only if a new one is typed", async () => {
    const put = vi.fn((call: FakeCall) => json(saved(call.body as Partial<SsoSettings>)));
    renderAdmin(saved({ enabled: true, issuer: "https://login.acme.test", clientId: "papo", allowedDomains: ["acme.test"] }), put);

    const secret = (await screen.findByLabelText("Client secret")) as HTMLInputElement;
    expect(secret.value).toBe("");
    expect(screen.getByText("A secret is stored (it is never shown). Leave empty to keep it.")).toBeTruthy();
    fireEvent.click(screen.getByRole("button", { name: "Save" }));

    await waitFor(() => expect(put).toHaveBeenCalledTimes(1));
    expect(put.mock.calls[0]?.[0].body).not.toHaveProperty("clientSecret");
  });

  it("when the server refuses a field, the message shows beside that field", async () => {
    renderAdmin(empty, (call) =>
      (call.body as { clientSecret?: string }).clientSecret
        ? json(
            {
              error: {
                code: "request.invalid",
                message: "body.issuer: must be an https:// URL (http only for localhost)",
                details: { issues: [{ field: "body.issuer", message: "must be an https:// URL" }] },
              },
            },
            400,
          )
        : json(
            { error: { code: "sso.client_secret_required", message: "clientSecret: required", details: { field: "clientSecret" } } },
            400,
          ),
    );

    fireEvent.change(await screen.findByLabelText("Issuer URL"), { target: { value: "http://idp.acme.test" } });
    fireEvent.click(screen.getByRole("button", { name: "Save" }));
    expect(await screen.findByText("Enter the client secret (required the first time).")).toBeTruthy();
    expect(screen.getByLabelText("Client secret").getAttribute("aria-invalid")).toBe("true");

    fireEvent.change(screen.getByLabelText("Client secret"), { target: { value: "s3cret" } });
    fireEvent.click(screen.getByRole("button", { name: "Save" }));
    expect(await screen.findByText("Enter an https:// URL (http only for localhost), without ? or #.")).toBeTruthy();
    expect(screen.getByLabelText("Issuer URL").getAttribute("aria-invalid")).toBe("true");
  });

  it("when a role mapping line is malformed, it names the line and sends nothing", async () => {
    const put = vi.fn(() => json(empty));
    renderAdmin(empty, put);

    fireEvent.change(await screen.findByLabelText("Role mapping"), { target: { value: "ok = agent\nbroken line" } });
    fireEvent.click(screen.getByRole("button", { name: "Save" }));

    expect(await screen.findByText("Line 2: use value = admin, supervisor or agent.")).toBeTruthy();
    expect(put).not.toHaveBeenCalled();
  });

  it("when discovery is tested, it shows the provider's endpoints, or why it failed", async () => {
    let ok = true;
    const { fetch } = renderApp(<SsoAdmin />, {
      login: admin,
      routes: [
        { path: "/api/v1/workspace/sso", respond: () => json(empty) },
        {
          method: "POST",
          path: "/api/v1/workspace/sso/test-discovery",
          respond: () =>
            ok
              ? json({
                  issuer: "https://login.acme.test",
                  authorizationEndpoint: "https://login.acme.test/authorize",
                  tokenEndpoint: "https://login.acme.test/token",
                  userinfoEndpoint: null,
                  jwksUri: null,
                  pkceS256Listed: true,
                })
              : json(
                  {
                    error: {
                      code: "sso.discovery_failed",
                      message: "issuer: could not read https://nowhere.test/.well-known/openid-configuration (fetch failed: ENOTFOUND)",
                      details: { field: "issuer" },
                    },
                  },
                  400,
                ),
        },
      ],
    });

    fireEvent.change(await screen.findByLabelText("Issuer URL"), { target: { value: "https://login.acme.test" } });
    fireEvent.click(screen.getByRole("button", { name: "Test discovery" }));
    expect(await screen.findByText("Provider found: https://login.acme.test")).toBeTruthy();
    expect(fetch.calls.at(-1)?.body).toEqual({ issuer: "https://login.acme.test" });

    ok = false;
    fireEvent.change(screen.getByLabelText("Issuer URL"), { target: { value: "https://nowhere.test" } });
    fireEvent.click(screen.getByRole("button", { name: "Test discovery" }));
    expect(await screen.findByText(/^Test failed: Couldn't read the provider's configuration at this address\. .*ENOTFOUND/)).toBeTruthy();
  });
});
