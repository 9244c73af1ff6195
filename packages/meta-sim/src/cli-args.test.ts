import { describe, expect, it } from "vitest";
import { CliUsageError, DEFAULT_CLI_PORT, parseCliArgs } from "./cli-args.ts";

describe("CLI arguments", () => {
  it("when nothing is given, the simulator listens on 4010 with the dev secret and no webhook URL", () => {
    expect(parseCliArgs([], {})).toEqual({ port: DEFAULT_CLI_PORT, host: "127.0.0.1", appSecret: "dev-secret", help: false });
  });

  it("when flags and environment disagree, the flags win", () => {
    const settings = parseCliArgs(["--port", "5000", "--webhook-url=http://localhost:3000/webhook"], {
      META_SIM_PORT: "6000",
      META_SIM_WEBHOOK_URL: "http://elsewhere/webhook",
      META_SIM_APP_SECRET: "from-env",
    });

    expect(settings).toMatchObject({ port: 5000, webhookUrl: "http://localhost:3000/webhook", appSecret: "from-env" });
  });

  it("when the port is not a number, a usage error names it", () => {
    expect(() => parseCliArgs(["--port", "abc"], {})).toThrow(CliUsageError);
  });

  it("when an unknown flag is passed, a usage error names it", () => {
    expect(() => parseCliArgs(["--verbose"], {})).toThrow("unknown flag: --verbose");
  });

  it("when the webhook URL is not http(s), a usage error is raised", () => {
    expect(() => parseCliArgs([], { META_SIM_WEBHOOK_URL: "localhost:3000" })).toThrow(CliUsageError);
  });
});
