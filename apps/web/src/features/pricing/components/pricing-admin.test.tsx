import { fireEvent, screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { buildLogin, buildUser } from "../../../testing/data-generators.ts";
import { type FakeCall, type FakeRoute, json } from "../../../testing/fake-fetch.ts";
import { renderApp } from "../../../testing/test-utils.tsx";
import type { PriceRate, PriceTableInput, PricingCategory } from "../api/types.ts";
import { PricingAdmin } from "./pricing-admin.tsx";

const DEFAULTS: Record<string, [number, number, number]> = { BR: [0.0625, 0.0068, 0.0068], MX: [0.0305, 0.0085, 0.0085] };
const CATEGORIES: PricingCategory[] = ["MARKETING", "UTILITY", "AUTHENTICATION"];

/** A fake price table API: defaults merged with the custom rows the last PUT stored, like the server. */
function fakeServer(initialCustom: PriceTableInput["rates"] = []) {
  let custom = [...initialCustom];
  const puts: FakeCall[] = [];
  const table = () => {
    const rates = new Map<string, PriceRate>();
    for (const [country, prices] of Object.entries(DEFAULTS))
      CATEGORIES.forEach((category, i) => {
        rates.set(`${country}|${category}`, { country, category, price: prices[i] ?? 0, custom: false });
      });
    for (const r of custom) rates.set(`${r.country}|${r.category}`, { ...r, custom: true });
    return { currency: "USD", effectiveDate: "2026-10-01", source: "Meta rate card", rates: [...rates.values()] };
  };
  const routes: FakeRoute[] = [
    { path: "/api/v1/pricing-rates", respond: () => json(table()) },
    {
      method: "PUT",
      path: "/api/v1/pricing-rates",
      respond: (call) => {
        puts.push(call);
        custom = (call.body as PriceTableInput).rates;
        return json(table());
      },
    },
  ];
  return { routes, puts };
}

const admin = () => buildLogin({ user: buildUser({ role: "admin" }) });
const cell = (label: string) => screen.getByLabelText(label) as HTMLInputElement;

describe("price table admin page", () => {
  it("shows Meta's defaults and the workspace's own prices, marked apart", async () => {
    const server = fakeServer([{ country: "BR", category: "MARKETING", price: 0.05 }]);
    renderApp(<PricingAdmin />, { login: admin(), routes: server.routes });
    await screen.findByLabelText("Marketing price for Brazil");
    expect(screen.getByText(/Used for campaign cost estimates/).textContent).toContain("in USD");
    expect(cell("Marketing price for Brazil").value).toBe("0.05");
    expect(cell("Utility price for Brazil").value).toBe("0.0068");
    const brazil = screen.getByRole("row", { name: /Brazil/ });
    expect(within(brazil).getAllByText("Custom")).toHaveLength(1);
    expect(within(brazil).getAllByText("Meta's default")).toHaveLength(2);
    expect(screen.getByRole("button", { name: "Back to the default: Marketing price for Brazil" })).toBeTruthy();
  });

  it("saves edited prices and a new country as the workspace's own", async () => {
    const server = fakeServer();
    renderApp(<PricingAdmin />, { login: admin(), routes: server.routes });
    await screen.findByLabelText("Marketing price for Mexico");
    const save = screen.getByRole("button", { name: "Save table" }) as HTMLButtonElement;
    expect(save.disabled).toBe(true);

    fireEvent.change(cell("Marketing price for Mexico"), { target: { value: "abc" } });
    expect(screen.getByText("Enter a value between 0 and 10, such as 0.0625.")).toBeTruthy();
    expect(save.disabled).toBe(true);
    fireEvent.change(cell("Marketing price for Mexico"), { target: { value: "0,04" } });
    expect(save.disabled).toBe(false);

    fireEvent.change(screen.getByLabelText("Add a country"), { target: { value: "*" } });
    fireEvent.click(screen.getByRole("button", { name: "Add" }));
    fireEvent.change(cell("Marketing price for Other countries"), { target: { value: "0.07" } });
    fireEvent.change(screen.getByLabelText("Add a country"), { target: { value: "PT" } });
    fireEvent.click(screen.getByRole("button", { name: "Add" }));
    fireEvent.change(cell("Utility price for Portugal"), { target: { value: "0.02" } });

    fireEvent.click(save);
    expect((await screen.findByRole("status")).textContent).toBe("Table saved. The next estimates use these prices.");
    expect(server.puts[0]?.body).toEqual({
      rates: [
        { country: "MX", category: "MARKETING", price: 0.04 },
        { country: "*", category: "MARKETING", price: 0.07 },
        { country: "PT", category: "UTILITY", price: 0.02 },
      ],
    });
    await waitFor(() => expect(cell("Marketing price for Mexico").value).toBe("0.04"));
    expect(within(screen.getByRole("row", { name: /Mexico/ })).getAllByText("Custom")).toHaveLength(1);
    // Other countries come last.
    expect(screen.getAllByRole("rowheader").at(-1)?.textContent).toContain("Other countries");
  });

  it("puts a single price back to the default, or every price after confirming", async () => {
    const server = fakeServer([
      { country: "BR", category: "MARKETING", price: 0.05 },
      { country: "BR", category: "UTILITY", price: 0.01 },
    ]);
    renderApp(<PricingAdmin />, { login: admin(), routes: server.routes });
    await screen.findByLabelText("Marketing price for Brazil");
    fireEvent.click(screen.getByRole("button", { name: "Back to the default: Utility price for Brazil" }));
    fireEvent.click(screen.getByRole("button", { name: "Save table" }));
    await screen.findByRole("status");
    expect(server.puts[0]?.body).toEqual({ rates: [{ country: "BR", category: "MARKETING", price: 0.05 }] });
    await waitFor(() => expect(cell("Utility price for Brazil").value).toBe("0.0068"));

    fireEvent.click(screen.getByRole("button", { name: "Back to Meta's prices" }));
    const dialog = screen.getByRole("dialog", { name: "Go back to Meta's prices?" });
    fireEvent.click(within(dialog).getByRole("button", { name: "Back to the defaults" }));
    await waitFor(() => expect(cell("Marketing price for Brazil").value).toBe("0.0625"));
    expect(server.puts[1]?.body).toEqual({ rates: [] });
    expect(screen.queryByRole("dialog")).toBeNull();
    expect(screen.queryByText("Custom")).toBeNull();
  });
});
