#!/usr/bin/env node
// Dependency audit for CI: `npm audit --audit-level=high`, read from its JSON report.
//   - the registry's advisory service answered and lists a high or critical advisory that is not an accepted exception
//     → exit 1, naming each one;
//   - it answered and lists none → exit 0;
//   - it could not be reached (no network, a mirror without the audit endpoint: 404/405/5xx) → say so and exit 0, so a
//     run without it is not failed for it, and nobody mistakes it for a clean audit.
// Accepted exceptions are GHSA ids in AUDIT_EXCEPTIONS (space-separated), each explained in docs/security.md.
// `node .ci/audit.mjs --report file.json` checks a saved report instead of asking the registry (used to test this file).
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";

const reportArg = process.argv.indexOf("--report");
let raw;
if (reportArg > 0) {
  raw = readFileSync(process.argv[reportArg + 1] ?? "", "utf8");
} else {
  try {
    raw = execFileSync("npm", ["audit", "--audit-level=high", "--json"], { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] });
  } catch (error) {
    // npm exits 1 both when it finds vulnerabilities and when the audit endpoint fails: the report tells which.
    raw = error.stdout ?? "";
  }
}

let report;
try {
  report = JSON.parse(raw);
} catch {
  report = undefined;
}

if (!report?.metadata?.vulnerabilities) {
  const why = report?.message ?? report?.error?.summary ?? (raw.trim() ? raw.trim().slice(0, 200) : "no answer");
  console.log(`npm audit: NOT CHECKED — the registry's advisory service could not be reached (${why}).`);
  process.exit(0);
}

const exceptions = new Set((process.env.AUDIT_EXCEPTIONS ?? "").split(/\s+/).filter(Boolean));
const blocking = new Map();
const excepted = new Set();
for (const [name, vulnerability] of Object.entries(report.vulnerabilities ?? {})) {
  for (const via of vulnerability.via ?? []) {
    if (typeof via !== "object" || !["high", "critical"].includes(via.severity)) continue;
    const id = String(via.url ?? via.source ?? "")
      .split("/")
      .pop();
    if (exceptions.has(id)) excepted.add(id);
    else blocking.set(`${name}:${id}`, `${name} ${vulnerability.range ?? ""}: ${via.title} (${via.severity}, ${via.url ?? id})`);
  }
}

const counts = report.metadata.vulnerabilities;
const summary = `${counts.critical ?? 0} critical, ${counts.high ?? 0} high, ${counts.moderate ?? 0} moderate, ${counts.low ?? 0} low`;
if (blocking.size > 0) {
  console.log(`npm audit: FAILED — ${summary}. High or critical advisories without a documented exception:`);
  for (const line of blocking.values()) console.log(`  ${line}`);
  console.log("Upgrade the package (a pinned version that fixes it), or accept it in docs/security.md and AUDIT_EXCEPTIONS.");
  process.exit(1);
}
console.log(`npm audit: passed — ${summary}${excepted.size ? `; accepted exceptions: ${[...excepted].join(", ")}` : ""}.`);
