import { describe, expect, it } from "vitest";
import { checkRequestOrigin } from "./origin";

const TRUSTED = ["https://wippy.example.com"];

describe("origin check for mutations", () => {
  it.each([
    ["a trusted origin", { origin: "https://wippy.example.com", host: "10.0.0.5:3000" }, true],
    ["the request's own host", { origin: "http://localhost:3000", host: "localhost:3000" }, true],
    ["a default port written out", { origin: "https://wippy.example.com:443" }, true],
    ["another site", { origin: "https://evil.example", host: "localhost:3000" }, false],
    ["a look-alike host", { origin: "http://localhost:3001", host: "localhost:3000" }, false],
    ["the opaque origin null", { origin: "null", host: "localhost:3000" }, false],
    ["same-origin fetch metadata without Origin", { "sec-fetch-site": "same-origin" }, true],
    ["cross-site fetch metadata without Origin", { "sec-fetch-site": "cross-site" }, false],
    ["a same-host referer", { referer: "http://localhost:3000/registry", host: "localhost:3000" }, true],
    ["a foreign referer", { referer: "https://evil.example/x", host: "localhost:3000" }, false],
    ["no browser headers at all (CLI)", { host: "localhost:3000" }, true],
  ])("%s", (_name, headers, ok) => {
    expect(checkRequestOrigin(headers, TRUSTED).ok).toBe(ok);
  });

  it("names the refused origin", () => {
    expect(checkRequestOrigin(new Headers({ origin: "https://evil.example" }), TRUSTED)).toEqual({
      ok: false,
      reason: "cross-site request refused: origin https://evil.example is not this server's",
    });
  });
});
