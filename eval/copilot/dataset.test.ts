import { languages } from "@papo/copilot";
import { describe, expect, it } from "vitest";
import { loadArticles, loadDataset } from "./dataset.ts";

// Guards the set's shape so a careless edit (a typo in an article id, a duplicated id) cannot skew the figures.
describe("copilot evaluation set", () => {
  const articles = loadArticles();
  const items = loadDataset("all");
  const articleLanguage = new Map(articles.map((article) => [article.id, article.language]));

  it("has unique article and message ids", () => {
    expect(new Set(articles.map((a) => a.id)).size).toBe(articles.length);
    expect(new Set(items.map((i) => i.id)).size).toBe(items.length);
  });

  it("labels only articles that exist in the message's language or in no particular language", () => {
    for (const item of items) {
      if (item.article === null) continue;
      expect(articleLanguage.has(item.article), `${item.id} → ${item.article}`).toBe(true);
      expect([null, item.language], `${item.id} → ${item.article}`).toContain(articleLanguage.get(item.article));
    }
  });

  it("has the sizes the issue asks for and a dev/test split near 50/50 in every language", () => {
    const minimum = { pt: 300, en: 100, es: 100 };
    for (const language of languages) {
      // The holdout split came later and is sized on its own, so it must not tilt the dev/test balance.
      const ofLanguage = items.filter((item) => item.language === language && item.split !== "holdout");
      expect(ofLanguage.length).toBeGreaterThanOrEqual(minimum[language]);
      const dev = ofLanguage.filter((item) => item.split === "dev").length;
      expect(Math.abs(dev / ofLanguage.length - 0.5)).toBeLessThan(0.05);
    }
  });

  it("has a holdout split of the planned size and label mix in every language", () => {
    const planned = { pt: 80, en: 40, es: 40 };
    for (const language of languages) {
      const holdout = items.filter((item) => item.language === language && item.split === "holdout");
      expect(holdout.length, language).toBe(planned[language]);
      expect(
        holdout.every((item) => item.id.startsWith(`${language}-h`)),
        language,
      ).toBe(true);
      const share = (predicate: (item: (typeof items)[number]) => boolean) => holdout.filter(predicate).length / holdout.length;
      expect(
        share((i) => i.sentiment === "negative"),
        language,
      ).toBeGreaterThan(0.3);
      expect(
        share((i) => i.sentiment === "positive"),
        language,
      ).toBeGreaterThan(0.18);
      expect(
        share((i) => i.wantsHuman),
        language,
      ).toBeGreaterThan(0.2);
      expect(
        share((i) => i.article !== null),
        language,
      ).toBeGreaterThan(0.5);
    }
  });

  it("keeps the label balance the set was designed with", () => {
    const share = (predicate: (item: (typeof items)[number]) => boolean) => items.filter(predicate).length / items.length;
    expect(share((i) => i.sentiment === "negative")).toBeGreaterThan(0.3);
    expect(share((i) => i.sentiment === "positive")).toBeGreaterThan(0.18);
    expect(share((i) => i.wantsHuman)).toBeGreaterThan(0.15);
    expect(share((i) => i.article !== null)).toBeGreaterThanOrEqual(0.6);
  });
});
