import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { inbound, messages, status, statuses } from "./fixtures.test-utils.ts";
import { normalizeWebhook, normalizeWebhookBody } from "./normalize.ts";

/** Replaces one random node of a JSON tree with an arbitrary value: realistic payloads, broken in one place. */
function mutate(tree: unknown, path: number[], replacement: unknown): unknown {
  if (path.length === 0 || tree === null || typeof tree !== "object") return replacement;
  const entries = Array.isArray(tree) ? tree.map((v, i) => [i, v] as const) : Object.entries(tree);
  if (entries.length === 0) return replacement;
  const [head = 0, ...rest] = path;
  const index = head % entries.length;
  const [key, child] = entries[index] as readonly [string | number, unknown];
  if (Array.isArray(tree)) return tree.map((v: unknown, i) => (i === key ? mutate(child, rest, replacement) : v));
  return { ...(tree as Record<string, unknown>), [key]: mutate(child, rest, replacement) };
}

const fixtures: unknown[] = [...Object.values(messages).map((m) => inbound(m)), ...Object.values(status).map((s) => statuses(s))];

describe("normalizeWebhook — never throws", () => {
  it("when given any JSON value at all, it returns a result instead of throwing", () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const result = normalizeWebhook(value);
        expect(typeof result.ok).toBe("boolean");
      }),
      { numRuns: 2000 },
    );
  });

  it("when given arbitrary JS values (including undefined, NaN, symbols-free objects), it returns a result", () => {
    fc.assert(
      fc.property(fc.anything({ withNullPrototype: true, withBigInt: true, withDate: true, withMap: true }), (value) => {
        expect(() => normalizeWebhook(value)).not.toThrow();
      }),
      { numRuns: 1000 },
    );
  });

  it("when a real payload is broken at one random place, it still returns ok with one event per item or a path-named error", () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...fixtures),
        fc.array(fc.nat(), { maxLength: 8 }),
        fc.oneof(fc.jsonValue(), fc.constant(undefined)),
        (fixture, path, replacement) => {
          const result = normalizeWebhook(mutate(fixture, path, replacement));
          if (result.ok) for (const event of result.events) expect(event.kind).toBeTypeOf("string");
          else expect(result.error.issues.length).toBeGreaterThan(0);
        },
      ),
      { numRuns: 3000 },
    );
  });

  it("when given arbitrary bytes as a raw body, it returns a result", () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 512 }), (bytes) => {
        expect(typeof normalizeWebhookBody(bytes).ok).toBe("boolean");
      }),
      { numRuns: 1000 },
    );
  });
});
