/**
 * A template creation request in a friendlier shape than Meta's components: what a person fills in a form.
 * `validateTemplateDefinition` checks it against Meta's rules, `toCreationComponents` turns it into Meta's
 * creation components (upper-case HEADER/BODY/FOOTER/BUTTONS with examples).
 */

export type TemplateHeaderDefinition =
  | { format: "TEXT"; text: string; example?: string | undefined }
  /** `exampleUrl`: Meta's example for a media header (a resumable-upload handle, or a link where accepted). */
  | { format: "IMAGE" | "VIDEO" | "DOCUMENT"; exampleUrl?: string | undefined }
  | { format: "LOCATION" };

export type TemplateButtonDefinition =
  | { type: "QUICK_REPLY"; text: string }
  /** `example`: a full URL showing the dynamic suffix, required when `url` ends with a variable. */
  | { type: "URL"; text: string; url: string; example?: string | undefined }
  | { type: "PHONE_NUMBER"; text: string; phoneNumber: string }
  /** The button's label is fixed by WhatsApp ("Copy offer code"); `example` is a sample coupon. */
  | { type: "COPY_CODE"; example: string }
  | {
      type: "FLOW";
      text: string;
      flowId: string;
      flowAction?: "navigate" | "data_exchange" | undefined;
      navigateScreen?: string | undefined;
    };

export interface TemplateDefinition {
  name: string;
  category: string;
  /** e.g. `pt_BR`. */
  language: string;
  /** POSITIONAL (`{{1}}`, the default) or NAMED (`{{first_name}}`). */
  parameterFormat?: "POSITIONAL" | "NAMED" | undefined;
  header?: TemplateHeaderDefinition | undefined;
  /** `examples`: one per variable, in order for positional variables, by name for named ones. */
  body: { text: string; examples?: string[] | Record<string, string> | undefined };
  footer?: { text: string } | undefined;
  buttons?: TemplateButtonDefinition[] | undefined;
}

/** One problem with a definition, `path` naming the field (`body.text`, `buttons.2.url`). */
export interface DefinitionIssue {
  path: string;
  message: string;
}
