import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";

/** The CI step that reads `npm audit --json` (`.ci/audit.mjs`), fed saved reports: the registry is not asked here. */
const SCRIPT = fileURLToPath(new URL("../../../../.ci/audit.mjs", import.meta.url));
const dir = mkdtempSync(join(tmpdir(), "papo-audit-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const check = (report: unknown, exceptions = "") => {
  const file = join(dir, `report-${Math.random().toString(36).slice(2)}.json`);
  writeFileSync(file, typeof report === "string" ? report : JSON.stringify(report));
  const run = spawnSync(process.execPath, [SCRIPT, "--report", file], {
    encoding: "utf8",
    env: { ...process.env, AUDIT_EXCEPTIONS: exceptions },
  });
  return { status: run.status, output: run.stdout };
};

const HIGH = {
  auditReportVersion: 2,
  vulnerabilities: {
    fastify: {
      name: "fastify",
      severity: "high",
      range: "<5.3.2",
      via: [{ source: 1, title: "Content-Type bypass", url: "https://github.com/advisories/GHSA-aaaa-bbbb-cccc", severity: "high" }],
    },
    "light-my-request": { name: "light-my-request", severity: "high", range: "*", via: ["fastify"] },
    "find-my-way": {
      name: "find-my-way",
      severity: "moderate",
      range: "<8",
      via: [{ source: 2, title: "ReDoS", url: "https://github.com/advisories/GHSA-dddd-eeee-ffff", severity: "moderate" }],
    },
  },
  metadata: { vulnerabilities: { info: 0, low: 0, moderate: 1, high: 2, critical: 0, total: 3 } },
};

describe(".ci/audit.mjs", () => {
  it("when the registry reports a high advisory, the step fails naming the package and the advisory", () => {
    const { status, output } = check(HIGH);
    expect(status).toBe(1);
    expect(output).toContain("npm audit: FAILED");
    expect(output).toContain("fastify <5.3.2: Content-Type bypass (high, https://github.com/advisories/GHSA-aaaa-bbbb-cccc)");
    expect(output).not.toContain("ReDoS");
  });

  it("when that advisory is an accepted exception, the step passes and names it", () => {
    const { status, output } = check(HIGH, "GHSA-aaaa-bbbb-cccc");
    expect(status).toBe(0);
    expect(output).toContain("accepted exceptions: GHSA-aaaa-bbbb-cccc");
  });

  it("when only moderate advisories are reported, the step passes", () => {
    const { status } = check({ ...HIGH, vulnerabilities: { "find-my-way": HIGH.vulnerabilities["find-my-way"] } });
    expect(status).toBe(0);
  });

  it("when the advisory service could not be reached, the step says nothing was checked and does not fail the run", () => {
    const unreachable = check({
      message: "405 Method Not Allowed - POST https://registry.example/-/npm/v1/security/advisories/bulk",
      statusCode: 405,
    });
    expect(unreachable.status).toBe(0);
    expect(unreachable.output).toContain("NOT CHECKED");
    expect(unreachable.output).toContain("405 Method Not Allowed");
    expect(check("").output).toContain("NOT CHECKED");
  });
});
