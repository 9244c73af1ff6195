import { z } from "zod";
import { keyRotationStatuses } from "../../db/schema/key-rotations.ts";

const keyIdSchema = z.string().describe("A master key's id: the first 8 hex characters of a fingerprint, never the key");

export const rotationSchema = z.object({
  id: z.uuid(),
  fromKeyIds: z.array(keyIdSchema).describe("The older keys that still protected data when it started"),
  toKeyId: keyIdSchema,
  provider: z.string(),
  status: z.enum(keyRotationStatuses).describe("running; finished; superseded (a newer rotation took over its work)"),
  startedAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
  finishedAt: z.iso.datetime().nullable(),
  error: z.string().nullable().describe("Why the last pass left ciphertexts behind (ids and counts only)"),
  retiredKeyIds: z.array(keyIdSchema).describe("Keys found unused at the end: removed from the key file, or safe to remove"),
  progress: z
    .array(
      z.object({
        table: z.string(),
        column: z.string().describe("The encrypted column, or `file` for the media files"),
        done: z.number().int().describe("Re-encrypted under the new key"),
        remaining: z.number().int().describe("Still under an older key, as of the last count"),
        failed: z.number().int().describe("Could not be re-encrypted (no key for them, or they no longer decrypt)"),
      }),
    )
    .describe("Per encrypted column and for the media files"),
});

export const encryptionStatusSchema = z.object({
  provider: z.string().describe("Where the master keys come from: environment (PAPO_MASTER_KEY), key_file (DATA_DIR/master.key), or a KMS"),
  source: z.string().describe("The variables or the file that hold them (never a key)"),
  onlineRotation: z.boolean().describe("Whether `npm run keys:rotate` can rotate without a restart (the key file)"),
  currentKeyId: keyIdSchema,
  scannedAt: z.iso
    .datetime()
    .nullable()
    .describe("When the re-encryption job last counted which key protects what; null: unknown until the scan runs"),
  keys: z.array(
    z.object({
      id: keyIdSchema,
      current: z.boolean(),
      ciphertexts: z.number().int().nullable().describe("Values and media files still under this key; null until the scan runs"),
      safeToRemove: z
        .boolean()
        .describe("An older key nothing uses any more: remove it from PAPO_PREVIOUS_MASTER_KEYS (the key file loses it by itself)"),
    }),
  ),
  unknownKeyIds: z
    .array(z.object({ id: z.string(), ciphertexts: z.number().int() }))
    .describe("Key ids found in the data with no key in the ring: that data cannot be read"),
  rotation: rotationSchema.nullable().describe("The rotation in progress, if any"),
  lastFinishedRotation: rotationSchema.nullable(),
});

export type EncryptionStatus = z.infer<typeof encryptionStatusSchema>;
