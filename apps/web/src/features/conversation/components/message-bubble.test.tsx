import { fireEvent, screen, within } from "@testing-library/react";
import { describe, expect, it, vi } from "vitest";
import type { Message } from "../../../lib/api-types.ts";
import { buildLogin, buildMessage, uuid } from "../../../testing/data-generators.ts";
import { renderApp } from "../../../testing/test-utils.tsx";
import { MessageBubble } from "./message-bubble.tsx";

function renderBubble(
  message: Message,
  { quoted, onJump = vi.fn(), onReply }: { quoted?: Message; onJump?: () => void; onReply?: () => void } = {},
) {
  return renderApp(<MessageBubble message={message} quoted={quoted} highlighted={false} onJump={onJump} onReply={onReply} />, {
    login: buildLogin({ token: "agent-token" }),
    routes: [{ path: /^\/api\/v1\/media\//, respond: () => new Response("file-bytes", { headers: { "content-type": "image/jpeg" } }) }],
  });
}

const media = (overrides: Partial<NonNullable<Message["media"]>> = {}) => ({
  id: uuid(),
  mimeType: "image/jpeg",
  filename: null,
  size: 1234,
  status: "stored",
  ...overrides,
});

describe("MessageBubble: text", () => {
  it("when a customer writes with WhatsApp formatting, the styles render as elements", () => {
    const { container } = renderBubble(buildMessage({ text: "*Pedido* _urgente_ ~cancelado~ ```A-1```" }));

    expect(container.querySelector("strong")?.textContent).toBe("Pedido");
    expect(container.querySelector("em")?.textContent).toBe("urgente");
    expect(container.querySelector("s")?.textContent).toBe("cancelado");
    expect(container.querySelector("code")?.textContent).toBe("A-1");
  });

  it("when a customer sends HTML, it shows as text and no element is created from it", () => {
    const payload = `<img src=x onerror=alert(1)><script>alert(2)</script>`;
    const { container } = renderBubble(buildMessage({ text: payload }));

    expect(screen.getByText(payload)).toBeTruthy();
    expect(container.querySelector("img")).toBeNull();
    expect(container.querySelector("script")).toBeNull();
  });

  it("when a customer sends a javascript: link, it is text and not a link", () => {
    const { container } = renderBubble(buildMessage({ text: "clique javascript:alert(document.cookie)" }));

    expect(screen.getByText("clique javascript:alert(document.cookie)")).toBeTruthy();
    expect(container.querySelector("a")).toBeNull();
  });

  it("when a customer sends an https link, it opens in a new tab without access to the console", () => {
    renderBubble(buildMessage({ text: "rastreio: https://correios.example/track?id=9" }));

    const link = screen.getByRole("link", { name: "https://correios.example/track?id=9" });
    expect(link.getAttribute("href")).toBe("https://correios.example/track?id=9");
    expect(link.getAttribute("target")).toBe("_blank");
    expect(link.getAttribute("rel")).toBe("noopener noreferrer");
  });

  it("when the message was forwarded many times, it says so", () => {
    renderBubble(buildMessage({ forwarded: true, frequentlyForwarded: true }));

    expect(screen.getByText("Forwarded many times")).toBeTruthy();
  });
});

describe("MessageBubble: status ticks", () => {
  const outbound = (status: Message["status"], extra: Partial<Message> = {}) =>
    buildMessage({ direction: "outbound", senderKind: "agent", status, ...extra });

  it.each([
    ["queued", "Queued"],
    ["sending", "Sending"],
    ["accepted", "Accepted by WhatsApp"],
    ["sent", "Sent"],
    ["delivered", "Delivered"],
    ["read", "Read"],
    ["played", "Played"],
  ] as const)("when an outbound message is %s, its mark is labelled %s", (status, label) => {
    renderBubble(outbound(status));

    expect(screen.getByRole("img", { name: label }).dataset.status).toBe(status);
  });

  it("when an outbound message was read, its double tick is blue", () => {
    renderBubble(outbound("read"));

    expect(screen.getByRole("img", { name: "Read" }).getAttribute("class")).toContain("text-sky-600");
  });

  it("when an outbound message failed, a red mark carries Meta's reason as its title and the reason shows", () => {
    const reason = "O cliente não está no WhatsApp.";
    renderBubble(outbound("failed", { error: { code: "131026", title: "Undeliverable", details: null, message: reason } }));

    const mark = screen.getByRole("img", { name: `Not sent: ${reason}` });
    expect(mark.getAttribute("title")).toBe(reason);
    expect(mark.getAttribute("class")).toContain("text-red-700");
    expect(screen.getByText(`Not sent: ${reason}`, { selector: "p" })).toBeTruthy();
  });

  it("when the message is inbound, there are no ticks", () => {
    renderBubble(buildMessage());

    expect(screen.queryByRole("img")).toBeNull();
  });
});

describe("MessageBubble: media", () => {
  it("when an image is stored, it is fetched with the bearer token and shown with its caption", async () => {
    const image = media();
    const { fetch } = renderBubble(
      buildMessage({
        type: "image",
        text: "foto do produto",
        media: image,
        content: { content: { type: "image", media: { id: "m", caption: "foto do produto" } } },
      }),
    );

    const img = await screen.findByRole("img", { name: "foto do produto" });
    expect(img.getAttribute("src")).toMatch(/^blob:/);
    expect(screen.getByText("foto do produto", { selector: "span" })).toBeTruthy();
    expect(fetch.calls[0]).toMatchObject({ path: `/api/v1/media/${image.id}`, headers: { authorization: "Bearer agent-token" } });
  });

  it("when an inbound file is still being fetched from WhatsApp, a placeholder shows and nothing is downloaded", () => {
    const { fetch } = renderBubble(buildMessage({ type: "image", text: "[imagem]", media: media({ status: "pending" }) }));

    expect(screen.getByRole("status").textContent).toBe("Downloading from WhatsApp…");
    expect(fetch.calls).toHaveLength(0);
  });

  it("when the file could not be fetched from WhatsApp, it says the media is unavailable", () => {
    renderBubble(buildMessage({ type: "video", media: media({ status: "failed", mimeType: "video/mp4" }) }));

    expect(screen.getByRole("status").textContent).toBe("Media unavailable");
  });

  it("when a video is stored, a player shows with its caption", async () => {
    const { container } = renderBubble(
      buildMessage({
        type: "video",
        media: media({ mimeType: "video/mp4" }),
        content: { content: { type: "video", media: { id: "v", caption: "unboxing" } } },
      }),
    );

    await screen.findByLabelText("Video");
    expect(container.querySelector("video")?.hasAttribute("controls")).toBe(true);
    expect(screen.getByText("unboxing")).toBeTruthy();
  });

  it("when a voice note arrives, it is labelled as one with an audio player", async () => {
    const { container } = renderBubble(
      buildMessage({ type: "audio", text: "[mensagem de voz]", media: media({ mimeType: "audio/ogg", voice: true }) }),
    );

    expect(screen.getByText("Voice message")).toBeTruthy();
    await screen.findByLabelText("Voice message", { selector: "audio" });
    expect(container.querySelector("audio")?.hasAttribute("controls")).toBe(true);
  });

  it("when a document arrives, its name, size and a download button show", () => {
    renderBubble(
      buildMessage({
        type: "document",
        text: "[documento: nota.pdf]",
        media: media({ mimeType: "application/pdf", filename: "nota-fiscal.pdf", size: 250 * 1024 }),
      }),
    );

    expect(screen.getByText("nota-fiscal.pdf")).toBeTruthy();
    expect(screen.getByText(/250 kB · application\/pdf/)).toBeTruthy();
    expect(screen.getByRole("button", { name: "Download nota-fiscal.pdf" })).toBeTruthy();
  });

  it("when a sticker arrives, it shows as an image labelled sticker", async () => {
    renderBubble(buildMessage({ type: "sticker", text: "[figurinha]", media: media({ mimeType: "image/webp", animated: false }) }));

    expect((await screen.findByRole("img", { name: "Sticker" })).getAttribute("src")).toMatch(/^blob:/);
  });
});

describe("MessageBubble: structured types", () => {
  it("when a location arrives, its name, address and an OpenStreetMap link show", () => {
    renderBubble(
      buildMessage({
        type: "location",
        location: { latitude: -23.55052, longitude: -46.633308, name: "Loja Centro", address: "Praça da Sé, São Paulo" },
      }),
    );

    expect(screen.getByText("Loja Centro")).toBeTruthy();
    expect(screen.getByText("Praça da Sé, São Paulo")).toBeTruthy();
    const link = screen.getByRole("link", { name: "Open in map" });
    expect(link.getAttribute("href")).toBe("https://www.openstreetmap.org/?mlat=-23.550520&mlon=-46.633308#map=16/-23.550520/-46.633308");
    expect(link.getAttribute("rel")).toBe("noopener noreferrer");
  });

  it("when a contact card is shared, its name, company, phone and e-mail show", () => {
    renderBubble(
      buildMessage({
        type: "contacts",
        contacts: [
          {
            name: { formattedName: "João Lima" },
            org: { company: "Padaria Sol" },
            phones: [{ phone: "+55 11 99999-0000", type: "CELL" }],
            emails: [{ email: "joao@sol.example" }],
          },
        ],
      }),
    );

    const card = within(screen.getByRole("list", { name: "Shared contact" }));
    expect(card.getByText("João Lima")).toBeTruthy();
    expect(card.getByText("Padaria Sol")).toBeTruthy();
    expect(card.getByText("+55 11 99999-0000 (CELL)")).toBeTruthy();
    expect(card.getByText("joao@sol.example")).toBeTruthy();
  });

  it("when the customer taps a reply button, the button's title shows", () => {
    renderBubble(buildMessage({ type: "interactive", interactive: { type: "button_reply", id: "yes", title: "Sim, confirmar" } }));

    expect(screen.getByText("Tapped the button")).toBeTruthy();
    expect(screen.getByText("Sim, confirmar")).toBeTruthy();
  });

  it("when the customer picks from a list, the row's title and description show", () => {
    renderBubble(
      buildMessage({ type: "interactive", interactive: { type: "list_reply", id: "r1", title: "Entrega", description: "Amanhã" } }),
    );

    expect(screen.getByText("Chose from the list")).toBeTruthy();
    expect(screen.getByText("Entrega")).toBeTruthy();
    expect(screen.getByText("Amanhã")).toBeTruthy();
  });

  it("when the customer completes a flow, the answers show as text", () => {
    renderBubble(
      buildMessage({
        type: "interactive",
        interactive: { type: "nfm_reply", body: "Sent", response: { cpf: "<b>123</b>", flow_token: "t" } },
      }),
    );

    expect(screen.getByText("Form submitted")).toBeTruthy();
    expect(screen.getByText("cpf")).toBeTruthy();
    expect(screen.getByText("<b>123</b>")).toBeTruthy();
    expect(screen.queryByText("flow_token")).toBeNull();
  });

  it("when the customer taps a template's quick reply, the button text shows", () => {
    renderBubble(buildMessage({ type: "button", interactive: { type: "template_button", payload: "STOP", text: "Parar promoções" } }));

    expect(screen.getByText("Tapped the template button")).toBeTruthy();
    expect(screen.getByText("Parar promoções")).toBeTruthy();
  });

  it("when the business sent reply buttons, the body and each button show", () => {
    renderBubble(
      buildMessage({
        direction: "outbound",
        type: "buttons",
        interactive: {
          type: "buttons",
          body: "Confirma a entrega?",
          footer: "Loja Sol",
          buttons: [
            { id: "y", title: "Sim" },
            { id: "n", title: "Não" },
          ],
        },
      }),
    );

    expect(screen.getByText("Confirma a entrega?")).toBeTruthy();
    expect(screen.getByText("Loja Sol")).toBeTruthy();
    expect(screen.getByText("Sim")).toBeTruthy();
    expect(screen.getByText("Não")).toBeTruthy();
  });

  it("when the business sent a list, its button and rows show", () => {
    renderBubble(
      buildMessage({
        direction: "outbound",
        type: "list",
        interactive: {
          type: "list",
          body: "Escolha",
          buttonText: "Ver opções",
          sections: [{ title: "Horários", rows: [{ id: "a", title: "Manhã", description: "8h–12h" }] }],
        },
      }),
    );

    expect(screen.getByText("List: Ver opções")).toBeTruthy();
    expect(screen.getByText("Horários")).toBeTruthy();
    expect(screen.getByText("Manhã — 8h–12h")).toBeTruthy();
  });

  it("when a link button points to an https URL it is a safe link, and a javascript: one is not a link", () => {
    const { unmount } = renderBubble(
      buildMessage({
        direction: "outbound",
        type: "cta_url",
        interactive: { type: "cta_url", body: "Acompanhe", displayText: "Rastrear", url: "https://loja.example/r" },
      }),
    );
    expect(screen.getByRole("link", { name: "Rastrear" }).getAttribute("rel")).toBe("noopener noreferrer");
    unmount();

    renderBubble(
      buildMessage({
        direction: "outbound",
        type: "cta_url",
        interactive: { type: "cta_url", body: "x", displayText: "Abrir", url: "javascript:alert(1)" },
      }),
    );
    expect(screen.getByText("Abrir")).toBeTruthy();
    expect(screen.queryByRole("link")).toBeNull();
  });

  it("when the business sent a flow or a location request, the call to action shows", () => {
    renderBubble(
      buildMessage({ direction: "outbound", type: "location_request", interactive: { type: "location_request", body: "Onde você está?" } }),
    );

    expect(screen.getByText("Onde você está?")).toBeTruthy();
    expect(screen.getByText("Location request")).toBeTruthy();
  });

  it("when the business sent a template, its name, language and filled values show", () => {
    renderBubble(
      buildMessage({
        direction: "outbound",
        type: "template",
        text: "[template lembrete]",
        template: {
          name: "lembrete",
          language: "pt_BR",
          components: [{ type: "body", parameters: [{ type: "text", text: "Lia" }, "10/07"] }],
        },
      }),
    );

    expect(screen.getByText("Template “lembrete” (pt_BR)")).toBeTruthy();
    expect(screen.getByText("Lia")).toBeTruthy();
    expect(screen.getByText("10/07")).toBeTruthy();
  });

  it("when an order arrives, its items, prices and total show as a table", () => {
    renderBubble(
      buildMessage({
        type: "order",
        order: {
          text: "Entregar à tarde",
          items: [
            { productRetailerId: "SKU-1", quantity: 2, itemPrice: 10.5, currency: "BRL" },
            { productRetailerId: "SKU-2", quantity: 1, itemPrice: 4, currency: "BRL" },
          ],
        },
      }),
    );

    const table = within(screen.getByRole("table"));
    expect(table.getByRole("row", { name: /SKU-1 2 R\$\s?10\.50/ })).toBeTruthy();
    expect(table.getByRole("row", { name: /Total R\$\s?25\.00/ })).toBeTruthy();
    expect(screen.getByText("Entregar à tarde")).toBeTruthy();
  });

  it("when a message came from an ad, a referral banner with a safe link shows above it", () => {
    renderBubble(
      buildMessage({ referral: { headline: "Promo de verão", body: "20% off", sourceUrl: "https://fb.example/ad/1", sourceType: "ad" } }),
    );

    expect(screen.getByText("Came from an ad")).toBeTruthy();
    expect(screen.getByText("Promo de verão")).toBeTruthy();
    expect(screen.getByRole("link", { name: "View ad" }).getAttribute("rel")).toBe("noopener noreferrer");
  });

  it("when WhatsApp sends a system notice, it is centred and labelled apart from chat bubbles", () => {
    const { container } = renderBubble(
      buildMessage({
        type: "system",
        senderKind: "system",
        text: "Lia changed her number",
        system: { systemType: "user_changed_number", newWaId: "5511988887777" },
      }),
    );

    expect(screen.getByText("WhatsApp notice:")).toBeTruthy();
    expect(screen.getByText("The customer changed their number (5511988887777)")).toBeTruthy();
    expect(container.querySelector("article")).toBeNull();
  });

  it("when Papo answered by itself (an opt-out confirmation), it is a business bubble with ticks, labelled automatic", () => {
    const { container } = renderBubble(
      buildMessage({
        direction: "outbound",
        senderKind: "system",
        type: "text",
        text: "Pronto, você não vai mais receber ofertas.",
        status: "delivered",
      }),
    );

    expect(screen.queryByText("WhatsApp notice:")).toBeNull();
    expect(container.querySelector("article")?.textContent).toContain("Automatic reply");
    expect(container.querySelector("article")?.textContent).toContain("Pronto, você não vai mais receber ofertas.");
  });

  it("when the customer opens the chat for the first time, a system line says so", () => {
    renderBubble(buildMessage({ type: "request_welcome", text: null }));

    expect(screen.getByText("The customer opened the chat")).toBeTruthy();
  });

  it("when WhatsApp cannot show a message, a clear placeholder names its type and Meta's reason", () => {
    renderBubble(
      buildMessage({
        type: "unsupported",
        content: { content: { type: "unsupported", reportedType: "unsupported", unsupportedType: "poll" } },
        error: { code: "131051", title: "Unsupported", details: null, message: "Tipo de mensagem não suportado." },
      }),
    );

    expect(screen.getByText("Message type not supported by WhatsApp (poll)")).toBeTruthy();
    expect(screen.getByText("WhatsApp reported a problem: Tipo de mensagem não suportado.")).toBeTruthy();
  });

  it("when a type is new to this console, it shows a placeholder instead of breaking", () => {
    renderBubble(buildMessage({ type: "hologram" }));

    expect(screen.getByText("This message type can't be shown here yet (hologram)")).toBeTruthy();
  });

  it("when the customer deleted or edited a message, it says so", () => {
    const { unmount } = renderBubble(buildMessage({ type: "revoke", text: "[mensagem apagada pelo cliente]" }));
    expect(screen.getByText("Message deleted by the customer")).toBeTruthy();
    unmount();

    renderBubble(buildMessage({ type: "edit", text: "novo texto" }));
    expect(screen.getByText("novo texto")).toBeTruthy();
    expect(screen.getByText("(Edited)")).toBeTruthy();
  });

  it("when the business sent a reaction, it reads as one", () => {
    renderBubble(
      buildMessage({ direction: "outbound", type: "reaction", text: "👍", content: { request: { type: "reaction", emoji: "👍" } } }),
    );

    expect(screen.getByText("Reacted with 👍")).toBeTruthy();
  });
});

describe("MessageBubble: reactions, quotes, senders", () => {
  it("when a message has reactions, they show on it with who reacted", () => {
    renderBubble(
      buildMessage({
        reactions: [
          { emoji: "❤️", by: "contact", at: "2026-03-02T14:31:00.000Z" },
          { emoji: "👍", by: "business", at: "2026-03-02T14:32:00.000Z" },
        ],
      }),
    );

    const list = within(screen.getByRole("list", { name: "Reactions" }));
    expect(list.getByText("Customer reacted: ❤️")).toBeTruthy();
    expect(list.getByText("Your reaction: 👍")).toBeTruthy();
  });

  it("when a message quotes another, the quote shows its text and clicking it jumps to the original", () => {
    const original = buildMessage({ text: "Qual o prazo?" });
    const onJump = vi.fn();
    renderBubble(buildMessage({ text: "3 dias", replyTo: { waMessageId: original.waMessageId ?? "", messageId: original.id } }), {
      quoted: original,
      onJump,
    });

    fireEvent.click(screen.getByRole("button", { name: "Quoted message: Qual o prazo?" }));

    expect(onJump).toHaveBeenCalledWith(original.id);
  });

  it("when the quoted message is not loaded, the quote says so", () => {
    renderBubble(buildMessage({ replyTo: { waMessageId: "wamid.old", messageId: null } }));

    expect(screen.getByText("Earlier message (not loaded)")).toBeTruthy();
  });

  it("when a bot sent the message, it is labelled as the bot's", () => {
    renderBubble(buildMessage({ direction: "outbound", senderKind: "bot", text: "Sou o assistente" }));

    expect(screen.getByText("Bot")).toBeTruthy();
    expect(screen.getByText("Sou o assistente").closest("article")?.className).toContain("bg-indigo-50");
  });

  it("when the agent presses reply on a sent message, the message is handed to the composer", () => {
    const onReply = vi.fn();
    const message = buildMessage({ text: "Oi" });
    renderBubble(message, { onReply });

    fireEvent.click(screen.getByRole("button", { name: "Reply" }));

    expect(onReply).toHaveBeenCalledWith(message);
  });
});
