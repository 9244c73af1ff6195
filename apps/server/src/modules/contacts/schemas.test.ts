import { describe, expect, it } from "vitest";
import { ATTRIBUTES_MAX, TAGS_MAX, uniqueTags, updateContactBody } from "./schemas.ts";

describe("contact body schemas", () => {
  it("when tags repeat in another case or with spaces, the first spelling stays once, trimmed", () => {
    const parsed = updateContactBody.parse({ tags: [" VIP ", "vip", "atacado", "Vip", "  atacado"] });
    expect(parsed.tags).toEqual(["VIP", "atacado"]);
  });

  it("when a tag is blank or longer than 64 characters, the body is refused at that tag", () => {
    const blank = updateContactBody.safeParse({ tags: ["ok", "   "] });
    expect(blank.success).toBe(false);
    expect(blank.error?.issues[0]?.path).toEqual(["tags", 1]);
    expect(updateContactBody.safeParse({ tags: ["x".repeat(65)] }).success).toBe(false);
    expect(updateContactBody.safeParse({ tags: ["x".repeat(64)] }).success).toBe(true);
  });

  it("when there are more different tags than the limit, the body is refused; repeats do not count", () => {
    const many = Array.from({ length: TAGS_MAX + 1 }, (_, i) => `tag-${i}`);
    expect(updateContactBody.safeParse({ tags: many }).error?.issues[0]?.path).toEqual(["tags"]);
    expect(updateContactBody.safeParse({ tags: [...many.slice(0, TAGS_MAX), "TAG-0"] }).success).toBe(true);
  });

  it("when attribute keys have spaces around them, they are trimmed; a blank key is refused", () => {
    expect(updateContactBody.parse({ attributes: { " plano ": "ouro" } }).attributes).toEqual({ plano: "ouro" });
    expect(updateContactBody.safeParse({ attributes: { "  ": "x" } }).success).toBe(false);
    expect(updateContactBody.safeParse({ attributes: { ["k".repeat(65)]: "x" } }).success).toBe(false);
  });

  it("when there are too many attributes or they are too big, the body is refused at attributes", () => {
    const many = Object.fromEntries(Array.from({ length: ATTRIBUTES_MAX + 1 }, (_, i) => [`k${i}`, i]));
    expect(updateContactBody.safeParse({ attributes: many }).error?.issues[0]?.path).toEqual(["attributes"]);
    const big = updateContactBody.safeParse({ attributes: { notas: "x".repeat(17 * 1024) } });
    expect(big.error?.issues[0]?.path).toEqual(["attributes"]);
    expect(updateContactBody.safeParse({ attributes: { pedido: { id: 7, itens: ["a"] }, ativo: true } }).success).toBe(true);
  });

  it("uniqueTags keeps the order of first appearance", () => {
    expect(uniqueTags(["b", "a", "B", "c", "A"])).toEqual(["b", "a", "c"]);
  });
});
