/**
 * The zone suite's registry entry (zone-watermarks, watermark-check): its
 * binding, setups, generators and explanations, as graders/suites/index.ts
 * lists suites.
 */

import type { Suite } from "../index.js";
import type { SuiteBinding } from "../../runtime/executor.js";
import { referenceImpl, zoneBinding } from "./binding.js";
import { materializeZoneSetup, type ZoneCaseSetup } from "./materialize.js";
import { generators } from "./generators.js";
import { describeZoneOp, describeZoneResult, describeZoneSetup, explainZone } from "./explain.js";
import { fastForwardZone, zoneSetupSize } from "./fast-forward.js";

export const zoneSuite: Suite = {
  name: "zone",
  binding: zoneBinding as SuiteBinding,
  bindingModule: "graders/suites/zone/binding.ts",
  bindingExport: "zoneBinding",
  implExport: "referenceImpl",
  referenceImpl,
  materialize: (s) => materializeZoneSetup(s as ZoneCaseSetup),
  generators,
  explain: explainZone,
  describeOp: describeZoneOp,
  describeSetup: describeZoneSetup,
  describeResult: describeZoneResult,
  fastForward: fastForwardZone,
  setupSize: zoneSetupSize,
};
