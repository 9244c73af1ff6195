import { fireEvent, screen, waitFor } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import type { MessageTemplate } from "../../../lib/api-types.ts";
import { buildConversation, buildLogin, buildMessage, buildTemplate } from "../../../testing/data-generators.ts";
import { json } from "../../../testing/fake-fetch.ts";
import { renderApp } from "../../../testing/test-utils.tsx";
import { TemplatePicker } from "./template-picker.tsx";

const conversation = buildConversation({ windowOpen: false, windowExpiresAt: "2026-01-01T00:00:00.000Z" });

function renderPicker(template: MessageTemplate) {
  const result = renderApp(<TemplatePicker conversation={conversation} />, {
    login: buildLogin(),
    routes: [
      { path: `/api/v1/channels/${conversation.channelId}/templates`, respond: () => json({ data: [template] }) },
      {
        method: "POST",
        path: `/api/v1/conversations/${conversation.id}/messages`,
        respond: () => json(buildMessage({ conversationId: conversation.id, direction: "outbound", status: "queued" }), 202),
      },
    ],
  });
  const sent = async () => {
    await waitFor(() => expect(result.fetch.calls.some((c) => c.method === "POST")).toBe(true));
    return result.fetch.calls.find((c) => c.method === "POST")?.body;
  };
  return { ...result, sent };
}

const sendButton = () => screen.getByRole("button", { name: "Send template" }) as HTMLButtonElement;

describe("TemplatePicker typed parameters", () => {
  const invoice = buildTemplate({
    name: "fatura",
    language: "pt_BR",
    components: [{ type: "BODY", text: "Sua fatura de {{1}} vence em {{2}}." }],
  });

  it("when a variable is an amount and another a date, the preview formats them and the send carries currency and date_time", async () => {
    const { sent } = renderPicker(invoice);
    fireEvent.click(await screen.findByRole("button", { name: /fatura/ }));

    fireEvent.change(screen.getByLabelText("Type of variable {{1}}"), { target: { value: "currency" } });
    fireEvent.change(screen.getByLabelText("Amount for {{1}}"), { target: { value: "149.9" } });
    expect(screen.getByLabelText<HTMLSelectElement>("Currency for {{1}}").value).toBe("BRL");
    fireEvent.change(screen.getByLabelText("Type of variable {{2}}"), { target: { value: "date_time" } });
    expect(sendButton().disabled).toBe(true);
    fireEvent.change(screen.getByLabelText("Date and time for {{2}}"), { target: { value: "2026-03-10T14:30" } });

    const preview = screen.getByTestId("template-preview").textContent ?? "";
    expect(preview).toMatch(/Sua fatura de R\$\s149,90 vence em 10 de março de 2026/);
    expect(preview).toContain("14:30");
    fireEvent.click(sendButton());

    const body = (await sent()) as { components: Array<{ parameters: Array<Record<string, unknown>> }> };
    expect(body).toMatchObject({ type: "template", name: "fatura", language: "pt_BR" });
    expect(body.components).toHaveLength(1);
    const [amount, date] = body.components[0]?.parameters ?? [];
    expect(amount).toEqual({ type: "currency", code: "BRL", amount1000: 149_900, fallbackValue: expect.stringMatching(/^R\$\s149,90$/) });
    expect(date).toEqual({ type: "date_time", fallbackValue: expect.stringMatching(/^10 de março de 2026.*14:30$/) });
  });

  it("when the agent picks dollars, the amount is sent in USD", async () => {
    const { sent } = renderPicker(invoice);
    fireEvent.click(await screen.findByRole("button", { name: /fatura/ }));

    fireEvent.change(screen.getByLabelText("Type of variable {{1}}"), { target: { value: "currency" } });
    fireEvent.change(screen.getByLabelText("Currency for {{1}}"), { target: { value: "USD" } });
    fireEvent.change(screen.getByLabelText("Amount for {{1}}"), { target: { value: "20" } });
    fireEvent.change(screen.getByLabelText("Variable {{2}}"), { target: { value: "amanhã" } });
    fireEvent.click(sendButton());

    expect(await sent()).toMatchObject({
      components: [
        {
          type: "body",
          parameters: [
            { type: "currency", code: "USD", amount1000: 20_000, fallbackValue: expect.stringMatching(/^US\$\s20,00$/) },
            { type: "text", text: "amanhã" },
          ],
        },
      ],
    });
  });

  it("when the header is a location, its pin is asked, previewed and sent first with name and address", async () => {
    const template = buildTemplate({
      name: "retirada_loja",
      components: [
        { type: "HEADER", format: "LOCATION" },
        { type: "BODY", text: "Seu pedido {{1}} está pronto para retirada." },
      ],
    });
    const { sent } = renderPicker(template);
    fireEvent.click(await screen.findByRole("button", { name: /retirada_loja/ }));

    fireEvent.change(screen.getByLabelText("Variable {{1}}"), { target: { value: "A-7" } });
    expect(sendButton().disabled).toBe(true);
    fireEvent.change(screen.getByLabelText("Latitude"), { target: { value: "-23.5614" } });
    fireEvent.change(screen.getByLabelText("Longitude"), { target: { value: "-46.6559" } });
    fireEvent.change(screen.getByLabelText("Place name (optional)"), { target: { value: "Loja Paulista" } });
    fireEvent.change(screen.getByLabelText("Address (optional)"), { target: { value: "Av. Paulista, 1000" } });

    const pin = screen.getByTestId("template-preview-location").textContent;
    expect(pin).toContain("Loja Paulista");
    expect(pin).toContain("Av. Paulista, 1000");
    expect(pin).toContain("-23.561, -46.656");
    fireEvent.click(sendButton());

    expect(await sent()).toEqual({
      type: "template",
      name: "retirada_loja",
      language: "pt_BR",
      components: [
        {
          type: "header",
          parameters: [{ type: "location", latitude: -23.5614, longitude: -46.6559, name: "Loja Paulista", address: "Av. Paulista, 1000" }],
        },
        { type: "body", parameters: [{ type: "text", text: "A-7" }] },
      ],
    });
  });

  it("when a header location's latitude is out of range, the template cannot be sent", async () => {
    const template = buildTemplate({
      name: "so_local",
      components: [
        { type: "HEADER", format: "LOCATION" },
        { type: "BODY", text: "Até já!" },
      ],
    });
    renderPicker(template);
    fireEvent.click(await screen.findByRole("button", { name: /so_local/ }));

    fireEvent.change(screen.getByLabelText("Latitude"), { target: { value: "123" } });
    fireEvent.change(screen.getByLabelText("Longitude"), { target: { value: "-46.6" } });

    expect(sendButton().disabled).toBe(true);
    fireEvent.change(screen.getByLabelText("Latitude"), { target: { value: "-23.5" } });
    expect(sendButton().disabled).toBe(false);
  });
});
