import { fireEvent, screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it, vi } from "vitest";
import type { Conversation, Message } from "../../../lib/api-types.ts";
import { buildConversation, buildLogin, buildMessage, buildTemplate } from "../../../testing/data-generators.ts";
import { apiError, type FakeRoute, json } from "../../../testing/fake-fetch.ts";
import { renderApp } from "../../../testing/test-utils.tsx";
import { Composer } from "./composer.tsx";

function sendRoute(conversation: Conversation): FakeRoute {
  return {
    method: "POST",
    path: `/api/v1/conversations/${conversation.id}/messages`,
    respond: (call) =>
      json(buildMessage({ conversationId: conversation.id, direction: "outbound", status: "queued", ...(call.body as object) }), 202),
  };
}

const uploadRoute: FakeRoute = { method: "POST", path: "/api/v1/media", respond: () => json({ id: "media-1", status: "stored" }, 201) };

function renderComposer({ conversation = buildConversation(), replyTo = null, routes = [] as FakeRoute[], onCancelReply = vi.fn() } = {}) {
  const result = renderApp(<Composer conversation={conversation} replyTo={replyTo as Message | null} onCancelReply={onCancelReply} />, {
    login: buildLogin(),
    // Routes given by the test come first: the first match answers.
    routes: [...routes, sendRoute(conversation), uploadRoute],
  });
  return { ...result, conversation, textarea: screen.queryByLabelText("Message") as HTMLTextAreaElement };
}

describe("Composer", () => {
  it("when the agent presses Enter, the text is sent and the box empties", async () => {
    const { fetch, conversation, textarea } = renderComposer();

    fireEvent.change(textarea, { target: { value: "Seu pedido saiu hoje." } });
    fireEvent.keyDown(textarea, { key: "Enter" });

    await waitFor(() => expect(textarea.value).toBe(""));
    expect(fetch.calls).toHaveLength(1);
    expect(fetch.calls[0]).toMatchObject({
      method: "POST",
      path: `/api/v1/conversations/${conversation.id}/messages`,
      body: { type: "text", body: "Seu pedido saiu hoje." },
    });
    expect(fetch.calls[0]?.headers["idempotency-key"]).toMatch(/^[0-9a-f-]{36}$/);
  });

  it("when the agent presses Shift+Enter, nothing is sent and the browser inserts the new line", () => {
    const { fetch, textarea } = renderComposer();
    fireEvent.change(textarea, { target: { value: "linha 1" } });

    const notPrevented = fireEvent.keyDown(textarea, { key: "Enter", shiftKey: true });

    expect(notPrevented).toBe(true);
    expect(fetch.calls).toHaveLength(0);
  });

  it("when the text is only spaces, Enter sends nothing", () => {
    const { fetch, textarea } = renderComposer();
    fireEvent.change(textarea, { target: { value: "   " } });

    fireEvent.keyDown(textarea, { key: "Enter" });

    expect(fetch.calls).toHaveLength(0);
  });

  it("when the agent attaches an image with a caption, it is uploaded first and then sent by its media id", async () => {
    const { fetch, conversation } = renderComposer();
    const file = new File(["png-bytes"], "produto.png", { type: "image/png" });

    fireEvent.change(screen.getByLabelText("Attach a file", { selector: "input" }), { target: { files: [file] } });
    fireEvent.change(screen.getByLabelText("Caption (optional)"), { target: { value: "Segue a foto" } });
    fireEvent.click(screen.getByRole("button", { name: "Send" }));

    await waitFor(() => expect(fetch.calls).toHaveLength(2));
    expect(fetch.calls[0]?.path).toBe("/api/v1/media");
    const upload = fetch.calls[0]?.body as FormData;
    expect((upload.get("file") as File).name).toBe("produto.png");
    expect(fetch.calls[1]).toMatchObject({
      path: `/api/v1/conversations/${conversation.id}/messages`,
      body: { type: "image", mediaId: "media-1", caption: "Segue a foto" },
    });
    await waitFor(() => expect(screen.queryByText(/Attachment:/)).toBeNull());
  });

  it("when a PDF is dropped on the composer, it is sent as a document with its file name", async () => {
    const { fetch } = renderComposer();
    const file = new File(["%PDF"], "boleto.pdf", { type: "application/pdf" });
    const form = screen.getByLabelText("Message").closest("form") as HTMLFormElement;

    fireEvent.drop(form, { dataTransfer: { files: [file], types: ["Files"] } });
    expect(screen.getByText(/Attachment: boleto\.pdf/)).toBeTruthy();
    fireEvent.click(screen.getByRole("button", { name: "Send" }));

    await waitFor(() => expect(fetch.calls).toHaveLength(2));
    expect(fetch.calls[1]?.body).toEqual({ type: "document", mediaId: "media-1", filename: "boleto.pdf" });
  });

  it("when an audio file is pasted, it is attached and sent as audio without a caption", async () => {
    const { fetch, textarea } = renderComposer();
    const file = new File(["ogg"], "nota.ogg", { type: "audio/ogg" });

    fireEvent.paste(textarea, { clipboardData: { files: [file] } });
    fireEvent.keyDown(textarea, { key: "Enter" });

    await waitFor(() => expect(fetch.calls).toHaveLength(2));
    expect(fetch.calls[1]?.body).toEqual({ type: "audio", mediaId: "media-1" });
  });

  it("when replying to a message, the quote shows and the send carries replyTo", async () => {
    const original = buildMessage({ text: "Qual o prazo de entrega?" });
    const onCancelReply = vi.fn();
    const { fetch, textarea } = renderComposer({ replyTo: original as never, onCancelReply });

    expect(screen.getByText("Qual o prazo de entrega?")).toBeTruthy();
    fireEvent.change(textarea, { target: { value: "3 dias úteis" } });
    fireEvent.keyDown(textarea, { key: "Enter" });

    await waitFor(() => expect(fetch.calls).toHaveLength(1));
    expect(fetch.calls[0]?.body).toEqual({ type: "text", body: "3 dias úteis", replyTo: original.id });
    await waitFor(() => expect(onCancelReply).toHaveBeenCalled());
  });

  it("when the send is refused, the translated reason shows and the text is kept", async () => {
    const conversation = buildConversation();
    const { textarea } = renderComposer({
      conversation,
      routes: [
        {
          method: "POST",
          path: `/api/v1/conversations/${conversation.id}/messages`,
          respond: () => apiError(422, "messages.window_closed"),
        },
      ],
    });

    fireEvent.change(textarea, { target: { value: "Olá?" } });
    fireEvent.keyDown(textarea, { key: "Enter" });

    expect((await screen.findByRole("alert")).textContent).toBe("Not sent: The 24-hour window has closed: send an approved template.");
    expect(textarea.value).toBe("Olá?");
  });

  it("when there is a slot for suggestions, it is in the page for the copilot to fill", () => {
    renderApp(
      <Composer
        conversation={buildConversation()}
        replyTo={null}
        onCancelReply={vi.fn()}
        suggestions={<button type="button">Sugestão</button>}
      />,
      { login: buildLogin() },
    );

    expect(within(screen.getByRole("region", { name: "Suggestions" })).getByRole("button", { name: "Sugestão" })).toBeTruthy();
  });
});

describe("Composer with the 24-hour window closed", () => {
  const closed = () => buildConversation({ windowOpen: false, windowExpiresAt: "2026-01-01T00:00:00.000Z" });
  const templatesRoute = (conversation: Conversation): FakeRoute => ({
    path: `/api/v1/channels/${conversation.channelId}/templates`,
    respond: () =>
      json({
        data: [
          buildTemplate(),
          buildTemplate({ name: "promo_rejeitada", status: "REJECTED" }),
          buildTemplate({ name: "boas_vindas", components: [{ type: "BODY", text: "Olá {{nome}}! Seja bem-vindo." }] }),
        ],
      }),
  });

  it("when the window is closed, the text box is replaced by the approved templates", async () => {
    const conversation = closed();
    renderComposer({ conversation, routes: [templatesRoute(conversation)] });

    const list = within(await screen.findByRole("list", { name: "Approved templates" }));
    expect(list.getByText("lembrete_consulta")).toBeTruthy();
    expect(list.getByText("boas_vindas")).toBeTruthy();
    expect(list.queryByText("promo_rejeitada")).toBeNull();
    expect(screen.queryByLabelText("Message")).toBeNull();
  });

  it("when a template is chosen and filled, the preview shows the values and the send carries them as body parameters", async () => {
    const conversation = closed();
    const { fetch } = renderApp(<Composer conversation={conversation} replyTo={null} onCancelReply={vi.fn()} />, {
      login: buildLogin(),
      routes: [templatesRoute(conversation), sendRoute(conversation)],
    });

    fireEvent.click(await screen.findByRole("button", { name: /lembrete_consulta/ }));
    fireEvent.change(screen.getByLabelText("Variable {{1}}"), { target: { value: "Lia" } });
    const preview = screen.getByTestId("template-preview");
    expect(preview.textContent).toContain("Olá Lia, sua consulta na {{2}} está confirmada.");
    expect((screen.getByRole("button", { name: "Send template" }) as HTMLButtonElement).disabled).toBe(true);
    fireEvent.change(screen.getByLabelText("Variable {{2}}"), { target: { value: "Clínica Sol" } });
    expect(preview.textContent).toContain("Olá Lia, sua consulta na Clínica Sol está confirmada.");
    fireEvent.click(screen.getByRole("button", { name: "Send template" }));

    await waitFor(() => expect(fetch.calls.filter((c) => c.method === "POST")).toHaveLength(1));
    expect(fetch.calls.find((c) => c.method === "POST")?.body).toEqual({
      type: "template",
      name: "lembrete_consulta",
      language: "pt_BR",
      components: [
        {
          type: "body",
          parameters: [
            { type: "text", text: "Lia" },
            { type: "text", text: "Clínica Sol" },
          ],
        },
      ],
    });
  });

  it("when a template has named variables, they are sent with their parameter names", async () => {
    const conversation = closed();
    const { fetch } = renderApp(<Composer conversation={conversation} replyTo={null} onCancelReply={vi.fn()} />, {
      login: buildLogin(),
      routes: [templatesRoute(conversation), sendRoute(conversation)],
    });

    fireEvent.change(await screen.findByLabelText("Search templates"), { target: { value: "boas" } });
    expect(screen.queryByRole("button", { name: /lembrete_consulta/ })).toBeNull();
    fireEvent.click(screen.getByRole("button", { name: /boas_vindas/ }));
    fireEvent.change(screen.getByLabelText("Variable {{nome}}"), { target: { value: "Lia" } });
    expect(screen.getByTestId("template-preview").textContent).toContain("Olá Lia! Seja bem-vindo.");
    fireEvent.click(screen.getByRole("button", { name: "Send template" }));

    await waitFor(() => expect(fetch.calls.some((c) => c.method === "POST")).toBe(true));
    expect(fetch.calls.find((c) => c.method === "POST")?.body).toMatchObject({
      components: [{ type: "body", parameters: [{ type: "text", text: "Lia", parameterName: "nome" }] }],
    });
  });

  it("when the templates cannot be loaded, the reason shows", async () => {
    const conversation = closed();
    renderComposer({
      conversation,
      routes: [{ path: `/api/v1/channels/${conversation.channelId}/templates`, respond: () => apiError(403, "auth.forbidden") }],
    });

    expect((await screen.findByRole("alert")).textContent).toBe(
      "Couldn't load the templates: Your role doesn't allow this. Ask an administrator.",
    );
  });

  it("when a template has an image header and a URL button, the image is uploaded and both go with the send", async () => {
    const conversation = closed();
    const template = buildTemplate({
      name: "promo",
      components: [
        { type: "HEADER", format: "IMAGE" },
        { type: "BODY", text: "Só hoje!" },
        { type: "BUTTONS", buttons: [{ type: "URL", text: "Comprar", url: "https://loja.example/{{1}}" }] },
      ],
    });
    const { fetch } = renderApp(<Composer conversation={conversation} replyTo={null} onCancelReply={vi.fn()} />, {
      login: buildLogin(),
      routes: [
        { path: `/api/v1/channels/${conversation.channelId}/templates`, respond: () => json({ data: [template] }) },
        uploadRoute,
        sendRoute(conversation),
      ],
    });

    fireEvent.click(await screen.findByRole("button", { name: /promo/ }));
    fireEvent.change(screen.getByLabelText("Header image"), {
      target: { files: [new File(["jpg"], "oferta.jpg", { type: "image/jpeg" })] },
    });
    fireEvent.change(screen.getByLabelText("Button “Comprar”: variable {{1}}"), { target: { value: "oferta-7" } });
    expect(screen.getByTestId("template-preview").textContent).toContain("oferta.jpg");
    fireEvent.click(screen.getByRole("button", { name: "Send template" }));

    await waitFor(() => expect(fetch.calls.filter((c) => c.method === "POST")).toHaveLength(2));
    const [upload, send] = fetch.calls.filter((c) => c.method === "POST");
    expect(upload?.path).toBe("/api/v1/media");
    expect(send?.body).toEqual({
      type: "template",
      name: "promo",
      language: "pt_BR",
      components: [
        { type: "header", parameters: [{ type: "image", mediaId: "media-1" }] },
        { type: "button", subType: "url", index: 0, text: "oferta-7" },
      ],
    });
  });
});
