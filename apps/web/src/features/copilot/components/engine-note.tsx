import { useT } from "../../../i18n/i18n.tsx";
import type { CopilotEngine } from "../../../lib/api-types.ts";
import type { Fallback } from "../api/types.ts";
import { ENGINE_LABELS, FALLBACK_LABELS } from "../utils/labels.ts";

/**
 * Which engine wrote a result ("IA do provedor" / "Motor embutido") and, when the provider was skipped, why: the agent
 * judges a built-in answer differently from a model's.
 */
export function EngineNote({ engine, fallback }: { engine: CopilotEngine; fallback?: Fallback | undefined }) {
  const t = useT();
  return (
    <span className="inline-flex flex-wrap items-center gap-x-2 text-[11px] text-slate-600 dark:text-slate-400">
      <span>{t(ENGINE_LABELS[engine])}</span>
      {fallback ? (
        <span className="text-amber-800 dark:text-amber-300">{t(FALLBACK_LABELS[fallback.reason] ?? "copilot.fallback.error")}</span>
      ) : null}
    </span>
  );
}
