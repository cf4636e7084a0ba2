// --json for a failure: the code and its parameters, and the listed problems as catalog keys with their
// parameters — never the words, never an internal field.
import { describe, expect, test } from "vitest";
import { errorJson } from "../../src/cli/error-json.js";
import { McuFlashError, words } from "../../src/core/errors.js";

describe("errorJson", () => {
  test("an error listing several problems gives each as key and parameters, not as a parameter", () => {
    const details = [words("manifest-issue.at", { field: "releases[0].version", issue: "x" })];
    const error = new McuFlashError("manifest-invalid", { url: "https://example.com/m.json" }, { details });
    expect(errorJson(error)).toEqual({
      error: {
        code: "manifest-invalid",
        params: { url: "https://example.com/m.json" },
        details: [{ key: "manifest-issue.at", params: { field: "releases[0].version", issue: "x" } }],
      },
    });
  });

  test("no details, no details field", () => {
    expect(errorJson(new McuFlashError("link-lost", { label: "/dev/ttyACM0" }))).toEqual({
      error: { code: "link-lost", params: { label: "/dev/ttyACM0" } },
    });
  });
});
