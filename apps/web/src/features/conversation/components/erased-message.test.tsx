import { screen } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { buildLogin, buildMessage } from "../../../testing/data-generators.ts";
import { renderApp } from "../../../testing/test-utils.tsx";
import { MessageBubble } from "./message-bubble.tsx";

describe("an erased message in the conversation", () => {
  it.each(["text", "image", "document", "location", "template", "reaction"])(
    "when a %s message was erased, its bubble says so and nothing else of it renders",
    (type) => {
      const message = buildMessage({
        type,
        text: "Conteúdo apagado (LGPD)",
        content: { erased: true },
        erasedAt: "2026-03-02T14:05:00.000Z",
      });
      const { container } = renderApp(<MessageBubble message={message} quoted={undefined} highlighted={false} onJump={() => {}} />, {
        login: buildLogin(),
      });
      expect(screen.getByText("Content erased (LGPD)")).toBeTruthy();
      expect(container.querySelector("img")).toBeNull();
      expect(container.textContent).not.toContain("undefined");
    },
  );
});
