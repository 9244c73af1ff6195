import { z } from "zod";
import { boundedText, captionedMediaSchema, documentMediaSchema, mediaLink, textObject } from "./common.ts";
import { WIRE_LIMITS } from "./limits.ts";

const textHeader = z.strictObject({ type: z.literal("text"), text: boundedText(WIRE_LIMITS.header.text) });

/** Reply-button, CTA-URL and Flow messages accept a text or media header. */
const richHeader = z.discriminatedUnion(
  "type",
  [
    textHeader,
    z.strictObject({ type: z.literal("image"), image: captionedMediaSchema }),
    z.strictObject({ type: z.literal("video"), video: captionedMediaSchema }),
    z.strictObject({ type: z.literal("document"), document: documentMediaSchema }),
  ],
  {
    error: (issue) => (issue.code === "invalid_union" ? "unsupported header type; expected text, image, video or document" : undefined),
  },
);

const footer = textObject(WIRE_LIMITS.footer).optional();

const replyButton = z.strictObject({
  type: z.literal("reply"),
  reply: z.strictObject({ id: boundedText(WIRE_LIMITS.button.id), title: boundedText(WIRE_LIMITS.button.title) }),
});

/** Reports every repeat of an id after its first use, at the repeating element's own path. */
const flagDuplicates = (ids: readonly string[], ctx: z.RefinementCtx, pathOf: (index: number) => PropertyKey[], what: string) => {
  const seen = new Set<string>();
  ids.forEach((id, index) => {
    if (seen.has(id)) ctx.addIssue({ code: "custom", message: `duplicate ${what} "${id}"; ids must be unique`, path: pathOf(index) });
    seen.add(id);
  });
};

/** Points at the first element past the limit, so the caller sees which entry to drop. */
const flagOverflow = (count: number, max: number, ctx: z.RefinementCtx, path: PropertyKey[], what: string) => {
  if (count > max) ctx.addIssue({ code: "custom", message: `at most ${max} ${what} (got ${count})`, path: [...path, max] });
};

const buttonMessage = z
  .strictObject({
    type: z.literal("button"),
    header: richHeader.optional(),
    body: textObject(WIRE_LIMITS.button.body),
    footer,
    action: z.strictObject({
      buttons: z.array(replyButton).min(1, { error: "needs at least one button" }),
    }),
  })
  .superRefine((value, ctx) => {
    flagOverflow(value.action.buttons.length, WIRE_LIMITS.button.max, ctx, ["action", "buttons"], "buttons");
    flagDuplicates(
      value.action.buttons.map((button) => button.reply.id),
      ctx,
      (index) => ["action", "buttons", index, "reply", "id"],
      "button id",
    );
  });

const listRow = z.strictObject({
  id: boundedText(WIRE_LIMITS.list.rowId),
  title: boundedText(WIRE_LIMITS.list.rowTitle),
  description: z
    .string()
    .max(WIRE_LIMITS.list.rowDescription, { error: `must be at most ${WIRE_LIMITS.list.rowDescription} characters` })
    .optional(),
});

const listSection = z.strictObject({
  title: boundedText(WIRE_LIMITS.list.sectionTitle).optional(),
  rows: z.array(listRow).min(1, { error: "a section needs at least one row" }),
});

const listMessage = z
  .strictObject({
    type: z.literal("list"),
    header: textHeader.optional(),
    body: textObject(WIRE_LIMITS.list.body),
    footer,
    action: z.strictObject({
      button: boundedText(WIRE_LIMITS.list.button),
      sections: z.array(listSection).min(1, { error: "needs at least one section" }),
    }),
  })
  .superRefine((value, ctx) => {
    const { sections } = value.action;
    flagOverflow(sections.length, WIRE_LIMITS.list.sections, ctx, ["action", "sections"], "sections");
    const rows = sections.flatMap((section, s) => section.rows.map((row, r) => ({ id: row.id, s, r })));
    if (rows.length > WIRE_LIMITS.list.rows) {
      const extra = rows[WIRE_LIMITS.list.rows];
      ctx.addIssue({
        code: "custom",
        message: `at most ${WIRE_LIMITS.list.rows} rows in total across sections (got ${rows.length})`,
        path: extra ? ["action", "sections", extra.s, "rows", extra.r] : ["action", "sections"],
      });
    }
    flagDuplicates(
      rows.map((row) => row.id),
      ctx,
      (index) => {
        const row = rows[index];
        return row ? ["action", "sections", row.s, "rows", row.r, "id"] : ["action", "sections"];
      },
      "row id",
    );
    if (sections.length > 1) {
      sections.forEach((section, s) => {
        if (section.title === undefined)
          ctx.addIssue({
            code: "custom",
            message: "required when the list has more than one section",
            path: ["action", "sections", s, "title"],
          });
      });
    }
  });

const ctaUrlMessage = z.strictObject({
  type: z.literal("cta_url"),
  header: richHeader.optional(),
  body: textObject(WIRE_LIMITS.ctaUrl.body),
  footer,
  action: z.strictObject({
    name: z.literal("cta_url"),
    parameters: z.strictObject({ display_text: boundedText(WIRE_LIMITS.ctaUrl.displayText), url: mediaLink }),
  }),
});

const EMOJI = /\p{Extended_Pictographic}/u;

const flowParameters = z
  .strictObject({
    flow_message_version: z.literal("3", { error: 'flow_message_version must be "3"' }),
    flow_id: z.string().min(1).optional(),
    flow_name: z.string().min(1).optional(),
    flow_token: z.string().min(1).optional(),
    flow_cta: boundedText(WIRE_LIMITS.flow.cta).refine((cta) => !EMOJI.test(cta), { error: "flow_cta cannot contain emoji" }),
    flow_action: z.enum(["navigate", "data_exchange"]).optional(),
    flow_action_payload: z
      .strictObject({ screen: z.string().min(1).optional(), data: z.record(z.string(), z.unknown()).optional() })
      .optional(),
    mode: z.enum(["draft", "published"]).optional(),
  })
  .superRefine((value, ctx) => {
    if ((value.flow_id === undefined) === (value.flow_name === undefined)) {
      ctx.addIssue({ code: "custom", message: "set exactly one of `flow_id` or `flow_name`", path: ["flow_id"] });
    }
    if (value.flow_action === "navigate" && value.flow_action_payload?.screen === undefined) {
      ctx.addIssue({ code: "custom", message: "navigate needs the first screen's name", path: ["flow_action_payload", "screen"] });
    }
  });

const flowMessage = z.strictObject({
  type: z.literal("flow"),
  header: richHeader.optional(),
  body: textObject(WIRE_LIMITS.flow.body),
  footer,
  action: z.strictObject({ name: z.literal("flow"), parameters: flowParameters }),
});

const locationRequestMessage = z.strictObject({
  type: z.literal("location_request_message"),
  body: textObject(WIRE_LIMITS.button.body),
  action: z.strictObject({ name: z.literal("send_location") }),
});

const INTERACTIVE_TYPES = ["button", "list", "cta_url", "flow", "location_request_message"] as const;

/** The `interactive` object: reply buttons, list, CTA URL, Flow or location request. */
export const interactiveSchema = z.discriminatedUnion(
  "type",
  [buttonMessage, listMessage, ctaUrlMessage, flowMessage, locationRequestMessage],
  {
    error: (issue) =>
      issue.code === "invalid_union" ? `unsupported interactive type; expected one of ${INTERACTIVE_TYPES.join(", ")}` : undefined,
  },
);
