import { TemplateBubble, type TemplateBubbleHeader } from "../../../components/whatsapp/template-bubble.tsx";
import type { MessageTemplate } from "../../../lib/api-types.ts";
import { buttonsOf, fillTemplate, hasLocationHeader, headerMediaFormat, textOf } from "../utils/template-params.ts";

/**
 * The template as the customer will see it, with the values typed so far: `values` are the displayed ones by
 * variable key (amounts and dates already formatted), `location` a LOCATION header's pin once it is valid.
 */
export function TemplatePreview({
  template,
  values,
  headerFile,
  location,
}: {
  template: MessageTemplate;
  values: Record<string, string>;
  headerFile?: string;
  location?: { latitude: number; longitude: number; name?: string; address?: string } | undefined;
}) {
  const headerText = textOf(template, "HEADER");
  const media = headerMediaFormat(template);
  const body = textOf(template, "BODY");
  const header: TemplateBubbleHeader | undefined = media
    ? { kind: "media", format: media, label: headerFile }
    : hasLocationHeader(template)
      ? { kind: "location", location }
      : headerText
        ? { kind: "text", text: fillTemplate(headerText, "header", values) }
        : undefined;
  return (
    <TemplateBubble
      content={{
        header,
        body: body ? fillTemplate(body, "body", values) : undefined,
        footer: textOf(template, "FOOTER"),
        buttons: buttonsOf(template),
      }}
    />
  );
}
