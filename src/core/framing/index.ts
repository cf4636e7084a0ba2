// SMP framing for the two byte-oriented links: the serial console (lines of base64 with a CRC) and Bluetooth
// LE GATT (raw packets cut to the MTU). Transports and the simulator import from here.

export { crc16Xmodem } from "./crc16.js";
export {
  SERIAL_CONTINUATION_MARKER,
  SERIAL_DEFAULT_LINE_LENGTH,
  SERIAL_MAX_PACKET_SIZE,
  SERIAL_MIN_LINE_LENGTH,
  SERIAL_START_MARKER,
  encodeSerialFrame,
  encodeSerialFrameZephyrStyle,
  serialFramedSize,
  serialPacketLimitForLines,
  zephyrSerialFramedSize,
} from "./serial-encoder.js";
export {
  SerialFrameDecoder,
  type SerialDecodeEvent,
  type SerialDecoderStats,
  type SerialFrameDecoderOptions,
} from "./serial-decoder.js";
export {
  GATT_MIN_ATT_MTU,
  SMP_GATT_CHARACTERISTIC_UUID,
  SMP_GATT_SERVICE_UUID,
  gattMaxWrite,
  splitForGatt,
} from "./gatt-split.js";
export {
  GattReassembler,
  type GattAcceptedOps,
  type GattReassemblerOptions,
  type GattReassemblerStats,
  type GattReassemblyEvent,
} from "./gatt-reassembler.js";
export {
  FramingArgumentError,
  GattFrameError,
  GattFrameErrorKind,
  SerialFrameError,
  SerialFrameErrorKind,
  SerialPacketTooLargeError,
} from "./framing-errors.js";
