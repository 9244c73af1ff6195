/** Tags typed comma-separated. */
export const parseTags = (text: string): string[] => [
  ...new Set(
    text
      .split(",")
      .map((t) => t.trim())
      .filter(Boolean),
  ),
];

/** Alternative phrasings, one per line. */
export const parsePhrasings = (text: string): string[] =>
  text
    .split("\n")
    .map((t) => t.trim())
    .filter(Boolean);
