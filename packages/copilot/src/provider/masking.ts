import { maskPersonalData } from "../builtin/pii.ts";

/** Joins texts for one masking pass; no personal-data pattern spans or contains this line. */
const separator = "\n\n\u241e\u241e\n\n";

export interface MaskedTexts {
  masked: string[];
  /** Items masked across all texts. */
  count: number;
  restore(text: string): string;
}

/**
 * Masks several texts (conversation turns, sources, a draft) in one pass so a value that appears in two of them gets
 * the same placeholder and one `restore` puts everything back. `enabled: false` passes the texts through.
 */
export function maskTexts(texts: string[], enabled: boolean): MaskedTexts {
  if (!enabled || texts.length === 0) return { masked: texts, count: 0, restore: (text) => text };
  const result = maskPersonalData(texts.join(separator));
  const masked = result.masked.split(separator);
  if (masked.length !== texts.length) {
    // Defensive: should a pattern ever swallow the separator, mask each text alone (placeholders may then repeat).
    const each = texts.map((text) => maskPersonalData(text));
    return {
      masked: each.map((item) => item.masked),
      count: each.reduce((sum, item) => sum + Object.values(item.found).reduce((a, b) => a + b, 0), 0),
      restore: (text) => each.reduce((restored, item) => item.restore(restored), text),
    };
  }
  return { masked, count: Object.values(result.found).reduce((a, b) => a + b, 0), restore: result.restore };
}
