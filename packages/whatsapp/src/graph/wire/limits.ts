/**
 * Meta's documented size limits for outbound messages (meta-cloud-api.md §1), in one place so the schemas,
 * the body builders and their tests agree on the numbers.
 */
export const WIRE_LIMITS = Object.freeze({
  textBody: 4096,
  caption: 1024,
  bizOpaqueCallbackData: 512,
  header: { text: 60 },
  footer: 60,
  button: { max: 3, id: 256, title: 20, body: 1024 },
  list: { button: 20, sections: 10, rows: 10, rowId: 200, rowTitle: 24, rowDescription: 72, sectionTitle: 24, body: 4096 },
  ctaUrl: { displayText: 20, body: 1024 },
  flow: { cta: 20, body: 1024 },
  template: { name: 512, couponCode: 15 },
  bsuid: 128,
});
