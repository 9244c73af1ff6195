import type { ReportTab } from "../../api/types.ts";
import { AgentsPanel } from "./agents-panel.tsx";
import { BotPanel } from "./bot-panel.tsx";
import { CostPanel } from "./cost-panel.tsx";
import { DeliveryPanel } from "./delivery-panel.tsx";
import type { PanelProps } from "./panel-context.ts";
import { QualityPanel } from "./quality-panel.tsx";
import { SpeedPanel } from "./speed-panel.tsx";
import { VolumePanel } from "./volume-panel.tsx";

const PANELS: Record<ReportTab, (props: PanelProps) => React.JSX.Element> = {
  volume: VolumePanel,
  speed: SpeedPanel,
  agents: AgentsPanel,
  bot: BotPanel,
  quality: QualityPanel,
  delivery: DeliveryPanel,
  cost: CostPanel,
};

/** The charts of one tab: this module (and recharts with it) is loaded lazily by the reports screen. */
export function ReportPanel({ tab, ...props }: PanelProps & { tab: ReportTab }) {
  const Panel = PANELS[tab];
  return <Panel {...props} />;
}
