import { createRequire } from "node:module";
import type { Page } from "playwright-core";

const require = createRequire(import.meta.url);
const axeSource: string = (require("axe-core") as { source: string }).source;

/** One rule broken on the page, with the first elements that break it (enough to find them). */
export interface AccessibilityViolation {
  rule: string;
  impact: string | null;
  help: string;
  targets: string[];
  /** axe's own explanation for the first element (for contrast: the colours and ratio it measured). */
  why: string;
}

interface AxeResults {
  violations: Array<{
    id: string;
    impact: string | null;
    help: string;
    nodes: Array<{ target: unknown[]; html: string; failureSummary?: string }>;
  }>;
}

/**
 * Runs axe-core (the engine behind most accessibility checkers) in the page against WCAG 2.1 A and AA — labels,
 * roles, names, and colour contrast as actually rendered — and returns what it finds. The page's own state is
 * audited, so call it on each screen and theme that matters.
 */
export async function auditAccessibility(page: Page): Promise<AccessibilityViolation[]> {
  // Evaluated through the DevTools protocol rather than added as a <script>: the console's CSP forbids inline scripts.
  // Strings, not functions: this file is compiled without the DOM's types, and the code runs in the page.
  if (!(await page.evaluate('"axe" in window'))) await page.evaluate(axeSource);
  const results = await page.evaluate(
    'axe.run(document, { runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] } })',
  );
  return (results as AxeResults).violations.map((v) => ({
    rule: v.id,
    impact: v.impact,
    help: v.help,
    targets: v.nodes.slice(0, 5).map((n) => n.target.map(String).join(" ")),
    why: `${v.nodes[0]?.html.slice(0, 200) ?? ""} — ${v.nodes[0]?.failureSummary ?? ""}`,
  }));
}
