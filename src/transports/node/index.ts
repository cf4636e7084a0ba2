// `mcuflash/node`: SMP links for Node — a serial port (USB CDC ACM, UART adapters, PTYs) through the serialport
// package, and UDP (Zephyr's SMP UDP transport, port 1337). Pair it with `mcuflash/core`.

export * from "./node-serial-transport.js";
export * from "./udp-transport.js";
export {
  SerialFramedTransport,
  type ByteSink,
  type SerialFramedOptions,
} from "../serial-framed-transport.js";
