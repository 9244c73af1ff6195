import { fireEvent, screen, waitFor } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { buildLogin } from "../../../testing/data-generators.ts";
import { apiError, type FakeRoute, json } from "../../../testing/fake-fetch.ts";
import { renderApp } from "../../../testing/test-utils.tsx";
import { buildCopilotStatus, statusRoute } from "../testing/copilot-fakes.tsx";
import { SummaryButton } from "./summary-button.tsx";

const summaryPath = "/api/v1/conversations/c1/summary";

function renderSummary(routes: FakeRoute[], status = buildCopilotStatus()) {
  return renderApp(<SummaryButton conversationId="c1" />, { login: buildLogin(), routes: [...routes, statusRoute(status)] });
}

describe("Summary button", () => {
  it("when clicked, a dialog shows the summary, its points and the engine", async () => {
    renderSummary([
      {
        method: "POST",
        path: summaryPath,
        respond: () =>
          json({
            summary: { text: "Cliente quer trocar o tamanho.", points: ["Pedido 123", "Quer tamanho M"] },
            engine: "builtin",
            fallback: { reason: "not_configured" },
          }),
      },
    ]);

    fireEvent.click(await screen.findByRole("button", { name: "Summary" }));

    const dialog = await screen.findByRole("dialog", { name: "Conversation summary" });
    await waitFor(() => expect(dialog.textContent).toContain("Cliente quer trocar o tamanho."));
    expect(screen.getAllByRole("listitem").map((li) => li.textContent)).toEqual(["Pedido 123", "Quer tamanho M"]);
    expect(dialog.textContent).toContain("Built-in engine");
    expect(dialog.textContent).toContain("No AI provider configured: answered by the built-in engine.");

    fireEvent.keyDown(dialog, { key: "Escape" });
    expect(screen.queryByRole("dialog")).toBeNull();
  });

  it("when summarising fails, the dialog says why and Retry asks again", async () => {
    const { fetch } = renderSummary([{ method: "POST", path: summaryPath, respond: () => apiError(409, "copilot.feature_disabled") }]);

    fireEvent.click(await screen.findByRole("button", { name: "Summary" }));

    expect((await screen.findByRole("alert")).textContent).toContain(
      "Could not summarise: This AI feature is switched off in this workspace. An administrator can switch it on.",
    );
    fireEvent.click(screen.getByRole("button", { name: "Try again" }));
    await waitFor(() => expect(fetch.calls.filter((c) => c.path === summaryPath)).toHaveLength(2));
  });

  it("when the summary feature is off, there is no button", async () => {
    const { fetch } = renderSummary([], buildCopilotStatus({ features: { ...buildCopilotStatus().features, summary: false } }));

    await waitFor(() => expect(fetch.calls).toHaveLength(1));
    expect(screen.queryByRole("button", { name: "Summary" })).toBeNull();
  });
});
