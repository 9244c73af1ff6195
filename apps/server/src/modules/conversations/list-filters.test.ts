import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DATABASE_KINDS, isAvailable } from "../../testing/databases.test-utils.ts";
import { eventually, startTestPapo, type TestPapo } from "../../testing/papo.test-utils.ts";

type Conversation = { id: string; assigneeId: string | null; contact: { waId: string } | null };
type Page<T> = { data: T[]; nextCursor: string | null };

describe.each(DATABASE_KINDS)("conversation list filters (%s)", (kind) => {
  let t: TestPapo;
  let me: string;
  beforeAll(async () => {
    if (!isAvailable(kind)) return;
    t = await startTestPapo({ db: kind });
    me = (await t.api<{ id: string }>("GET", "/api/v1/auth/me")).body.id;
  });
  afterAll(async () => t?.close());

  it.skipIf(!isAvailable(kind))("when unassigned=true, only conversations nobody is assigned to are listed", async () => {
    for (const from of ["5511966660001", "5511966660002"]) t.sim.sendAsCustomer({ from, type: "text", text: "oi" });
    const all = await eventually(async () => {
      const { body } = await t.api<Page<Conversation>>("GET", "/api/v1/conversations");
      return body.data.length >= 2 && body.data;
    }, "two conversations");
    const taken = all.find((c) => c.contact?.waId === "5511966660001");
    if (!taken) throw new Error("missing conversation");
    expect((await t.api("PATCH", `/api/v1/conversations/${taken.id}`, { assigneeId: me })).status).toBe(200);

    const { body: unassigned } = await t.api<Page<Conversation>>("GET", "/api/v1/conversations?unassigned=true");
    expect(unassigned.data.map((c) => c.contact?.waId)).toEqual(["5511966660002"]);
    const { body: mine } = await t.api<Page<Conversation>>("GET", `/api/v1/conversations?assigneeId=${me}`);
    expect(mine.data.map((c) => c.contact?.waId)).toEqual(["5511966660001"]);
  });

  it.skipIf(!isAvailable(kind))("when unassigned=true comes with an assignee, the request is refused naming the field", async () => {
    const { status, body } = await t.api<{ error: { code: string; message: string } }>(
      "GET",
      `/api/v1/conversations?unassigned=true&assigneeId=${me}`,
    );
    expect(status).toBe(400);
    expect(body.error.code).toBe("request.invalid");
    expect(body.error.message).toMatch(/^unassigned:/);
  });

  it.skipIf(!isAvailable(kind))("when unassigned is not true or false, the request is refused naming the field", async () => {
    const { status, body } = await t.api<{ error: { code: string; message: string } }>("GET", "/api/v1/conversations?unassigned=yes");
    expect(status).toBe(400);
    expect(body.error.message).toContain("unassigned");
  });
});
