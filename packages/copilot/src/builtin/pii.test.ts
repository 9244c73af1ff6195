import { describe, expect, it } from "vitest";
import { createStreamingRestorer, maskPersonalData, piiKinds } from "./pii.ts";
import { isLuhnValid, isValidCnpj, isValidCpf } from "./pii-detectors.ts";

// Test values: check-digit-valid but fictitious documents, the card networks' published test numbers.
const CPF = "529.982.247-25";
const CPF_BARE = "52998224725";
const CNPJ = "11.222.333/0001-81";
const CNPJ_BARE = "11222333000181";

const masked = (text: string) => maskPersonalData(text).masked;

describe("checksums", () => {
  it("accepts valid CPF/CNPJ/card numbers and rejects one wrong digit or repeated digits", () => {
    expect(isValidCpf(CPF)).toBe(true);
    expect(isValidCpf("529.982.247-26")).toBe(false);
    expect(isValidCpf("111.111.111-11")).toBe(false);
    expect(isValidCnpj(CNPJ)).toBe(true);
    expect(isValidCnpj("11.222.333/0001-82")).toBe(false);
    expect(isLuhnValid("4111 1111 1111 1111")).toBe(true);
    expect(isLuhnValid("4111 1111 1111 1112")).toBe(false);
  });
});

describe("maskPersonalData", () => {
  it("masks CPF with or without punctuation, bare 11 digits only when the check digits are valid", () => {
    expect(masked(`Meu CPF é ${CPF}`)).toBe("Meu CPF é [CPF_1]");
    expect(masked(`cpf ${CPF_BARE}`)).toBe("cpf [CPF_1]");
    // Formatted = always masked, even with a typo in the check digits.
    expect(masked("cpf 529.982.247-26")).toBe("cpf [CPF_1]");
    expect(masked("protocolo 12345678901")).toBe("protocolo 12345678901");
  });

  it("masks CNPJ formatted always and bare when valid", () => {
    expect(masked(`CNPJ ${CNPJ} / ${CNPJ_BARE}`)).toBe("CNPJ [CNPJ_1] / [CNPJ_1]");
    expect(masked("nota 12345678901234")).toBe("nota 12345678901234");
  });

  it("masks e-mails, the same address (any case) sharing one placeholder", () => {
    const result = maskPersonalData("mande para Joao.Silva+loja@gmail.com ou joao.silva+loja@GMAIL.com, cópia ana@empresa.com.br");
    expect(result.masked).toBe("mande para [EMAIL_1] ou [EMAIL_1], cópia [EMAIL_2]");
    expect(result.found).toEqual({ email: 3 });
  });

  it.each([["(11) 91234-5678"], ["11 91234-5678"], ["+55 11 91234-5678"], ["+55 (11) 9 1234-5678"], ["5511912345678"], ["11912345678"]])(
    "masks the Brazilian phone %s as the same number",
    (phone) => {
      const result = maskPersonalData(`liga no ${phone} ou no 11 91234-5678`);
      expect(result.masked).toBe("liga no [PHONE_1] ou no [PHONE_1]");
    },
  );

  it("masks landlines, international numbers and WhatsApp ids", () => {
    expect(masked("fixo (11) 3456-7890")).toBe("fixo [PHONE_1]");
    // Without the area code the number is masked too, though it cannot be known to be the same as one with it.
    expect(masked("cel 91234-5678 ou 9 1234-5678")).toBe("cel [PHONE_1] ou [PHONE_1]");
    expect(masked("call +1 415 555 1234 or (415) 555-1234")).toBe("call [PHONE_1] or [PHONE_2]");
    expect(masked("mi móvil 612 345 678 o +34 612 34 56 78")).toBe("mi móvil [PHONE_1] o [PHONE_2]");
    expect(masked("wa_id 447911123456")).toBe("wa_id [PHONE_1]");
  });

  it("masks Luhn-valid card numbers with spaces or dashes, not other long numbers", () => {
    expect(masked("cartão 4111 1111 1111 1111 e 5555-5555-5555-4444")).toBe("cartão [CARD_1] e [CARD_2]");
    expect(masked("cartão 4111111111111111")).toBe("cartão [CARD_1]");
    expect(masked("código 4111 1111 1111 1112")).not.toContain("[CARD");
  });

  it("masks bank agency and account numbers, keeping the words that say what they are", () => {
    expect(masked("ag 1234 cc 12345-6")).toBe("ag [BANK_ACCOUNT_1] cc [BANK_ACCOUNT_2]");
    expect(masked("Agência: 0001-9, conta corrente 123456-7")).toBe("Agência: [BANK_ACCOUNT_1], conta corrente [BANK_ACCOUNT_2]");
    expect(masked("conta 98765-4")).toBe("conta [BANK_ACCOUNT_1]");
    expect(masked("cuenta 12345678")).toBe("cuenta [BANK_ACCOUNT_1]");
    // "conta" as "bill" is not an account number.
    expect(masked("minha conta de 150 reais")).toBe("minha conta de 150 reais");
  });

  it("masks PIX keys through the kinds they are made of", () => {
    const result = maskPersonalData(`pix: ${CPF_BARE}, pix fulano@pix.com, pix +55 11 91234-5678`);
    expect(result.masked).toBe("pix: [CPF_1], pix [EMAIL_1], pix [PHONE_1]");
    const uuid = "123e4567-e89b-12d3-a456-426614174000";
    expect(masked(`minha chave pix aleatória: ${uuid.toUpperCase()}`)).toBe("minha chave pix aleatória: [BANK_ACCOUNT_1]");
    expect(masked(`pedido ${uuid}`)).toBe(`pedido ${uuid}`);
  });

  it("masks addresses in Portuguese, Spanish and English and CEPs", () => {
    expect(masked("moro na Rua das Flores, 123, apto 45")).toBe("moro na [ADDRESS_1]");
    expect(masked("entrega na Av. Paulista 1000")).toBe("entrega na [ADDRESS_1]");
    expect(masked("na rua 25 de Março, nº 300")).toBe("na [ADDRESS_1]");
    expect(masked("Travessa do Ouvidor, 12 e Alameda Santos, 45")).toBe("[ADDRESS_1] e [ADDRESS_2]");
    expect(masked("CEP 01310-100, cep: 01310100")).toBe("CEP [ADDRESS_1], cep: [ADDRESS_1]");
    expect(masked("Vivo en Calle Mayor 12, Madrid")).toBe("Vivo en [ADDRESS_1], Madrid");
    expect(masked("I live at 123 Main St, Apt 4")).toBe("I live at [ADDRESS_1]");
  });

  it("leaves ordinary numbers alone: order numbers, dates, times, money, tracking codes", () => {
    const text = "Pedido 123456 de 29/11/2026 às 10:30, valor R$ 1.234,56, rastreio BR123456789BR, entre 2023-2024, 3 dias na rua";
    expect(masked(text)).toBe(text);
    expect(masked("the order took 2 days on the way")).toBe("the order took 2 days on the way");
  });

  it("numbers placeholders per kind and counts every occurrence", () => {
    const result = maskPersonalData(`a@x.com ${CPF} b@x.com ${CPF_BARE} (11) 91234-5678`);
    expect(result.masked).toBe("[EMAIL_1] [CPF_1] [EMAIL_2] [CPF_1] [PHONE_1]");
    expect(result.found).toEqual({ email: 2, cpf: 2, phone: 1 });
  });

  it("masks only the requested kinds", () => {
    const result = maskPersonalData(`a@x.com ${CPF}`, { kinds: ["cpf"] });
    expect(result.masked).toBe("a@x.com [CPF_1]");
    expect(maskPersonalData("nada aqui").found).toEqual({});
    expect(piiKinds).toContain("bank_account");
  });

  it("never leaves a digit of a masked value behind", () => {
    const secrets = [
      CPF,
      CNPJ,
      "joao@gmail.com",
      "(11) 91234-5678",
      "4111 1111 1111 1111",
      "conta 12345-6",
      "Rua das Flores, 123",
      "01310-100",
    ];
    const text = `Dados: ${secrets.join(" | ")}`;
    const result = maskPersonalData(text);
    for (const secret of secrets) expect(result.masked).not.toContain(secret.replace("conta ", ""));
    expect(result.restore(result.masked)).toBe(text);
  });
});

describe("maskPersonalData on hostile input", () => {
  it.each([
    ["letters before an at sign", `${"a".repeat(100_000)}@`],
    ["a run of digits", "1".repeat(100_000)],
    ["digits and spaces", "1 ".repeat(50_000)],
    ["a street word repeated", "rua ".repeat(25_000)],
    ["an account number that never ends", `conta ${"1.".repeat(50_000)}`],
  ])("stays linear on %s", (_, text) => {
    const started = performance.now();
    maskPersonalData(text);
    expect(performance.now() - started).toBeLessThan(1500);
  });
});

describe("restore", () => {
  const result = maskPersonalData(`e-mail ana@x.com, cpf ${CPF}, conta 12345-6`);

  it("puts values back, tolerating case, bracket and separator changes by the model", () => {
    expect(result.restore("Olá! Enviamos para [EMAIL_1].")).toBe("Olá! Enviamos para ana@x.com.");
    expect(result.restore("[email_1] {CPF 1} [[EMAIL_1]] (Email-1) EMAIL_1 <bank account_1>")).toBe(
      `ana@x.com ${CPF} ana@x.com ana@x.com ana@x.com 12345-6`,
    );
  });

  it("keeps punctuation that follows a placeholder: one bracket closes one", () => {
    expect(result.restore("(CPF [CPF_1]). Ou ([EMAIL_1])")).toBe(`(CPF ${CPF}). Ou (ana@x.com)`);
  });

  it("leaves unknown placeholders and look-alike prose alone", () => {
    expect(result.restore("[PHONE_1] [EMAIL_2] card 1 the email 1")).toBe("[PHONE_1] [EMAIL_2] card 1 the email 1");
  });
});

describe("createStreamingRestorer", () => {
  const { restore } = maskPersonalData(`ana@x.com ${CPF}`);

  const stream = (chunks: string[]) => {
    const restorer = createStreamingRestorer(restore);
    const outputs = chunks.map((chunk) => restorer.push(chunk));
    return { outputs, flushed: restorer.flush() };
  };

  it("never emits half a placeholder, whatever the chunking", () => {
    const text = "Seu e-mail é [EMAIL_1] e o CPF (CPF_1), ok [[email_1]]. Fim (ver [x]).";
    const expected = `Seu e-mail é ana@x.com e o CPF ${CPF}, ok ana@x.com. Fim (ver [x]).`;
    for (let size = 1; size <= 7; size++) {
      const chunks: string[] = [];
      for (let i = 0; i < text.length; i += size) chunks.push(text.slice(i, i + size));
      const { outputs, flushed } = stream(chunks);
      for (const output of outputs) expect(output).not.toMatch(/\[?(EMAIL|CPF|email)_?\d*$/);
      expect(outputs.join("") + flushed).toBe(expected);
    }
  });

  it("emits plain prose at once and holds only a possible placeholder start", () => {
    const { outputs, flushed } = stream(["Olá, tudo bem? ", "Seu cadastro [EM", "AIL_1] foi"]);
    expect(outputs[0]).toBe("Olá, tudo bem? ");
    expect(outputs[1]).toBe("Seu cadastro ");
    expect(outputs[2]).toBe("ana@x.com foi");
    expect(flushed).toBe("");
  });

  it("flushes a dangling bracket as it is", () => {
    const { outputs, flushed } = stream(["preço [EMA"]);
    expect(outputs[0]).toBe("preço ");
    expect(flushed).toBe("[EMA");
  });
});
