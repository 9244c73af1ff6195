import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { authThrottles } from "../../db/schema/auth-throttles.ts";
import { DATABASE_KINDS, isAvailable } from "../../testing/databases.test-utils.ts";
import { startTestPapo, type TestPapo } from "../../testing/papo.test-utils.ts";
import { asAdmin, call, createTestClock, type ErrorBody, type Grant } from "./auth.test-utils.ts";
import { login } from "./service.ts";
import { ACCOUNT_RULE, createLoginThrottle, IP_RULE, lockDurationMs } from "./throttle.ts";

const PASSWORD = "uma-senha-bem-forte";
const MINUTE = 60_000;

/**
 * The seconds left of a lock that lasts `minutes`, asked right after it began. The clock runs in real time between the
 * failure that locks and the next request, so a loaded machine may already be a second into the lock.
 */
const expectFreshLock = (retryAfter: unknown, minutes: number) => expect(retryAfter).toBeOneOf([minutes * 60 - 1, minutes * 60]);

describe.each(DATABASE_KINDS)("login lockout and user enumeration (%s)", (kind) => {
  let t: TestPapo;
  const clock = createTestClock();
  const run = it.skipIf(!isAvailable(kind));
  let address = 0;
  const nextIp = () => `192.0.2.${++address}`;

  beforeAll(async () => {
    if (isAvailable(kind)) t = await startTestPapo({ db: kind, env: { TRUST_PROXY: "1" }, start: { clock } });
  });
  afterAll(async () => t?.close());

  /** A new agent and its e-mail. */
  const newUser = async () => {
    const email = `trava-${randomUUID().slice(0, 8)}@papo.test`;
    expect((await asAdmin(t, "POST", "/api/v1/users", { name: "Pessoa Teste", email, role: "agent", password: PASSWORD })).status).toBe(
      201,
    );
    return email;
  };
  const attempt = (email: string, password: string, ip: string) =>
    call<Grant & ErrorBody>(t, "POST", "/api/v1/auth/login", { ip, body: { email, password } });

  run(
    "when an e-mail gets 5 wrong passwords, even the right one is refused with 429 auth.locked and retryAfter until the lock ends",
    async () => {
      const email = await newUser();
      const ip = nextIp();
      for (let i = 0; i < ACCOUNT_RULE.maxFailures; i++) {
        const wrong = await attempt(email, `errada-${i}-senha`, ip);
        expect(wrong.status).toBe(401);
        expect(wrong.body.error.code).toBe("auth.invalid_credentials");
      }
      const locked = await attempt(email, PASSWORD, ip);
      expect(locked.status).toBe(429);
      expect(locked.body.error.code).toBe("auth.locked");
      expectFreshLock(locked.body.error.details?.retryAfter, 5);
      expect(locked.headers.get("retry-after")).toBe(String(locked.body.error.details?.retryAfter));
      // Another address changes nothing: the lock is on the e-mail.
      expect((await attempt(email, PASSWORD, nextIp())).status).toBe(429);

      clock.advance(4 * MINUTE);
      const still = await attempt(email, PASSWORD, nextIp());
      expect(still.status).toBe(429);
      expect(still.body.error.details?.retryAfter).toBeLessThanOrEqual(60);

      clock.advance(MINUTE + 1000);
      const open = await attempt(email, PASSWORD, nextIp());
      expect(open.status).toBe(200);
      expect(open.body.token).toEqual(expect.any(String));
    },
  );

  run("when an e-mail is locked again, the lock is longer each time (5, 15, 45 minutes…)", async () => {
    const email = await newUser();
    const lockOnce = async () => {
      const ip = nextIp();
      for (let i = 0; i < ACCOUNT_RULE.maxFailures; i++) expect((await attempt(email, "senha-errada-de-novo", ip)).status).toBe(401);
      return (await attempt(email, PASSWORD, ip)).body.error.details?.retryAfter;
    };
    expectFreshLock(await lockOnce(), 5);
    clock.advance(5 * MINUTE + 1000);
    expectFreshLock(await lockOnce(), 15);
    clock.advance(15 * MINUTE + 1000);
    expectFreshLock(await lockOnce(), 45);
    expect(lockDurationMs(ACCOUNT_RULE, 10)).toBe(24 * 60 * MINUTE);
    // A day after the last lock ended, the next one starts short again.
    clock.advance(45 * MINUTE + 24 * 60 * MINUTE + 1000);
    expectFreshLock(await lockOnce(), 5);
    clock.advance(5 * MINUTE + 1000);
  });

  run("when failures are spread over more than 15 minutes, they never add up to a lock", async () => {
    const email = await newUser();
    for (let i = 0; i < 2 * ACCOUNT_RULE.maxFailures; i++) {
      expect((await attempt(email, "quase-la-mas-nao", nextIp())).status).toBe(401);
      clock.advance(4 * MINUTE);
    }
    expect((await attempt(email, PASSWORD, nextIp())).status).toBe(200);
  });

  run("when the e-mail exists or not, every answer — wrong password, then locked — is the same body and status", async () => {
    const existing = await newUser();
    const unknown = `ninguem-${randomUUID().slice(0, 8)}@papo.test`;
    const ipA = nextIp();
    const ipB = nextIp();
    for (let i = 0; i <= ACCOUNT_RULE.maxFailures; i++) {
      const a = await attempt(existing, `tentativa-${i}-errada`, ipA);
      const b = await attempt(unknown, `tentativa-${i}-errada`, ipB);
      expect(a.status).toBe(b.status);
      // Each lock's seconds left depend on when its own request ran; everything else must be identical.
      const { retryAfter: leftA, ...restA } = a.body.error?.details ?? {};
      const { retryAfter: leftB, ...restB } = b.body.error?.details ?? {};
      expect({ ...a.body, error: { ...a.body.error, details: restA } }).toEqual({ ...b.body, error: { ...b.body.error, details: restB } });
      expect(Math.abs(Number(leftA ?? 0) - Number(leftB ?? 0))).toBeLessThanOrEqual(1);
      expect(leftA === undefined).toBe(leftB === undefined);
      expect(a.status).toBe(i < ACCOUNT_RULE.maxFailures ? 401 : 429);
    }
    clock.advance(5 * MINUTE + 1000);
  });

  run("when the e-mail is unknown or the password wrong, the same argon2 verification runs (against a dummy hash)", async () => {
    const email = await newUser();
    const verified: string[] = [];
    const verify = async (hash: string, _password: string) => {
      verified.push(hash);
      return false;
    };
    const client = { userAgent: null, ip: nextIp() };
    const deps = t.papo.deps;
    await expect(login({ deps, email, password: "errada-de-proposito", client, verify })).rejects.toMatchObject({
      code: "auth.invalid_credentials",
    });
    await expect(
      login({ deps, email: `nao-existe-${randomUUID()}@papo.test`, password: "errada-de-proposito", client, verify }),
    ).rejects.toMatchObject({
      code: "auth.invalid_credentials",
    });
    expect(verified).toHaveLength(2);
    for (const hash of verified) expect(hash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(verified[0]).not.toBe(verified[1]);
  });

  run("when one address fails 50 times across many e-mails, that address is locked for every e-mail; others log in", async () => {
    const email = await newUser();
    const throttle = createLoginThrottle({ db: t.papo.deps.database.db, cipher: t.papo.deps.cipher, clock });
    const ip = nextIp();
    // Straight to the counters: the per-minute request limit (10) would stop 50 HTTP attempts first.
    for (let i = 0; i < IP_RULE.maxFailures; i++) await throttle.recordFailure(throttle.keys(`varredura-${i}@papo.test`, ip));
    const locked = await attempt(email, PASSWORD, ip);
    expect(locked.status).toBe(429);
    expect(locked.body.error.code).toBe("auth.locked");
    expectFreshLock(locked.body.error.details?.retryAfter, 15);
    expect((await attempt(email, PASSWORD, nextIp())).status).toBe(200);
    clock.advance(15 * MINUTE + 1000);
    expect((await attempt(email, PASSWORD, ip)).status).toBe(200);
  });

  run("when counters are stored, neither the e-mail nor the address appears in the table", async () => {
    const ip = "203.0.113.250";
    const email = "segredo-do-cliente@papo.test";
    await attempt(email, "qualquer-senha-errada", ip);
    const dump = JSON.stringify(await t.papo.deps.database.db.select().from(authThrottles));
    expect(dump).toContain("account:");
    expect(dump).not.toContain(email);
    expect(dump).not.toContain(ip);
  });
});
