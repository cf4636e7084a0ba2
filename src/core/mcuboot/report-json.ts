// A plain-JSON view of a verification report (bytes as hex) for `--json` output, logs and the app's
// history: stable field names, no Uint8Arrays, no undefined.

import { toHex } from "../bytes.js";
import type { Message } from "../errors.js";
import type { VerificationReport } from "./report.js";
import type { TlvDecoded } from "./tlv-decode.js";

export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };
export type ReportJson = { [key: string]: JsonValue };

function decodedJson(d: TlvDecoded): JsonValue {
  switch (d.kind) {
    case "dependency":
      return { kind: d.kind, imageId: d.imageId, minVersion: d.minVersion.text };
    case "boot-record":
      return {
        kind: d.kind,
        entries: d.entries.map((e) => ({
          key: e.key,
          label: e.label,
          value: e.value instanceof Uint8Array ? toHex(e.value) : e.value,
        })),
      };
    case "ecies":
      return {
        kind: d.kind,
        ephemeralKey: toHex(d.ephemeralKey),
        mac: toHex(d.mac),
        wrappedKey: toHex(d.wrappedKey),
      };
    default:
      return { ...d };
  }
}

/** A message as JSON: its catalog key and parameters, no words (`{"key": "verify.valid", "params": {…}}`). */
export function messageJson(message: Message): JsonValue {
  const params: { [key: string]: JsonValue } = {};
  for (const [name, value] of Object.entries(message.params)) {
    if (value === undefined) continue;
    params[name] =
      typeof value === "bigint" ? value.toString() : typeof value === "object" ? [...value] : value;
  }
  return { key: message.key, params };
}

function hexOrNull(b: Uint8Array | undefined): JsonValue {
  return b ? toHex(b) : null;
}

export function reportToJson(report: VerificationReport): ReportJson {
  const h = report.header;
  return {
    outcome: report.outcome,
    reason: messageJson(report.reason),
    complete: report.complete,
    notChecked: report.notChecked.map(messageJson),
    warnings: report.warnings.map(messageJson),
    errorCode: report.errorCode ?? null,
    header: h
      ? {
          endian: h.endian,
          magic: `0x${h.magic.toString(16)}`,
          loadAddress: h.loadAddress,
          headerSize: h.headerSize,
          protectedTlvSize: h.protectedTlvSize,
          imageSize: h.imageSize,
          flags: h.flags,
          flagNames: [...h.flagNames],
          encryption: h.encryption ?? null,
          compression: h.compression ?? null,
          version: h.version.text,
        }
      : null,
    tlvs: report.tlvs.map((t) => ({
      area: t.area,
      offset: t.offset,
      type: t.type,
      name: t.name,
      length: t.length,
      value: toHex(t.value),
      decoded: t.decoded ? decodedJson(t.decoded) : null,
    })),
    trailer: report.trailer
      ? {
          magic: toHex(report.trailer.magic),
          maxAlign: report.trailer.maxAlign,
          imageOk: report.trailer.imageOk,
          copyDone: report.trailer.copyDone,
          swapInfo: report.trailer.swapInfo,
          swapSize: report.trailer.swapSize,
          confirmed: report.trailer.confirmed,
        }
      : null,
    hash: {
      algorithm: report.hash.algorithm ?? null,
      status: report.hash.status,
      over: report.hash.over ?? null,
      stored: hexOrNull(report.hash.stored),
      computed: hexOrNull(report.hash.computed),
    },
    signature: {
      status: report.signature.status,
      tlv: report.signature.tlv ?? null,
      value: hexOrNull(report.signature.value),
      keyName: report.signature.keyName ?? null,
      keyType: report.signature.keyType ?? null,
      keyTlv: report.signature.keyTlv ?? null,
      mode: report.signature.mode ?? null,
      detail: messageJson(report.signature.detail),
    },
    signedBy: report.signedBy ?? null,
    imageHash: report.imageHashHex ?? null,
    decryptedWith: report.decryptedWith ?? null,
  };
}
