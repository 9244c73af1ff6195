import type { CannedResponse } from "../../../lib/api-types.ts";

/** Lower case without accents, as the server searches: "promocao" finds "Promoção". */
const fold = (value: string) =>
  value
    .normalize("NFD")
    .replace(/\p{Diacritic}/gu, "")
    .toLocaleLowerCase();

/** The responses whose shortcut, title or body contains the query (a leading `/` is ignored). */
export function searchCannedResponses(responses: CannedResponse[], query: string): CannedResponse[] {
  const q = fold(query.trim().replace(/^\//, ""));
  if (!q) return responses;
  return responses.filter((r) => [r.shortcut, r.title, r.body].some((text) => fold(text).includes(q)));
}
