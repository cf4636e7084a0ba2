// `mcuflash/sim/node`: the simulated device's Node fronts — a pseudo-terminal that any serial tool can open
// (needs the optional node-pty package, loaded on first use) and a UDP socket. The device itself is `mcuflash/sim`.

export { startPtyFront, type PtyFront } from "./pty-front.js";
export { startUdpFront, type UdpFront } from "./udp-front.js";
