import { describe, expect, it } from "vitest";
import { filenameFrom } from "./filename";

describe("filenameFrom", () => {
  it("reads a quoted or bare filename", () => {
    expect(filenameFrom('attachment; filename="hello-world-0123abcd.json"', "x")).toBe("hello-world-0123abcd.json");
    expect(filenameFrom("attachment; filename=plain.json", "x")).toBe("plain.json");
    expect(filenameFrom('attachment; filename="with \\"quotes\\".json"', "x")).toBe('with "quotes".json');
  });

  it("prefers the RFC 5987 filename* form and decodes it", () => {
    expect(filenameFrom(`attachment; filename="fallback.json"; filename*=UTF-8''caf%C3%A9%20plan.json`, "x")).toBe("café plan.json");
  });

  it("falls back when the header is missing or names nothing, and never keeps path separators", () => {
    expect(filenameFrom(null, "project-p1.json")).toBe("project-p1.json");
    expect(filenameFrom("attachment", "project-p1.json")).toBe("project-p1.json");
    expect(filenameFrom('attachment; filename=""', "project-p1.json")).toBe("project-p1.json");
    expect(filenameFrom('attachment; filename="../../etc/passwd"', "x")).toBe(".._.._etc_passwd");
  });
});
