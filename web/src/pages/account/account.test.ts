import { describe, expect, it } from "vitest";
import { curlExample, safeNext, shellQuote, sortTokens, tokenNameProblem, tokenState } from "./account";

describe("safeNext", () => {
  it("keeps addresses of the console", () => {
    expect(safeNext("/compositions")).toBe("/compositions");
    expect(safeNext("/models/compare?a=x&b=y")).toBe("/models/compare?a=x&b=y");
  });

  it("refuses other sites, the sign-in page and nothing", () => {
    expect(safeNext(null)).toBe("/");
    expect(safeNext("")).toBe("/");
    expect(safeNext("https://evil.example")).toBe("/");
    expect(safeNext("//evil.example/x")).toBe("/");
    expect(safeNext("/\\evil.example")).toBe("/");
    expect(safeNext("/sign-in?next=/x")).toBe("/");
    expect(safeNext("/api/models")).toBe("/");
  });
});

describe("tokens", () => {
  const t = (id: string, createdAt: string, revokedAt: string | null = null) => ({ id, createdAt, revokedAt });

  it("tells active from revoked", () => {
    expect(tokenState({ revokedAt: null })).toBe("active");
    expect(tokenState({})).toBe("active");
    expect(tokenState({ revokedAt: "2025-01-01T00:00:00Z" })).toBe("revoked");
  });

  it("lists active ones first, newest first", () => {
    const list = [t("a", "2025-01-01T00:00:00Z"), t("b", "2025-01-03T00:00:00Z", "2025-01-04T00:00:00Z"), t("c", "2025-01-02T00:00:00Z")];
    expect(sortTokens(list).map((x) => x.id)).toEqual(["c", "a", "b"]);
  });

  it("checks names", () => {
    expect(tokenNameProblem("nightly")).toBeNull();
    expect(tokenNameProblem("  ")).toMatch(/Name the token/);
    expect(tokenNameProblem("x".repeat(101))).toMatch(/100/);
  });
});

describe("curlExample", () => {
  it("quotes the header and the address", () => {
    expect(curlExample("http://127.0.0.1:5217/", "abc_DEF-123")).toBe("curl -H 'Authorization: Bearer abc_DEF-123' http://127.0.0.1:5217/api/models");
  });

  it("quotes quotes", () => {
    expect(shellQuote("it's")).toBe(`'it'\\''s'`);
    expect(shellQuote("plain-value")).toBe("plain-value");
  });
});
