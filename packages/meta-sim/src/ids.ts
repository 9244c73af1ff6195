import { randomBytes, randomInt } from "node:crypto";

/** Who wrote the message a wamid names; Meta encodes it in the id, so ours do too. */
export type WamidDirection = "outbound" | "inbound";

let counter = 0;

/**
 * Builds a wamid shaped like Meta's: `wamid.` + base64 of a small binary record holding the customer's id and a
 * unique hex key (`wamid.HBgNNTUxMTkxMjM0NTY3OBUCABEYEj...ADIA=`). Code that parses or truncates wamids breaks
 * here the way it would in production.
 */
export function makeWamid({ customer, direction }: { customer: string; direction: WamidDirection }): string {
  counter = (counter + 1) % 0xffff;
  const unique = `${randomBytes(direction === "outbound" ? 7 : 8).toString("hex")}${counter.toString(16).padStart(4, "0")}`.toUpperCase();
  const key = direction === "outbound" ? unique.slice(0, 18) : `3A${unique}`.slice(0, 20);
  const customerBytes = Buffer.from(customer.slice(0, 120), "utf8");
  const keyBytes = Buffer.from(key, "utf8");
  const record = Buffer.concat([
    Buffer.from([0x1c, 0x18, customerBytes.length]),
    customerBytes,
    Buffer.from([0x15, 0x02, 0x00, direction === "outbound" ? 0x11 : 0x12, 0x18, keyBytes.length]),
    keyBytes,
    Buffer.from([0x00]),
  ]);
  return `wamid.${record.toString("base64")}`;
}

/** A numeric Graph object id (media, templates): Meta's are 15–16 digit strings. Kept below 2^53 so JSON numbers stay exact. */
export function makeNumericId(): string {
  const head = String(randomInt(1, 9));
  const tail = Array.from({ length: 15 }, () => String(randomInt(0, 10))).join("");
  return `${head === "9" ? "8" : head}${tail}`;
}
