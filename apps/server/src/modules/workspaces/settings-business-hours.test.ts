import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DATABASE_KINDS, isAvailable } from "../../testing/databases.test-utils.ts";
import { startTestPapo, type TestPapo } from "../../testing/papo.test-utils.ts";

type ErrorBody = { error: { code: string; message: string; details?: { field?: string } } };
type Settings = { name: string; timeZone: string; businessHours: unknown };

const week = (ranges: Array<{ start: string; end: string }>) => ({
  mon: ranges,
  tue: ranges,
  wed: ranges,
  thu: ranges,
  fri: ranges,
  sat: [],
  sun: [],
});

describe.each(DATABASE_KINDS)("workspace business hours (%s)", (kind) => {
  let t: TestPapo;
  const run = it.skipIf(!isAvailable(kind));
  const patch = (body: unknown, token = t.token) => t.apiAs<Settings & ErrorBody>(token, "PATCH", "/api/v1/workspace/settings", body);

  beforeAll(async () => {
    if (!isAvailable(kind)) return;
    t = await startTestPapo({ db: kind });
  });
  afterAll(async () => t?.close());

  run("business hours are null until set, round-trip, leave the other settings alone, and can be cleared", async () => {
    const initial = await t.api<Settings>("GET", "/api/v1/workspace/settings");
    expect(initial.body.businessHours).toBeNull();

    const hours = {
      timezone: "America/Recife",
      days: week([
        { start: "09:00", end: "12:00" },
        { start: "13:00", end: "18:00" },
      ]),
    };
    const saved = await patch({ businessHours: hours });
    expect(saved.status).toBe(200);
    expect(saved.body).toEqual({ name: initial.body.name, timeZone: initial.body.timeZone, businessHours: hours });
    expect((await t.api<Settings>("GET", "/api/v1/workspace/settings")).body.businessHours).toEqual(hours);

    const renamed = await patch({ name: "Loja Papo" });
    expect(renamed.body).toMatchObject({ name: "Loja Papo", businessHours: hours });

    const cleared = await patch({ businessHours: null });
    expect(cleared.body.businessHours).toBeNull();
    expect((await t.api<Settings>("GET", "/api/v1/workspace/settings")).body.businessHours).toBeNull();
  });

  run("a bad zone, time or shape is 422 workspace.invalid_business_hours naming the field, and nothing changes", async () => {
    const good = { timezone: "America/Sao_Paulo", days: week([{ start: "08:00", end: "17:00" }]) };
    await patch({ businessHours: good });
    for (const [businessHours, field] of [
      [{ ...good, timezone: "Brasil/Sao_Paulo" }, "businessHours.timezone"],
      [{ ...good, days: { ...good.days, mon: [{ start: "25:00", end: "18:00" }] } }, "businessHours.days.mon.0.start"],
      [{ ...good, days: { ...good.days, tue: [{ start: "09:00", end: "09:00" }] } }, "businessHours.days.tue.0.end"],
      [{ timezone: "America/Sao_Paulo" }, "businessHours.days"],
      ["sempre", "businessHours"],
    ] as const) {
      const response = await patch({ businessHours });
      expect([response.status, response.body.error.code], field).toEqual([422, "workspace.invalid_business_hours"]);
      expect(response.body.error.details?.field).toBe(field);
      expect(response.body.error.message).toContain(field);
    }
    expect((await t.api<Settings>("GET", "/api/v1/workspace/settings")).body.businessHours).toEqual(good);
  });

  run("an agent reads the hours but cannot change them", async () => {
    const me = await t.api<{ workspaceId: string }>("GET", "/api/v1/auth/me");
    const agent = await t.addUser({ workspaceId: me.body.workspaceId, email: "agente@papo.test", role: "agent" });
    expect((await t.apiAs<Settings>(agent.token, "GET", "/api/v1/workspace/settings")).body.businessHours).not.toBeUndefined();
    const denied = await patch({ businessHours: null }, agent.token);
    expect([denied.status, denied.body.error.code]).toEqual([403, "auth.forbidden"]);
  });
});
