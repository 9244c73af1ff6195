import { describe, expect, it } from "vitest";
import { ConfigError, parseConfig } from "./config.ts";

const problemsOf = (env: Record<string, string>) => {
  try {
    parseConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
};

describe("parseConfig", () => {
  it("when nothing is set, Papo runs on port 3000 with PGlite under ./data in sandbox mode", () => {
    const config = parseConfig({});
    expect(config.port).toBe(3000);
    expect(config.database).toEqual({ kind: "pglite", dir: expect.stringMatching(/data\/pglite$/) });
    expect(config.sandbox.enabled).toBe(true);
    expect(config.whatsapp).toEqual({ apiUrl: "https://graph.facebook.com", apiVersion: "v24.0" });
    expect(config.publicUrl).toBe("http://localhost:3000");
  });

  it("when DATABASE_URL is set, PostgreSQL is used", () => {
    expect(parseConfig({ DATABASE_URL: "postgres://u@db:5432/papo" }).database).toEqual({
      kind: "postgres",
      url: "postgres://u@db:5432/papo",
    });
  });

  it("when a real channel is configured, sandbox mode is off unless forced", () => {
    const channel = {
      WHATSAPP_ACCESS_TOKEN: "EAAG",
      WHATSAPP_PHONE_NUMBER_ID: "106540352242922",
      WHATSAPP_BUSINESS_ACCOUNT_ID: "102290129340398",
      WHATSAPP_APP_SECRET: "s",
    };
    expect(parseConfig(channel).sandbox.enabled).toBe(false);
    expect(parseConfig(channel).firstChannel).toEqual({ accessToken: "EAAG", phoneNumberId: "106540352242922", wabaId: "102290129340398" });
    expect(parseConfig({ ...channel, PAPO_SANDBOX: "1" }).sandbox.enabled).toBe(true);
  });

  it("when several values are bad, every one is reported by name at once", () => {
    const problems = problemsOf({
      PORT: "eighty",
      DATABASE_URL: "mysql://x",
      PAPO_MASTER_KEY: "short",
      ADMIN_EMAIL: "nope",
      WHATSAPP_API_VERSION: "24",
    });
    expect(problems.map((p) => p.variable).sort()).toEqual([
      "ADMIN_EMAIL",
      "DATABASE_URL",
      "PAPO_MASTER_KEY",
      "PORT",
      "WHATSAPP_API_VERSION",
    ]);
    expect(problems.find((p) => p.variable === "PAPO_MASTER_KEY")?.message).toContain("openssl rand -hex 32");
  });

  it("when only part of a channel is configured, the missing variables are named", () => {
    const problems = problemsOf({ WHATSAPP_ACCESS_TOKEN: "EAAG", WHATSAPP_APP_SECRET: "s" });
    expect(problems.map((p) => p.variable).sort()).toEqual(["WHATSAPP_BUSINESS_ACCOUNT_ID", "WHATSAPP_PHONE_NUMBER_ID"]);
  });

  it("when a real channel has no app secret, start-up refuses: unsigned webhooks are never accepted", () => {
    const problems = problemsOf({ WHATSAPP_ACCESS_TOKEN: "EAAG", WHATSAPP_PHONE_NUMBER_ID: "1", WHATSAPP_BUSINESS_ACCOUNT_ID: "2" });
    expect(problems).toEqual([{ variable: "WHATSAPP_APP_SECRET", message: expect.stringContaining("unsigned webhooks") }]);
  });

  it("when ADMIN_PASSWORD is short, common or made of the admin's e-mail, start-up refuses it with the reason", () => {
    const problem = (password: string) => problemsOf({ ADMIN_EMAIL: "marina.costa@empresa.com.br", ADMIN_PASSWORD: password });
    expect(problem("curta-123")).toEqual([{ variable: "ADMIN_PASSWORD", message: "must have at least 12 characters" }]);
    expect(problem("password1234")).toEqual([{ variable: "ADMIN_PASSWORD", message: expect.stringContaining("common") }]);
    expect(problem("marina.costa-2026")).toEqual([{ variable: "ADMIN_PASSWORD", message: expect.stringContaining("ADMIN_EMAIL") }]);
    expect(problem("tucano-azul-na-janela")).toEqual([]);
  });

  it("when REPORTS_FOLD_INTERVAL_SECONDS is set, it reads durations from 1 s to 1 h; the default is 10 s", () => {
    expect(parseConfig({}).reportsFoldIntervalSeconds).toBe(10);
    expect(parseConfig({ REPORTS_FOLD_INTERVAL_SECONDS: "2m" }).reportsFoldIntervalSeconds).toBe(120);
    expect(problemsOf({ REPORTS_FOLD_INTERVAL_SECONDS: "0" }).map((p) => p.variable)).toEqual(["REPORTS_FOLD_INTERVAL_SECONDS"]);
    expect(problemsOf({ REPORTS_FOLD_INTERVAL_SECONDS: "2h" }).map((p) => p.variable)).toEqual(["REPORTS_FOLD_INTERVAL_SECONDS"]);
  });

  it("when TEMPLATE_SYNC_INTERVAL_SECONDS is set, it reads durations, 0 turns the sync off, and under a minute is refused", () => {
    expect(parseConfig({}).templateSyncIntervalSeconds).toBe(3600);
    expect(parseConfig({ TEMPLATE_SYNC_INTERVAL_SECONDS: "6h" }).templateSyncIntervalSeconds).toBe(6 * 3600);
    expect(parseConfig({ TEMPLATE_SYNC_INTERVAL_SECONDS: "0" }).templateSyncIntervalSeconds).toBe(0);
    expect(problemsOf({ TEMPLATE_SYNC_INTERVAL_SECONDS: "30" }).map((p) => p.variable)).toEqual(["TEMPLATE_SYNC_INTERVAL_SECONDS"]);
  });

  it("when the configuration is parsed, it is frozen", () => {
    expect(Object.isFrozen(parseConfig({}))).toBe(true);
  });
});
