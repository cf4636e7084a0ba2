// fs_mgmt's "crc32" (IEEE 802.3): the same function the client uses to check a device's answer.
export { crc32 } from "../../core/device-tools/checksum.js";
