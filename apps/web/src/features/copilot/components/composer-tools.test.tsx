import { fireEvent, screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it, vi } from "vitest";
import { buildConversation, buildLogin } from "../../../testing/data-generators.ts";
import { apiError, type FakeRoute, json } from "../../../testing/fake-fetch.ts";
import { renderApp } from "../../../testing/test-utils.tsx";
import type { RewriteStyle } from "../api/types.ts";
import { buildCopilotStatus, DraftHarness, statusRoute } from "../testing/copilot-fakes.tsx";
import { ComposerTools } from "./composer-tools.tsx";

const REWRITTEN: Record<RewriteStyle, string> = {
  formal: "Prezado cliente, seu pedido foi enviado.",
  friendly: "Oi! Seu pedido já foi 😊",
  shorter: "Pedido enviado.",
  fix: "Seu pedido foi enviado.",
};

const rewriteRoute: FakeRoute = {
  method: "POST",
  path: "/api/v1/copilot/rewrite",
  respond: (call) => json({ text: REWRITTEN[(call.body as { style: RewriteStyle }).style], engine: "provider" }),
};

function renderTools({
  conversation = buildConversation({ ai: { language: "en", sentiment: null, needsAttention: false } }),
  routes = [] as FakeRoute[],
  status = buildCopilotStatus(),
  onSend = vi.fn(),
} = {}) {
  const result = renderApp(
    <DraftHarness conversation={conversation} onSend={onSend}>
      {(draft) => <ComposerTools composer={draft} />}
    </DraftHarness>,
    { login: buildLogin(), routes: [...routes, rewriteRoute, statusRoute(status)] },
  );
  return { ...result, onSend, draft: screen.getByLabelText("Draft") as HTMLTextAreaElement };
}

const openMenu = async () => {
  fireEvent.click(await screen.findByRole("button", { name: "AI tools" }));
  return within(await screen.findByRole("menu", { name: "AI tools" }));
};

describe("Composer AI tools", () => {
  it("when the agent rewrites the draft, it is replaced, and Undo puts the original back", async () => {
    const { fetch, draft } = renderTools();
    fireEvent.change(draft, { target: { value: "seu pedido foi enviad" } });

    const menu = await openMenu();
    fireEvent.click(menu.getByRole("menuitem", { name: "Make it more formal" }));

    await waitFor(() => expect(draft.value).toBe(REWRITTEN.formal));
    expect(fetch.calls.find((c) => c.path === "/api/v1/copilot/rewrite")?.body).toEqual({
      text: "seu pedido foi enviad",
      style: "formal",
      language: "en",
    });
    expect(screen.getByText("Provider AI")).toBeTruthy();

    fireEvent.click(screen.getByRole("button", { name: "Undo" }));

    expect(draft.value).toBe("seu pedido foi enviad");
    expect(screen.queryByRole("button", { name: "Undo" })).toBeNull();
  });

  it("when the menu is open, arrows move between the styles and Enter rewrites", async () => {
    const { draft } = renderTools();
    fireEvent.change(draft, { target: { value: "seu pedido foi enviad" } });
    const menu = await openMenu();
    await waitFor(() => expect(document.activeElement).toBe(menu.getByRole("menuitem", { name: "Make it more formal" })));

    fireEvent.keyDown(document.activeElement as Element, { key: "ArrowDown" });
    fireEvent.keyDown(document.activeElement as Element, { key: "ArrowDown" });
    expect(document.activeElement).toBe(menu.getByRole("menuitem", { name: "Make it shorter" }));
    fireEvent.keyDown(document.activeElement as Element, { key: "Enter" });

    await waitFor(() => expect(draft.value).toBe(REWRITTEN.shorter));
  });

  it("when translating into the customer's language, both texts show and the agent can send the translation", async () => {
    const onSend = vi.fn();
    const { fetch, draft } = renderTools({
      onSend,
      routes: [
        {
          method: "POST",
          path: "/api/v1/copilot/translate",
          respond: () => json({ text: "Your order ships tomorrow.", from: "pt", to: "en", engine: "provider" }),
        },
      ],
    });
    fireEvent.change(draft, { target: { value: "Seu pedido sai amanhã." } });

    const menu = await openMenu();
    fireEvent.click(menu.getByRole("menuitem", { name: "Translate into the customer's language (English)" }));

    expect(await screen.findByText("Translation (English)")).toBeTruthy();
    expect(screen.getByText("Your order ships tomorrow.")).toBeTruthy();
    expect(screen.getByText("Original").nextElementSibling?.textContent).toBe("Seu pedido sai amanhã.");
    expect(fetch.calls.find((c) => c.path === "/api/v1/copilot/translate")?.body).toEqual({ text: "Seu pedido sai amanhã.", to: "en" });
    expect(draft.value).toBe("Seu pedido sai amanhã.");

    fireEvent.click(screen.getByRole("button", { name: "Send translation" }));

    expect(onSend).toHaveBeenCalledWith("Your order ships tomorrow.");
  });

  it("when no engine can translate or rewrite, the options are disabled and say to configure a provider", async () => {
    const { fetch, draft } = renderTools({
      status: buildCopilotStatus({ providerConfigured: false, capabilities: ["language", "sentiment"] }),
    });
    fireEvent.change(draft, { target: { value: "Olá" } });

    const menu = await openMenu();
    const translate = menu.getByRole("menuitem", { name: /Translate into the customer's language/ });
    expect(translate.getAttribute("aria-disabled")).toBe("true");
    expect(translate.textContent).toContain("Configure an AI provider.");
    expect(menu.getByRole("menuitem", { name: /Fix spelling/ }).getAttribute("aria-disabled")).toBe("true");

    fireEvent.click(translate);
    expect(fetch.calls.some((c) => c.path === "/api/v1/copilot/translate")).toBe(false);
  });

  it("when the server answers 422 capability unavailable, its message is shown and the draft is kept", async () => {
    const { draft } = renderTools({
      routes: [{ method: "POST", path: "/api/v1/copilot/translate", respond: () => apiError(422, "copilot.capability_unavailable") }],
    });
    fireEvent.change(draft, { target: { value: "Olá" } });

    const menu = await openMenu();
    fireEvent.click(menu.getByRole("menuitem", { name: /Translate into the customer's language/ }));

    expect((await screen.findByRole("alert")).textContent).toBe("The AI could not do it: Configure an AI provider to use this feature.");
    expect(draft.value).toBe("Olá");
  });

  it("when the customer's language is unknown or the draft is empty, translating is disabled with the reason", async () => {
    renderTools({ conversation: buildConversation({ ai: null }) });

    const menu = await openMenu();

    expect(menu.getByRole("menuitem", { name: /Translate/ }).textContent).toContain("The customer's language is not known yet.");
    expect(menu.getByRole("menuitem", { name: /Make it shorter/ }).textContent).toContain("Write the message first.");
  });

  it("when the workspace switched rewriting and translation off, there is no AI tools button", async () => {
    const { fetch } = renderTools({
      status: buildCopilotStatus({ features: { ...buildCopilotStatus().features, rewrite: false, translation: false } }),
    });

    await waitFor(() => expect(fetch.calls.some((c) => c.path === "/api/v1/copilot/status")).toBe(true));
    expect(screen.queryByRole("button", { name: "AI tools" })).toBeNull();
  });
});
