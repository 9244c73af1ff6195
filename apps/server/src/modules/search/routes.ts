import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import type { Deps } from "../../deps.ts";
import { authOf } from "../../http/auth.ts";
import { errorResponse } from "../../http/pagination.ts";
import { searchQuery, searchResultSchema } from "./schemas.ts";
import { search } from "./service.ts";

export async function searchRoutes(app: FastifyInstance, deps: Deps): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    "/api/v1/search",
    {
      schema: {
        tags: ["search"],
        summary: "Search messages and contacts by word, name prefix, phone or e-mail (through blind indexes: no plaintext in the database)",
        querystring: searchQuery,
        response: { 200: searchResultSchema, 400: errorResponse },
      },
    },
    async (request) => search({ db: deps.database.db, cipher: deps.cipher, ctx: authOf(request), query: request.query }),
  );
}
