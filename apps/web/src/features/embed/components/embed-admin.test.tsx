import { fireEvent, screen, waitFor } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { buildLogin, buildUser } from "../../../testing/data-generators.ts";
import { apiError, type FakeCall, json } from "../../../testing/fake-fetch.ts";
import { renderApp } from "../../../testing/test-utils.tsx";
import type { EmbedSettings } from "../api/types.ts";
import { EmbedAdmin } from "./embed-admin.tsx";

const stored: EmbedSettings = {
  enabled: true,
  verification: "secret",
  secretConfigured: true,
  secretUpdatedAt: "2026-11-01T12:00:00.000Z",
  jwksUrl: null,
  issuer: "https://crm.example.com",
  audience: "papo",
  maxLifetimeSeconds: 300,
  roleClaim: "role",
  roleMap: { gerente: "supervisor" },
  defaultRole: "agent",
  syncRoles: false,
  jitProvisioning: true,
  frameOrigins: ["https://crm.example.com"],
  embedUrl: "https://papo.example.com/embed?workspace=ws-1",
};

function setup(put: (call: FakeCall) => Response) {
  const puts: FakeCall[] = [];
  const view = renderApp(<EmbedAdmin />, {
    login: buildLogin({ user: buildUser({ role: "admin" }) }),
    routes: [
      { path: "/api/v1/workspace/embed", respond: () => json(stored) },
      {
        method: "PUT",
        path: "/api/v1/workspace/embed",
        respond: (call) => {
          puts.push(call);
          return put(call);
        },
      },
    ],
  });
  return { ...view, puts };
}

describe("EmbedAdmin", () => {
  it("when the settings load, the form shows them (never a secret) with the iframe snippet for the CRM", async () => {
    setup(() => json(stored));
    expect(((await screen.findByLabelText("Issuer (iss)")) as HTMLInputElement).value).toBe("https://crm.example.com");
    expect(screen.getByText(/A secret is configured/)).toBeTruthy();
    expect((screen.getByLabelText("New secret") as HTMLInputElement).value).toBe("");
    expect((screen.getByLabelText("CRM value, row 1") as HTMLInputElement).value).toBe("gerente");
    const snippet = (screen.getByLabelText("The iframe code") as HTMLTextAreaElement).value;
    expect(snippet).toContain('src="https://papo.example.com/embed?workspace=ws-1#token=');
    expect(snippet).toContain('event.origin !== "https://papo.example.com"');
  });

  it("when the admin edits and saves, the PUT carries the form's values and no secret unless one was typed", async () => {
    const { puts } = setup((call) => json({ ...stored, ...(call.body as object) }));
    fireEvent.change(await screen.findByLabelText("Issuer (iss)"), { target: { value: "https://crm2.example.com" } });
    fireEvent.change(screen.getByLabelText("CRM addresses that may show Papo"), {
      target: { value: "https://crm2.example.com\nhttps://app.crm2.example.com\n" },
    });
    fireEvent.click(screen.getByRole("button", { name: "Add a role" }));
    fireEvent.change(screen.getByLabelText("CRM value, row 2"), { target: { value: "dono" } });
    fireEvent.change(screen.getByLabelText("Papo role, row 2"), { target: { value: "admin" } });
    fireEvent.click(screen.getByRole("button", { name: "Save" }));
    expect(await screen.findByText("Settings saved.")).toBeTruthy();
    expect(puts).toHaveLength(1);
    expect(puts[0]?.body).toMatchObject({
      enabled: true,
      verification: "secret",
      issuer: "https://crm2.example.com",
      frameOrigins: ["https://crm2.example.com", "https://app.crm2.example.com"],
      roleMap: { gerente: "supervisor", dono: "admin" },
    });
    expect(puts[0]?.body).not.toHaveProperty("secret");
    expect(puts[0]?.body).not.toHaveProperty("generateSecret");
  });

  it("when the admin generates a secret, it is shown once; a too-short typed secret is refused by the server's reason", async () => {
    let calls = 0;
    const { puts } = setup(() => {
      calls++;
      return calls === 1
        ? json({ ...stored, generatedSecret: "gerado-uma-vez-0123456789abcdef0123456789" })
        : apiError(400, "embed.secret_too_short");
    });
    fireEvent.click(await screen.findByRole("button", { name: "Generate a new secret" }));
    expect(await screen.findByText("gerado-uma-vez-0123456789abcdef0123456789")).toBeTruthy();
    expect(puts[0]?.body).toMatchObject({ generateSecret: true });

    fireEvent.change(screen.getByLabelText("New secret"), { target: { value: "curto" } });
    fireEvent.click(screen.getByRole("button", { name: "Save" }));
    expect(await screen.findByText("The secret must be at least 32 bytes.")).toBeTruthy();
    await waitFor(() => expect(puts[1]?.body).toMatchObject({ secret: "curto" }));
  });
});
