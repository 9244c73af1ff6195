import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import type { Deps } from "../../deps.ts";
import { errorResponse } from "../../http/pagination.ts";
import { encryptionStatusSchema } from "./schemas.ts";
import { encryptionStatus } from "./service.ts";

/** The encryption-at-rest status (permission settings.manage). Read-only: rotating the master key is an operator's step. */
export async function encryptionRoutes(app: FastifyInstance, deps: Deps): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    "/api/v1/security/encryption",
    {
      schema: {
        tags: ["security"],
        summary:
          "Encryption at rest: the master keys, what each still protects, and the key rotation in progress (permission settings.manage)",
        description:
          "The master key is deployment-wide, so this status is the same for every workspace. Rotation is not an API call: " +
          "run `npm run keys:rotate` (key file) or change PAPO_MASTER_KEY / PAPO_PREVIOUS_MASTER_KEYS and restart (environment).",
        response: { 200: encryptionStatusSchema, 401: errorResponse, 403: errorResponse },
      },
    },
    async () => encryptionStatus(deps),
  );
}
