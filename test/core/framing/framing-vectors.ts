// Typed, validated access to shared/vectors/smp/serial_frames.json and ble_vectors.json (read at test time,
// never copied). Only the fields the framing tests use are checked and returned.
import { hexToBytes, readVectorJson } from "../../support/vectors.js";

type Json = Record<string, unknown>;

function record(value: unknown, where: string): Json {
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw new Error(`${where}: expected an object`);
  }
  return Object.fromEntries(Object.entries(value));
}

function list(value: unknown, where: string): unknown[] {
  if (!Array.isArray(value)) throw new Error(`${where}: expected an array`);
  return value;
}

function text(value: unknown, where: string): string {
  if (typeof value !== "string") throw new Error(`${where}: expected a string`);
  return value;
}

function int(value: unknown, where: string): number {
  if (typeof value !== "number" || !Number.isInteger(value)) throw new Error(`${where}: expected an integer`);
  return value;
}

function bytes(value: unknown, where: string): Uint8Array {
  const hex = text(value, where);
  if (!/^([0-9a-f]{2})*$/.test(hex)) throw new Error(`${where}: expected lowercase hex`);
  return hexToBytes(hex);
}

export interface EncodedFrameVector {
  readonly name: string;
  readonly packet: Uint8Array;
  readonly crc16: number;
  readonly lines: readonly Uint8Array[];
  readonly wire: Uint8Array;
}

export interface ClientEncodeVector extends EncodedFrameVector {
  readonly lineLength: number;
}

export interface ZephyrEncodeVector extends EncodedFrameVector {
  readonly sameAsClientLayout: boolean;
}

export interface DecodeVector {
  readonly name: string;
  readonly chunks: readonly Uint8Array[];
  readonly wire: Uint8Array;
  readonly frames: readonly Uint8Array[];
  readonly consoleText: string;
  /** smpclient's error text, e.g. "SMPBadCRC: ..."; null when it decoded cleanly. */
  readonly error: string | null;
  /** For the bad-CRC vectors: the reply Zephyr gave to the next good frame. */
  readonly nextGoodFrame: Uint8Array | undefined;
}

function encodedFrame(v: Json, where: string): EncodedFrameVector {
  return {
    name: text(v.name, `${where}.name`),
    packet: bytes(v.packet_hex, `${where}.packet_hex`),
    crc16: int(v.crc16_xmodem, `${where}.crc16_xmodem`),
    lines: list(v.lines, `${where}.lines`).map((l, i) =>
      bytes(record(l, `${where}.lines[${i}]`).hex, `${where}.lines[${i}].hex`),
    ),
    wire: bytes(v.wire_hex, `${where}.wire_hex`),
  };
}

function serialFile(): Json {
  return record(readVectorJson("smp", "serial_frames.json"), "serial_frames.json");
}

export function clientEncodeVectors(): ClientEncodeVector[] {
  return list(serialFile().encode_vectors, "encode_vectors").map((item, i) => {
    const v = record(item, `encode_vectors[${i}]`);
    return {
      ...encodedFrame(v, `encode_vectors[${i}]`),
      lineLength: int(v.line_length_param, `encode_vectors[${i}].line_length_param`),
    };
  });
}

export function zephyrEncodeVectors(): ZephyrEncodeVector[] {
  return list(serialFile().zephyr_encoded_vectors, "zephyr_encoded_vectors").map((item, i) => {
    const v = record(item, `zephyr_encoded_vectors[${i}]`);
    const same = v.same_as_smp_packet_encode_128;
    if (typeof same !== "boolean") throw new Error(`zephyr_encoded_vectors[${i}]: expected a boolean`);
    return { ...encodedFrame(v, `zephyr_encoded_vectors[${i}]`), sameAsClientLayout: same };
  });
}

export function decodeVectors(): DecodeVector[] {
  return list(serialFile().decode_vectors, "decode_vectors").map((item, i) => {
    const where = `decode_vectors[${i}]`;
    const v = record(item, where);
    const result = record(v.smpclient_result, `${where}.smpclient_result`);
    const error = result.error;
    if (error !== null && typeof error !== "string")
      throw new Error(`${where}: error must be string or null`);
    const next = v.zephyr_next_good_frame_response_hex;
    return {
      name: text(v.name, `${where}.name`),
      chunks: list(v.chunks_hex, `${where}.chunks_hex`).map((c, k) => bytes(c, `${where}.chunks_hex[${k}]`)),
      wire: bytes(v.wire_hex, `${where}.wire_hex`),
      frames: list(result.frames_hex, `${where}.frames_hex`).map((f, k) =>
        bytes(f, `${where}.frames_hex[${k}]`),
      ),
      consoleText: text(result.console_text, `${where}.console_text`),
      error,
      nextGoodFrame:
        next === undefined ? undefined : bytes(next, `${where}.zephyr_next_good_frame_response_hex`),
    };
  });
}

export interface BleVector {
  readonly name: string;
  readonly packet: Uint8Array;
  readonly attMtu: number;
  /** Client writes (write without response), when the example is client → device. */
  readonly writes: readonly Uint8Array[] | undefined;
  /** Device notifications, when the example is device → client. */
  readonly notifications: readonly Uint8Array[] | undefined;
  /** The recorded reassembly target (8 + header length), when given. */
  readonly totalExpected: number | undefined;
}

export function bleVectors(): BleVector[] {
  const file = record(readVectorJson("smp", "ble_vectors.json"), "ble_vectors.json");
  return list(file.examples, "examples").map((item, i) => {
    const where = `examples[${i}]`;
    const v = record(item, where);
    const values = (key: string): Uint8Array[] | undefined =>
      v[key] === undefined
        ? undefined
        : list(v[key], `${where}.${key}`).map((x, k) => bytes(x, `${where}.${key}[${k}]`));
    return {
      name: text(v.name, `${where}.name`),
      packet: bytes(v.packet_hex, `${where}.packet_hex`),
      attMtu: int(v.att_mtu, `${where}.att_mtu`),
      writes: values("write_without_response_values_hex"),
      notifications: values("notification_values_hex"),
      totalExpected:
        v.reassembly === undefined
          ? undefined
          : int(record(v.reassembly, `${where}.reassembly`).total_expected, `${where}.total_expected`),
    };
  });
}

export function bleIdentifiers(): { service: string; characteristic: string } {
  const file = record(readVectorJson("smp", "ble_vectors.json"), "ble_vectors.json");
  return {
    service: text(file.service_uuid, "service_uuid"),
    characteristic: text(file.characteristic_uuid, "characteristic_uuid"),
  };
}
