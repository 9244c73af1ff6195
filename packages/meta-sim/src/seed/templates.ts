import type { TemplateRecord } from "../state.ts";

/** A seeded template before it gets a per-WABA id. */
export type TemplateSeed = Omit<TemplateRecord, "id" | "wabaId">;

/**
 * Templates every simulated WABA starts with: realistic pt-BR content covering each category, positional and
 * named parameters, media headers and every button kind Papo must render, plus one paused and one disabled
 * template for the 132015 / 132016 paths and Meta's own `hello_world` sample.
 */
export const SEED_TEMPLATES: readonly TemplateSeed[] = Object.freeze([
  {
    name: "lembrete_consulta",
    language: "pt_BR",
    status: "APPROVED",
    category: "UTILITY",
    parameterFormat: "POSITIONAL",
    components: [
      { type: "HEADER", format: "TEXT", text: "Lembrete de consulta" },
      {
        type: "BODY",
        text: "Olá, {{1}}! Sua consulta na {{2}} está marcada para {{3}}. Toque no botão para ver os detalhes ou remarcar.",
        example: { body_text: [["Lia", "Clínica Sol", "10/07 às 14h"]] },
      },
      { type: "FOOTER", text: "Clínica Sol" },
      {
        type: "BUTTONS",
        buttons: [
          {
            type: "URL",
            text: "Ver agendamento",
            url: "https://agenda.example.com/consulta/{{1}}",
            example: ["https://agenda.example.com/consulta/A-1193"],
          },
        ],
      },
    ],
  },
  {
    name: "promo_relampago",
    language: "pt_BR",
    status: "APPROVED",
    category: "MARKETING",
    parameterFormat: "POSITIONAL",
    components: [
      { type: "HEADER", format: "IMAGE", example: { header_handle: ["4::aW1hZ2UvanBlZw==:ARZ-promo-example"] } },
      {
        type: "BODY",
        text: "{{1}}, só hoje: {{2}} de desconto em toda a loja! Toque abaixo para aproveitar.",
        example: { body_text: [["Lia", "30%"]] },
      },
      { type: "FOOTER", text: "Não quer receber ofertas? Toque em Parar promoções." },
      {
        type: "BUTTONS",
        buttons: [
          { type: "QUICK_REPLY", text: "Quero aproveitar" },
          { type: "QUICK_REPLY", text: "Parar promoções" },
        ],
      },
    ],
  },
  {
    name: "codigo_verificacao",
    language: "pt_BR",
    status: "APPROVED",
    category: "AUTHENTICATION",
    parameterFormat: "POSITIONAL",
    components: [
      {
        type: "BODY",
        text: "*{{1}}* é seu código de verificação. Para sua segurança, não o compartilhe.",
        add_security_recommendation: true,
      },
      { type: "FOOTER", text: "Este código expira em 10 minutos.", code_expiration_minutes: 10 },
      {
        // Meta lists copy-code OTP buttons as URL buttons with a dynamic suffix; sends pass the code as that parameter.
        type: "BUTTONS",
        buttons: [
          {
            type: "URL",
            text: "Copiar código",
            url: "https://www.whatsapp.com/otp/code/?otp_type=COPY_CODE&code=otp{{1}}",
            example: ["https://www.whatsapp.com/otp/code/?otp_type=COPY_CODE&code=otp123456"],
          },
        ],
      },
    ],
  },
  {
    name: "pedido_enviado",
    language: "pt_BR",
    status: "APPROVED",
    category: "UTILITY",
    parameterFormat: "NAMED",
    components: [
      {
        type: "BODY",
        text: "Olá, {{nome}}! Seu pedido {{pedido}} foi enviado e deve chegar até {{prazo}}.",
        example: {
          body_text_named_params: [
            { param_name: "nome", example: "Lia" },
            { param_name: "pedido", example: "#4721" },
            { param_name: "prazo", example: "sexta-feira" },
          ],
        },
      },
      { type: "BUTTONS", buttons: [{ type: "QUICK_REPLY", text: "Falar com atendente" }] },
    ],
  },
  {
    name: "oferta_natal",
    language: "pt_BR",
    status: "PAUSED",
    category: "MARKETING",
    parameterFormat: "POSITIONAL",
    components: [{ type: "BODY", text: "{{1}}, nossas ofertas de Natal chegaram! Confira na loja.", example: { body_text: [["Lia"]] } }],
  },
  {
    name: "aviso_cadastro_antigo",
    language: "pt_BR",
    status: "DISABLED",
    category: "UTILITY",
    parameterFormat: "POSITIONAL",
    components: [{ type: "BODY", text: "Seu cadastro foi atualizado." }],
  },
  {
    name: "hello_world",
    language: "en_US",
    status: "APPROVED",
    category: "UTILITY",
    parameterFormat: "POSITIONAL",
    components: [
      { type: "HEADER", format: "TEXT", text: "Hello World" },
      {
        type: "BODY",
        text: "Welcome and congratulations!! This message demonstrates your ability to send a WhatsApp message notification from the Cloud API, hosted by Meta. Thank you for taking the time to test with us.",
      },
      { type: "FOOTER", text: "WhatsApp Business Platform sample message" },
    ],
  },
]);
