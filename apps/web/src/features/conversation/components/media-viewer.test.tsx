import { fireEvent, screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import type { Message } from "../../../lib/api-types.ts";
import { buildContact, buildConversation, buildLogin, buildMessage, buildUser, uuid } from "../../../testing/data-generators.ts";
import { json } from "../../../testing/fake-fetch.ts";
import { renderApp } from "../../../testing/test-utils.tsx";
import { downloadName } from "./media-viewer.tsx";
import { MessageList } from "./message-list.tsx";

const agent = buildUser({ name: "Ana Agente" });
const conversation = buildConversation({ contact: buildContact({ name: "Lia Souza" }) });

const media = (mimeType: string, filename: string | null = null) => ({ id: uuid(), mimeType, filename, size: 10, status: "stored" });
const at = (minute: number) => `2026-03-02T14:${String(minute).padStart(2, "0")}:00.000Z`;

const photo = buildMessage({
  conversationId: conversation.id,
  type: "image",
  text: "vitrine",
  createdAt: at(1),
  media: media("image/jpeg"),
  content: { content: { type: "image", media: { caption: "vitrine" } } },
});
const text = buildMessage({ conversationId: conversation.id, text: "gostou?", createdAt: at(2) });
const video = buildMessage({
  conversationId: conversation.id,
  direction: "outbound",
  senderUserId: agent.id,
  type: "video",
  text: null,
  createdAt: at(3),
  media: media("video/mp4", "tour.mp4"),
  content: { request: { type: "video", caption: "o tour da loja" } },
});
const receipt = buildMessage({ conversationId: conversation.id, type: "image", text: null, createdAt: at(4), media: media("image/png") });

function renderHistory(messages: Message[] = [receipt, video, text, photo]) {
  return renderApp(<MessageList conversationId={conversation.id} />, {
    login: buildLogin({ user: agent }),
    routes: [
      { path: `/api/v1/conversations/${conversation.id}`, respond: () => json(conversation) },
      { path: `/api/v1/conversations/${conversation.id}/messages`, respond: () => json({ data: messages, nextCursor: null }) },
      { path: "/api/v1/users", respond: () => json({ data: [agent], nextCursor: null }) },
      { path: /^\/api\/v1\/media\//, respond: () => new Response("bytes", { headers: { "content-type": "image/jpeg" } }) },
    ],
  });
}

const viewer = () => screen.getByRole("dialog");

describe("Full-screen media viewer", () => {
  it("when an image is clicked, it opens large with its caption, sender and time, and the place among the media", async () => {
    renderHistory();

    fireEvent.click(await screen.findByRole("button", { name: "View full screen: vitrine" }));

    const dialog = within(viewer());
    expect(viewer().getAttribute("aria-modal")).toBe("true");
    await waitFor(() => expect(dialog.getByRole("heading").textContent).toMatch(/^Lia Souza · Mar 2, 2026/));
    expect(dialog.getByText("1 of 3")).toBeTruthy();
    expect((await dialog.findByRole("img", { name: "vitrine" })).getAttribute("src")).toMatch(/^blob:/);
    expect(viewer().textContent).toContain("vitrine");
    expect(document.activeElement).toBe(viewer());
  });

  it("when → and ← are pressed, it moves between the conversation's images and videos, skipping other messages", async () => {
    renderHistory();
    fireEvent.click(await screen.findByRole("button", { name: "View full screen: vitrine" }));

    fireEvent.keyDown(viewer(), { key: "ArrowRight" });
    const dialog = within(viewer());
    expect(dialog.getByText("2 of 3")).toBeTruthy();
    await waitFor(() => expect(dialog.getByRole("heading").textContent).toMatch(/^Ana Agente · /));
    expect(await dialog.findByLabelText("o tour da loja", { selector: "video" })).toBeTruthy();
    fireEvent.keyDown(viewer(), { key: "ArrowRight" });
    expect(dialog.getByText("3 of 3")).toBeTruthy();
    expect((dialog.getByRole("button", { name: "Next media" }) as HTMLButtonElement).disabled).toBe(true);
    fireEvent.keyDown(viewer(), { key: "ArrowRight" });
    expect(dialog.getByText("3 of 3")).toBeTruthy();
    fireEvent.click(dialog.getByRole("button", { name: "Previous media" }));
    fireEvent.keyDown(viewer(), { key: "ArrowLeft" });

    expect(dialog.getByText("1 of 3")).toBeTruthy();
    expect((dialog.getByRole("button", { name: "Previous media" }) as HTMLButtonElement).disabled).toBe(true);
  });

  it("when Escape is pressed, it closes and the focus returns to the image it was opened from", async () => {
    renderHistory();
    const opener = await screen.findByRole("button", { name: "View full screen: vitrine" });
    fireEvent.click(opener);

    fireEvent.keyDown(viewer(), { key: "Escape" });

    expect(screen.queryByRole("dialog")).toBeNull();
    expect(document.activeElement).toBe(opener);
  });

  it("when the backdrop is clicked, it closes; a click on the media itself does not", async () => {
    renderHistory();
    fireEvent.click(await screen.findByRole("button", { name: "View full screen: vitrine" }));
    const image = await within(viewer()).findByRole("img", { name: "vitrine" });

    fireEvent.click(image);
    expect(screen.queryByRole("dialog")).not.toBeNull();
    fireEvent.click(image.parentElement as HTMLElement);

    expect(screen.queryByRole("dialog")).toBeNull();
  });

  it("when a video's full-screen button is pressed, the viewer opens on it; closing gives the focus back to that button", async () => {
    renderHistory();
    const opener = await screen.findByRole("button", { name: "View full screen: o tour da loja" });

    fireEvent.click(opener);
    expect(within(viewer()).getByText("2 of 3")).toBeTruthy();
    fireEvent.click(within(viewer()).getByRole("button", { name: "Close" }));

    expect(document.activeElement).toBe(opener);
  });

  it("when keys are pressed in the viewer, they do not reach the page's shortcuts", async () => {
    renderHistory();
    fireEvent.click(await screen.findByRole("button", { name: "View full screen: vitrine" }));
    const reached: string[] = [];
    const listener = (event: KeyboardEvent) => reached.push(event.key);
    window.addEventListener("keydown", listener);

    fireEvent.keyDown(viewer(), { key: "j" });
    fireEvent.keyDown(viewer(), { key: "ArrowRight" });
    window.removeEventListener("keydown", listener);

    expect(reached).toEqual([]);
  });

  it("when Download is pressed, the file is fetched and saved under its name", async () => {
    const { fetch } = renderHistory();
    fireEvent.click(await screen.findByRole("button", { name: "View full screen: o tour da loja" }));
    const clicked: string[] = [];
    const original = HTMLAnchorElement.prototype.click;
    HTMLAnchorElement.prototype.click = function (this: HTMLAnchorElement) {
      clicked.push(this.download);
    };

    try {
      fireEvent.click(within(viewer()).getByRole("button", { name: "Download" }));
      await waitFor(() => expect(clicked).toEqual(["tour.mp4"]));
    } finally {
      HTMLAnchorElement.prototype.click = original;
    }
    expect(fetch.calls.some((c) => c.path === `/api/v1/media/${video.media?.id}`)).toBe(true);
  });
});

describe("downloadName", () => {
  it("when the file has no name, one is made from the type, the message and the MIME type", () => {
    expect(downloadName(receipt)).toBe(`image-${receipt.id.slice(0, 8)}.png`);
    expect(downloadName(photo)).toBe(`image-${photo.id.slice(0, 8)}.jpg`);
    expect(downloadName(video)).toBe("tour.mp4");
  });
});
