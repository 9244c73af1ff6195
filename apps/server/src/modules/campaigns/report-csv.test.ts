import { describe, expect, it } from "vitest";
import { csvCell } from "./report.ts";

describe("report CSV cells", () => {
  it("quotes per RFC 4180 and defuses spreadsheet formulas", () => {
    expect(csvCell(null)).toBe("");
    expect(csvCell(12)).toBe("12");
    expect(csvCell(-3)).toBe("-3");
    expect(csvCell("Ana")).toBe("Ana");
    expect(csvCell('Ana "Bia", filha')).toBe('"Ana ""Bia"", filha"');
    expect(csvCell("linha\nnova")).toBe('"linha\nnova"');
    expect(csvCell("=1+1")).toBe("'=1+1");
    expect(csvCell("+5511987654321")).toBe("+5511987654321");
    expect(csvCell("+1+cmd|' /C calc'!A0")).toBe("'+1+cmd|' /C calc'!A0");
    expect(csvCell("-x")).toBe("'-x");
    expect(csvCell("@SUM(A1)")).toBe("'@SUM(A1)");
    expect(csvCell('=HYPERLINK("x","y")')).toBe(`"'=HYPERLINK(""x"",""y"")"`);
  });
});
