import { describe, expect, it } from "vitest";
import { AppError } from "../../http/errors.ts";
import { CSV_MAX_ROWS, parseAudienceCsv } from "./csv.ts";
import { normalisePhone } from "./phone.ts";

const codeOf = (run: () => unknown): string | undefined => {
  try {
    run();
  } catch (error) {
    return error instanceof AppError ? error.code : "not an AppError";
  }
  return undefined;
};

describe("audience CSV", () => {
  it("when Brazilian numbers are written the local way, they become the same E.164 number", () => {
    for (const written of ["(11) 98765-4321", "11 98765-4321", "11987654321", "5511987654321", "+55 11 98765-4321"])
      expect(normalisePhone(written), written).toEqual({ digits: "5511987654321", e164: "+5511987654321", country: "BR" });
    expect(normalisePhone("(11) 3456-7890")?.digits).toBe("551134567890");
  });

  it("when a number has its country code, its own country is kept (+1, +52), and junk is refused", () => {
    expect(normalisePhone("+1 415 555 2671")).toEqual({ digits: "14155552671", e164: "+14155552671", country: "US" });
    expect(normalisePhone("+52 55 1234 5678")?.country).toBe("MX");
    expect(normalisePhone("12345")).toBeUndefined();
    expect(normalisePhone("telefone")).toBeUndefined();
    expect(normalisePhone("")).toBeUndefined();
  });

  it("when rows are bad, each is reported with its row, field and code, and the good ones are kept", () => {
    const csv = [
      "Telefone;Nome;pedido;prazo;marketing_consent",
      "(11) 98765-4321;Lia Souza;#1;sexta;sim",
      "11 98765-4321;Outra Lia;#2;;",
      "12345;Ruim;#3;;",
      ";Sem número;#4;;",
      "+1 415 555 2671;Joe;;;yes",
      "+52 55 1234 5678;Ana;#6;;não",
      "5511912340077;Bia;#7;amanhã;sim;sobrando",
    ].join("\n");
    const parsed = parseAudienceCsv(csv, { requiredColumns: ["pedido"] });
    expect(parsed.columns).toEqual(["pedido", "prazo"]);
    expect(parsed.nameColumn).toBe("Nome");
    expect(parsed.consentColumn).toBe("marketing_consent");
    expect(parsed.errors).toEqual([
      { row: 2, field: "Telefone", code: "duplicate", message: "the same number as row 1" },
      { row: 3, field: "Telefone", code: "invalid_number", message: expect.any(String) },
      { row: 4, field: "Telefone", code: "missing_phone", message: "no phone number" },
      { row: 5, field: "pedido", code: "missing_value", message: expect.stringContaining("pedido") },
      { row: 7, code: "too_many_columns", message: "6 values for 5 columns" },
    ]);
    expect(parsed.rows.map((r) => [r.rowNumber, r.phone.digits, r.phone.country, r.name, r.marketingConsent])).toEqual([
      [1, "5511987654321", "BR", "Lia Souza", true],
      [6, "525512345678", "MX", "Ana", false],
    ]);
    expect(parsed.rows[0]?.cells).toEqual({ Nome: "Lia Souza", pedido: "#1", prazo: "sexta", marketing_consent: "sim" });
  });

  it("when the header has no phone column, or the file is empty or malformed, the whole file is refused", () => {
    expect(codeOf(() => parseAudienceCsv("nome,cidade\nLia,SP"))).toBe("campaigns.csv_invalid");
    expect(codeOf(() => parseAudienceCsv(""))).toBe("campaigns.csv_invalid");
    expect(codeOf(() => parseAudienceCsv('phone,nome\n"11987654321,Lia'))).toBe("campaigns.csv_invalid");
    expect(codeOf(() => parseAudienceCsv("phone,x,x\n11987654321,1,2"))).toBe("campaigns.csv_invalid");
  });

  it("when the header uses an alias with accents, a BOM and commas, it is still the phone column", () => {
    const parsed = parseAudienceCsv("\uFEFFNúmero,cidade\n11987654321,São Paulo\n");
    expect(parsed.errors).toEqual([]);
    expect(parsed.rows[0]?.cells).toEqual({ cidade: "São Paulo" });
  });

  it("when a file has more rows than a campaign takes, it is refused with the limit", () => {
    const csv = `phone\n${"11987654321\n".repeat(CSV_MAX_ROWS + 1)}`;
    expect(codeOf(() => parseAudienceCsv(csv))).toBe("campaigns.csv_too_many_rows");
  });
});
