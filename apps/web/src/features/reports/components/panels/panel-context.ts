import type { UseQueryResult } from "@tanstack/react-query";
import type { DrillTarget, ReportFilters } from "../../api/types.ts";

/** What every tab's panel receives from the screen. */
export interface PanelProps {
  filters: ReportFilters;
  /** False for an agent seeing their own numbers: no team comparison, no workspace-wide cards. */
  canViewAll: boolean;
  onDrill: (target: DrillTarget) => void;
}

export type ReportQueryResult<T> = Pick<UseQueryResult<T>, "data" | "error" | "isPending">;
