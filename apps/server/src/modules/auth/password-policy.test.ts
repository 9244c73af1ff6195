import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { AppError } from "../../http/errors.ts";
import { assertStrongPassword, weakPasswordReason } from "./password-policy.ts";

const ana = { email: "bia.souza@empresa.com.br", name: "Conceição Albuquerque" };

describe("password policy", () => {
  it("when a password has fewer than 12 characters (counted as characters), it is too_short", () => {
    expect(weakPasswordReason("onze-caract")).toBe("too_short");
    expect(weakPasswordReason("coração-ção!")).toBeNull();
  });

  it("when a password is on the common list, in any case and with spaces or dashes, it is common", () => {
    for (const common of [
      "password1234",
      "PassWord1234",
      "qwertyuiop123",
      "1q2w3e4r5t6y",
      "123456789012",
      "senha12345678",
      "Flamengo2024",
      "correct horse battery staple",
      "Correct-Horse-Battery-Staple",
      "aaaaaaaaaaaaaaaa",
      "abcabcabcabc",
      "contrasena123",
    ])
      expect(weakPasswordReason(common), common).toBe("common");
  });

  it("when a password contains the e-mail's local part or a word of the name (accents folded), it contains_personal_data", () => {
    expect(weakPasswordReason("bia.souza-2024!", ana)).toBe("contains_personal_data");
    expect(weakPasswordReason("minha-SOUZA-senha", ana)).toBe("contains_personal_data");
    expect(weakPasswordReason("conceicao-e-forte", ana)).toBe("contains_personal_data");
    expect(weakPasswordReason("albu querque por aqui", ana)).toBe("contains_personal_data");
    // Words under four letters are not checked: "bia" alone would refuse too much.
    expect(weakPasswordReason("bianca-toca-violino", ana)).toBeNull();
    expect(weakPasswordReason("uma-senha-bem-forte", ana)).toBeNull();
  });

  it("when the policy refuses a password, the error is users.weak_password naming the field and the reason", () => {
    const error = (() => {
      try {
        assertStrongPassword("Password1234", ana, "newPassword");
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({
      code: "users.weak_password",
      status: 400,
      message: expect.stringMatching(/^newPassword: /),
      details: { field: "newPassword", reason: "common", minLength: 12 },
    });
  });

  it("when the bundled list is read, it holds thousands of lower-case entries and keyboard patterns", () => {
    const lines = readFileSync(new URL("./common-passwords.txt", import.meta.url), "utf8")
      .split("\n")
      .filter((l) => l && !l.startsWith("#"));
    expect(lines.length).toBeGreaterThan(5000);
    expect(lines.every((l) => l === l.toLowerCase())).toBe(true);
    expect(lines).toEqual(expect.arrayContaining(["qwertyuiopasdf", "1qaz2wsx3edc4rfv", "zxcvbnmasdfghjkl", "123456"]));
  });
});
