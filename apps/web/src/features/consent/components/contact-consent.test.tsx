import { fireEvent, screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { buildLogin, buildUser, uuid } from "../../../testing/data-generators.ts";
import { apiError, type FakeCall, json } from "../../../testing/fake-fetch.ts";
import { renderApp } from "../../../testing/test-utils.tsx";
import type { ConsentRecord, ContactConsents, RecordConsentBody } from "../api/types.ts";
import { ContactConsent } from "./contact-consent.tsx";

const contactId = uuid();
const me = buildUser({ name: "Ana Agente", role: "agent" });

function buildRecord(overrides: Partial<ConsentRecord> = {}): ConsentRecord {
  return {
    id: uuid(),
    purpose: "marketing",
    state: "withdrawn",
    source: "opt_out_keyword",
    evidence: "SAIR",
    messageId: uuid(),
    recordedBy: { type: "system", id: null, name: "consent-keywords" },
    recordedAt: "2026-03-02T14:05:00.000Z",
    ...overrides,
  };
}

/** An in-memory consent API for one contact: POST appends to the history and becomes the purpose's current state. */
function fakeConsents(initial: ConsentRecord[] = [], { postError }: { postError?: Response } = {}) {
  const history = [...initial];
  const view = (): ContactConsents => {
    const current = (purpose: "service" | "marketing") => {
      const latest = history.find((r) => r.purpose === purpose);
      return latest
        ? { state: latest.state, source: latest.source, updatedAt: latest.recordedAt }
        : { state: "unknown" as const, source: null, updatedAt: null };
    };
    return { contactId, current: { service: current("service"), marketing: current("marketing") }, history: [...history] };
  };
  const path = `/api/v1/contacts/${contactId}/consents`;
  return {
    routes: [
      { path, respond: () => json(view()) },
      {
        method: "POST",
        path,
        respond: (call: FakeCall) => {
          if (postError) return postError;
          const body = call.body as RecordConsentBody;
          history.unshift(
            buildRecord({
              ...body,
              evidence: body.evidence ?? null,
              messageId: null,
              recordedBy: { type: "user", id: me.id, name: me.name },
              recordedAt: new Date().toISOString(),
            }),
          );
          return json(view(), 201);
        },
      },
    ],
  };
}

const renderSection = (server: ReturnType<typeof fakeConsents>) =>
  renderApp(<ContactConsent contact={{ id: contactId }} />, { login: buildLogin({ user: me }), routes: server.routes });

describe("ContactConsent", () => {
  it("when the contact opted out by keyword, marketing shows withdrawn with its source, service unknown, and the history says how", async () => {
    renderSection(fakeConsents([buildRecord()]));

    const marketing = await screen.findByText("Marketing", { selector: "p" });
    expect(within(marketing).getByText("Withdrawn")).toBeTruthy();
    expect(screen.getByText(/^by the customer \(opt-out word\) · /)).toBeTruthy();
    expect(within(screen.getByText("Service", { selector: "p" })).getByText("Not given")).toBeTruthy();
    expect(screen.getByText(/No marketing consent/)).toBeTruthy();

    fireEvent.click(screen.getByText("History (1)"));
    const history = screen.getByRole("list", { name: "Consent history" });
    expect(within(history).getByText("Marketing: Withdrawn")).toBeTruthy();
    expect(within(history).getByText(/^Automatic · /)).toBeTruthy();
    expect(within(history).getByText("Evidence: SAIR")).toBeTruthy();
    // Withdrawing again is pointless: only granting is offered.
    expect((screen.getByRole("button", { name: "Withdraw Marketing consent" }) as HTMLButtonElement).disabled).toBe(true);
    expect((screen.getByRole("button", { name: "Grant Marketing consent" }) as HTMLButtonElement).disabled).toBe(false);
  });

  it("when the agent grants marketing with an evidence note, the console records it and shows the new state and entry", async () => {
    const { fetch } = renderSection(fakeConsents());
    fireEvent.change(await screen.findByLabelText("Evidence (optional)"), { target: { value: "  Pediu por telefone, protocolo 42  " } });

    fireEvent.click(screen.getByRole("button", { name: "Grant Marketing consent" }));

    await waitFor(() => expect(within(screen.getByText("Marketing", { selector: "p" })).getByText("Granted")).toBeTruthy());
    const post = fetch.calls.find((c) => c.method === "POST");
    expect(post?.body).toEqual({ purpose: "marketing", state: "granted", source: "console", evidence: "Pediu por telefone, protocolo 42" });
    expect((screen.getByLabelText("Evidence (optional)") as HTMLTextAreaElement).value).toBe("");
    expect(screen.queryByText(/No marketing consent/)).toBeNull();
    fireEvent.click(screen.getByText("History (1)"));
    expect(within(screen.getByRole("list", { name: "Consent history" })).getByText(/^Ana Agente · /)).toBeTruthy();
  });

  it("when the agent withdraws service without a note, no evidence is sent", async () => {
    const { fetch } = renderSection(fakeConsents());
    fireEvent.click(await screen.findByRole("button", { name: "Withdraw Service consent" }));
    await waitFor(() => expect(fetch.calls.some((c) => c.method === "POST")).toBe(true));
    expect(fetch.calls.find((c) => c.method === "POST")?.body).toEqual({ purpose: "service", state: "withdrawn", source: "console" });
  });

  it("when recording fails, the error shows and the state stays", async () => {
    renderSection(fakeConsents([], { postError: apiError(404, "contacts.not_found") }));
    fireEvent.click(await screen.findByRole("button", { name: "Grant Marketing consent" }));
    expect((await screen.findByRole("alert")).textContent).toBe("Contact not found.");
    expect(within(screen.getByText("Marketing", { selector: "p" })).getByText("Not given")).toBeTruthy();
  });
});
