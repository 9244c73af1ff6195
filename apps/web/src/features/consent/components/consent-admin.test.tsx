import { fireEvent, screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { buildLogin, buildUser } from "../../../testing/data-generators.ts";
import { apiError, type FakeCall, json } from "../../../testing/fake-fetch.ts";
import { renderApp } from "../../../testing/test-utils.tsx";
import type { ConsentSettings } from "../api/types.ts";
import { ConsentAdmin } from "./consent-admin.tsx";

const settings: ConsentSettings = {
  enabled: true,
  defaultLanguage: "pt-BR",
  optOutKeywords: { "pt-BR": ["SAIR", "PARAR"], en: ["STOP"], es: ["BAJA"] },
  optInKeywords: { "pt-BR": ["VOLTAR"], en: ["START"], es: ["ALTA"] },
  optOutReply: { "pt-BR": "Pronto, você saiu.", en: "Done, you are out.", es: "Listo, saliste." },
  optInReply: { "pt-BR": "Você voltou.", en: "", es: "" },
};

/** The settings API over one stored value: PUT replaces it (or answers `putError`). */
function fakeSettings({ putError }: { putError?: Response } = {}) {
  let stored = settings;
  return {
    routes: [
      { path: "/api/v1/workspace/consent", respond: () => json(stored) },
      {
        method: "PUT",
        path: "/api/v1/workspace/consent",
        respond: (call: FakeCall) => {
          if (putError) return putError;
          stored = call.body as ConsentSettings;
          return json(stored);
        },
      },
    ],
  };
}

const renderPage = (server = fakeSettings()) =>
  renderApp(<ConsentAdmin />, { login: buildLogin({ user: buildUser({ role: "admin" }) }), routes: server.routes });
const chips = (name: string) =>
  within(screen.getByRole("list", { name }))
    .getAllByRole("listitem")
    .map((li) => li.firstChild?.textContent);
const putBody = (calls: FakeCall[]) => calls.find((c) => c.method === "PUT")?.body as ConsentSettings | undefined;

describe("ConsentAdmin", () => {
  it("when the page opens, the switch, default language, keyword chips per language and replies show", async () => {
    renderPage();
    expect(((await screen.findByLabelText("Recognise opt-out and opt-in words")) as HTMLInputElement).checked).toBe(true);
    expect((screen.getByLabelText("Default reply language") as HTMLSelectElement).value).toBe("pt-BR");
    expect(chips("Opt-out words in Portuguese")).toEqual(["SAIR", "PARAR"]);
    expect(chips("Opt-out words in Spanish")).toEqual(["BAJA"]);
    expect(chips("Opt-in words in English")).toEqual(["START"]);
    expect((screen.getByLabelText("After an opt-out, in English") as HTMLTextAreaElement).value).toBe("Done, you are out.");
  });

  it("when the admin adds and removes words and edits a reply, Save sends the whole policy and confirms", async () => {
    const { fetch } = renderPage();
    const newWord = await screen.findByLabelText("New opt-out word in Portuguese", { selector: "input" });
    fireEvent.change(newWord, { target: { value: "Chega" } });
    fireEvent.keyDown(newWord, { key: "Enter" });
    fireEvent.click(screen.getByRole("button", { name: "Remove PARAR" }));
    fireEvent.change(screen.getByLabelText(/^After an opt-in, in English/), { target: { value: "Welcome back." } });
    fireEvent.change(screen.getByLabelText("Default reply language"), { target: { value: "es" } });

    fireEvent.click(screen.getByRole("button", { name: "Save" }));

    expect(await screen.findByText("Settings saved.")).toBeTruthy();
    expect(putBody(fetch.calls)).toEqual({
      ...settings,
      defaultLanguage: "es",
      optOutKeywords: { ...settings.optOutKeywords, "pt-BR": ["SAIR", "Chega"] },
      optInReply: { ...settings.optInReply, en: "Welcome back." },
    });
    expect(chips("Opt-out words in Portuguese")).toEqual(["SAIR", "Chega"]);
  });

  it("when a word already in the other list is added, it is refused with a message and not added", async () => {
    renderPage();
    const newWord = await screen.findByLabelText("New opt-in word in English", { selector: "input" });
    fireEvent.change(newWord, { target: { value: "sáir!" } });
    fireEvent.click(screen.getByRole("button", { name: "Add an opt-in word in English" }));
    expect((await screen.findByRole("alert")).textContent).toBe("“sáir!” is already a word of the other list.");
    expect(chips("Opt-in words in English")).toEqual(["START"]);
  });

  it("when the same word is typed again in another spelling, it is not repeated", async () => {
    renderPage();
    const newWord = await screen.findByLabelText("New opt-out word in Spanish", { selector: "input" });
    fireEvent.change(newWord, { target: { value: "Baja." } });
    fireEvent.keyDown(newWord, { key: "Enter" });
    expect(chips("Opt-out words in Spanish")).toEqual(["BAJA"]);
    expect((newWord as HTMLInputElement).value).toBe("");
  });

  it("when the switch is turned off and saved, enabled false is sent", async () => {
    const { fetch } = renderPage();
    fireEvent.click(await screen.findByLabelText("Recognise opt-out and opt-in words"));
    fireEvent.click(screen.getByRole("button", { name: "Save" }));
    await waitFor(() => expect(putBody(fetch.calls)?.enabled).toBe(false));
  });

  it("when an opt-out reply is emptied, Save is disabled", async () => {
    renderPage();
    fireEvent.change(await screen.findByLabelText("After an opt-out, in Spanish"), { target: { value: "  " } });
    expect((screen.getByRole("button", { name: "Save" }) as HTMLButtonElement).disabled).toBe(true);
  });

  it("when the server refuses the save, its error shows", async () => {
    renderPage(fakeSettings({ putError: apiError(403, "auth.forbidden") }));
    fireEvent.click(await screen.findByRole("button", { name: "Save" }));
    expect((await screen.findByRole("alert")).textContent).toBe("Your role doesn't allow this. Ask an administrator.");
  });
});
