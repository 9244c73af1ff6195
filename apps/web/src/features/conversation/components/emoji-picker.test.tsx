import { fireEvent, screen, within } from "@testing-library/react";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { buildConversation, buildLogin } from "../../../testing/data-generators.ts";
import { renderApp } from "../../../testing/test-utils.tsx";
import { searchEmojis } from "../utils/emoji-data.ts";
import { Composer } from "./composer.tsx";

function renderComposer() {
  renderApp(<Composer conversation={buildConversation()} replyTo={null} onCancelReply={vi.fn()} />, { login: buildLogin() });
  return screen.getByLabelText("Message") as HTMLTextAreaElement;
}

const openPicker = () => {
  fireEvent.click(screen.getByRole("button", { name: "Insert emoji" }));
  return screen.getByRole("combobox", { name: "Search emoji" }) as HTMLInputElement;
};
const selected = () => screen.getByRole("option", { selected: true }).textContent;

describe("Emoji picker", () => {
  beforeEach(() => localStorage.clear());

  it("when an emoji is clicked, it goes in at the caret and the text box keeps the focus with the caret after it", () => {
    const textarea = renderComposer();
    fireEvent.change(textarea, { target: { value: "Olá, tudo bem?" } });
    textarea.setSelectionRange(4, 4);

    openPicker();
    fireEvent.click(screen.getByRole("option", { name: "👋" }));

    expect(textarea.value).toBe("Olá,👋 tudo bem?");
    expect(document.activeElement).toBe(textarea);
    expect(textarea.selectionStart).toBe(4 + "👋".length);
    expect(screen.queryByRole("dialog", { name: "Emojis" })).toBeNull();
  });

  it("when text is selected, the emoji replaces it", () => {
    const textarea = renderComposer();
    fireEvent.change(textarea, { target: { value: "Obrigado XX" } });
    textarea.setSelectionRange(9, 11);

    openPicker();
    fireEvent.click(screen.getByRole("option", { name: "🙏" }));

    expect(textarea.value).toBe("Obrigado 🙏");
  });

  it("when the agent searches in Portuguese and presses Enter, the first match is inserted", () => {
    const textarea = renderComposer();
    const search = openPicker();

    fireEvent.change(search, { target: { value: "Joinha" } });
    expect(selected()).toBe("👍");
    fireEvent.keyDown(search, { key: "Enter" });

    expect(textarea.value).toBe("👍");
    expect(document.activeElement).toBe(textarea);
  });

  it("when the agent searches in English, the matching emojis show", () => {
    renderComposer();
    const search = openPicker();

    fireEvent.change(search, { target: { value: "thumbs" } });

    const results = within(screen.getByRole("group", { name: "Results" }));
    expect(results.getAllByRole("option").map((o) => o.textContent)).toEqual(["👍", "👎"]);
  });

  it("when the arrows are pressed, the choice moves through the grid row by row and Enter inserts it", () => {
    const textarea = renderComposer();
    const search = openPicker();
    const smileys = within(screen.getByRole("group", { name: "Smileys" }))
      .getAllByRole("option")
      .map((o) => o.textContent);

    expect(selected()).toBe(smileys[0]);
    fireEvent.keyDown(search, { key: "ArrowRight" });
    fireEvent.keyDown(search, { key: "ArrowRight" });
    expect(selected()).toBe(smileys[2]);
    fireEvent.keyDown(search, { key: "ArrowDown" });
    expect(selected()).toBe(smileys[2 + 8]);
    fireEvent.keyDown(search, { key: "ArrowLeft" });
    fireEvent.keyDown(search, { key: "ArrowUp" });
    expect(selected()).toBe(smileys[1]);
    expect(search.getAttribute("aria-activedescendant")).toBe(screen.getByRole("option", { selected: true }).id);
    const notPrevented = fireEvent.keyDown(search, { key: "Enter" });

    expect(notPrevented).toBe(false);
    expect(textarea.value).toBe(smileys[1]);
  });

  it("when Escape is pressed, the picker closes, nothing is inserted and the focus goes back to the text box", () => {
    const textarea = renderComposer();
    const search = openPicker();

    fireEvent.keyDown(search, { key: "Escape" });

    expect(screen.queryByRole("dialog", { name: "Emojis" })).toBeNull();
    expect(textarea.value).toBe("");
    expect(document.activeElement).toBe(textarea);
  });

  it("when emojis were used, they come first, newest first, also after a reload", () => {
    renderComposer();
    openPicker();
    fireEvent.click(screen.getByRole("option", { name: "🎉" }));
    openPicker();
    fireEvent.click(screen.getAllByRole("option", { name: "👍" })[0] as HTMLElement);

    // A new console (a reload) reads them back from the browser's storage.
    document.body.innerHTML = "";
    renderComposer();
    openPicker();

    const recent = within(screen.getByRole("group", { name: "Recently used" }));
    expect(recent.getAllByRole("option").map((o) => o.textContent)).toEqual(["👍", "🎉"]);
    expect(selected()).toBe("👍");
  });

  it("when nothing matches the search, it says so", () => {
    renderComposer();
    const search = openPicker();

    fireEvent.change(search, { target: { value: "xylofone" } });

    expect(screen.getByText("No emoji for “xylofone”.")).toBeTruthy();
    expect(screen.queryAllByRole("option")).toEqual([]);
  });
});

describe("searchEmojis", () => {
  it("when words are typed, each must start a word of the emoji, accents and case ignored", () => {
    expect(searchEmojis("Coração Partido").map((e) => e.char)).toEqual(["💔"]);
    expect(searchEmojis("ok").map((e) => e.char)).toContain("👌");
    expect(searchEmojis("ok").map((e) => e.char)).not.toContain("😜");
  });
});
