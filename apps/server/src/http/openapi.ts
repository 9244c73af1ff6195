import swagger from "@fastify/swagger";
import swaggerUi from "@fastify/swagger-ui";
import type { FastifyInstance } from "fastify";
import { jsonSchemaTransform } from "fastify-type-provider-zod";

type TransformInput = Parameters<typeof jsonSchemaTransform>[0];

/** The zod transform throws on routes whose schema is not zod (hidden routes, raw-body webhook): give it zod only. */
const hasZod = (schema: unknown): boolean => {
  if (!schema || typeof schema !== "object") return false;
  const s = schema as Record<string, unknown>;
  const isZod = (v: unknown) => typeof v === "object" && v !== null && "_zod" in v;
  return (
    ["body", "querystring", "params", "headers"].some((k) => isZod(s[k])) ||
    Object.values((s.response as Record<string, unknown>) ?? {}).some(isZod)
  );
};

/** OpenAPI 3 generated from the route schemas: `/api/openapi.json`, and Swagger UI at `/api/docs`. */
export async function registerOpenApi(app: FastifyInstance, { version }: { version: string }): Promise<void> {
  await app.register(swagger, {
    openapi: {
      openapi: "3.0.3",
      info: {
        title: "Papo API",
        version,
        description:
          "WhatsApp (Meta Cloud API) for CRMs. Log in with POST /api/v1/auth/login and send `Authorization: Bearer <token>`. " +
          "Errors are `{ error: { code, message, details? } }`; lists are `{ data, nextCursor }`.",
      },
      components: { securitySchemes: { bearer: { type: "http", scheme: "bearer", bearerFormat: "JWT" } } },
      security: [{ bearer: [] }],
    },
    transform: (input: TransformInput) => (hasZod(input.schema) ? jsonSchemaTransform(input) : { schema: input.schema, url: input.url }),
  });
  await app.register(swaggerUi, { routePrefix: "/api/docs" });
  app.get("/api/openapi.json", { schema: { hide: true } }, async () => app.swagger());
}
