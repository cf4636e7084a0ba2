// mcuflash/core + mcuflash/web in a page (bundled by Vite, esbuild, webpack...): a button opens the browser's
// Web Serial chooser and the device's slots are printed. Chrome or Edge, over https:// or http://localhost.
//   <button id="list">List slots</button> <pre id="out"></pre> <script type="module" src="./web-serial-slots.js">
import { requestWebSerialLink } from "mcuflash/web";
import { listSlots } from "./list-slots.js";

const out = /** @type {HTMLElement} */ (document.querySelector("#out"));
document.querySelector("#list")?.addEventListener("click", async () => {
  try {
    const factory = await requestWebSerialLink(); // the chooser needs the click's user activation
    out.textContent = JSON.stringify(await listSlots(factory), null, 2);
  } catch (error) {
    out.textContent = String(error); // McuFlashError messages say what to do next
  }
});
