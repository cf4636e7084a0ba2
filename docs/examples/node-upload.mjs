// mcuflash/core + mcuflash/node from a script: verify an image against a trusted key, then upload it over a
// serial port with progress, test it, reset, check and confirm (what `mcuflash upload` does).
//   node node-upload.mjs /dev/ttyACM0 app.signed.bin root-ed25519.pub.pem
import { readFile } from "node:fs/promises";
import {
  classifyFailure,
  importTrustedKey,
  isUnsupported,
  runUpdate,
  smpConnector,
  verifierFor,
} from "mcuflash/core";
import { nodeSerialFactory } from "mcuflash/node";

const [port, firmwareFile, keyFile] = process.argv.slice(2);
if (!port || !firmwareFile || !keyFile) {
  console.error("usage: node node-upload.mjs PORT FIRMWARE.bin KEY.pub.pem");
  process.exit(2);
}
const key = await importTrustedKey(await readFile(keyFile, "utf8"), { name: keyFile });
const firmware = new Uint8Array(await readFile(firmwareFile));

const outcome = await runUpdate(smpConnector(nodeSerialFactory(port)), firmware, {
  mode: "test-and-confirm",
  verify: verifierFor([key], false), // refuses an image the key did not sign
  classifyFailure,
  isUnsupported,
  onEvent(event) {
    if (event.type === "step") console.log(`- ${event.message}`);
    if (event.type === "progress") console.log(`  ${event.progress.bytes} of ${event.progress.total} bytes`);
  },
});
console.log(`${outcome.result}: ${outcome.imageVersion} (was ${outcome.previousVersion ?? "unknown"})`);
