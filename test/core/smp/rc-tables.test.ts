// Our rc tables cover every code of the reference tables (error_codes in responses.json) under the same name,
// minus the group prefix, plus the codes Zephyr 4.4 sends that the Python package lacks.

import { inEnglish } from "../../support/in-english.js";
import { describe, expect, it } from "vitest";
import { SmpGroup } from "../../../src/core/smp/command.js";
import { SmpDeviceError } from "../../../src/core/smp/device-error.js";
import {
  GROUP_RC_TABLES,
  ImageRc,
  MGMT_RC_TABLE,
  MgmtRc,
  describeGroupRc,
  describeMgmtRc,
} from "../../../src/core/smp/rc/index.js";
import { packageRcTables } from "./vector-data.js";

/** The package spells a few names with a leftover prefix ("ERR_INVALID_GROUP", "ENUM_MGMT_ERR_..."). */
const normalise = (name: string) => name.replace(/^ENUM_MGMT_ERR_/, "").replace(/^ERR_/, "");

/** Where Zephyr 4.4 (which we follow) names a code differently from the package. */
const ZEPHYR_RENAMES = new Map([[`${SmpGroup.shell}:2`, "COMMAND_TOO_LONG"]]);

describe("rc tables against the reference tables", () => {
  for (const table of packageRcTables()) {
    it(table.group === undefined ? "generic MGMT_ERR" : `group ${table.group}`, () => {
      for (const { name, value } of table.codes) {
        if (table.group === undefined) {
          const ours = describeMgmtRc(value);
          expect(ours.name).toBe(value === MgmtRc.EPERUSER ? "EPERUSER+0" : name);
        } else {
          const expected = ZEPHYR_RENAMES.get(`${table.group}:${value}`) ?? normalise(name);
          expect(describeGroupRc(table.group, value).name).toBe(expected);
        }
      }
    });
  }

  it("includes the codes Zephyr sends beyond the package's tables", () => {
    expect(describeGroupRc(SmpGroup.settings, 8).name).toBe("SAVE_NOT_SUPPORTED");
    expect(describeGroupRc(SmpGroup.shell, 3).name).toBe("EMPTY_COMMAND");
    expect(describeGroupRc(SmpGroup.image, 34).name).toBe("ACTIVE_SLOT_NOT_KNOWN");
    expect(describeGroupRc(SmpGroup.os, 6).name).toBe("QUERY_RESPONSE_VALUE_NOT_VALID");
  });

  it("every entry has a meaning, and every failure code a hint", () => {
    const tables = [MGMT_RC_TABLE, ...GROUP_RC_TABLES.values()];
    for (const table of tables) {
      for (const entry of table.values()) {
        expect(entry.meaning.length).toBeGreaterThan(3);
        if (entry.rc !== 0 && !/^(READ|WRITE|DELETE)_NOT_SUPPORTED$/.test(entry.name)) {
          expect(entry.hint, `${entry.name}`).toBeDefined();
        }
      }
    }
  });

  it("the exported constants agree with the tables", () => {
    for (const [name, rc] of Object.entries(MgmtRc)) {
      if (rc < MgmtRc.EPERUSER) expect(describeMgmtRc(rc).name).toBe(name);
    }
    for (const [name, rc] of Object.entries(ImageRc))
      expect(describeGroupRc(SmpGroup.image, rc).name).toBe(name);
  });

  it("unknown codes are still described, never thrown on", () => {
    expect(describeMgmtRc(99).name).toBe("RC_99");
    expect(describeMgmtRc(300).name).toBe("EPERUSER+44");
    expect(describeGroupRc(200, 1).name).toBe("RC_1");
    expect(describeGroupRc(SmpGroup.image, 99).meaning).toContain("group 1 rc 99");
  });

  it("a device error message says what failed, the code, and what to do", () => {
    const e = new SmpDeviceError(
      { name: "image.upload", label: "image upload", group: 1 },
      { style: "err", group: 1, rc: ImageRc.NO_FREE_SLOT, rsn: "no slot" },
      {},
    );
    expect(e.code).toBe("smp-device-error");
    expect(inEnglish(e)).toContain("The image upload request failed: the device reports “no free slot");
    expect(inEnglish(e)).toContain("(group 1 rc 9 NO_FREE_SLOT).");
    expect(inEnglish(e)).toContain("The device adds: “no slot”.");
    expect(inEnglish(e)).toMatch(/erase the secondary slot/);
  });
});
