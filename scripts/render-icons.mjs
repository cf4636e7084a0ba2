// Renders the app icons (PNG for the web manifest and iOS, SVG for the favicon) from one small vector
// description, so the committed PNGs in public/ can be regenerated without an image library:
//   node scripts/render-icons.mjs
// The PNG encoder is the minimum the format needs (RGBA, filter 0, zlib from Node).

import { writeFileSync } from "node:fs";
import { deflateSync } from "node:zlib";
import { Buffer } from "node:buffer";
import { URL } from "node:url";

const OUT = new URL("../public/", import.meta.url);
const TEAL = [14, 100, 112];
const WHITE = [255, 255, 255];

// Shapes in a 0..1 square: a chip with pins and an upward arrow ("update the device").
function shapes(scale) {
  const s = (v) => 0.5 + (v - 0.5) * scale;
  const pins = [];
  for (const p of [0.39, 0.5, 0.61]) {
    pins.push({ kind: "rect", x0: s(0.19), y0: s(p - 0.025), x1: s(0.3), y1: s(p + 0.025), r: 0 });
    pins.push({ kind: "rect", x0: s(0.7), y0: s(p - 0.025), x1: s(0.81), y1: s(p + 0.025), r: 0 });
    pins.push({ kind: "rect", x0: s(p - 0.025), y0: s(0.19), x1: s(p + 0.025), y1: s(0.3), r: 0 });
    pins.push({ kind: "rect", x0: s(p - 0.025), y0: s(0.7), x1: s(p + 0.025), y1: s(0.81), r: 0 });
  }
  return [
    ...pins.map((shape) => ({ shape, color: WHITE })),
    {
      shape: { kind: "rect", x0: s(0.27), y0: s(0.27), x1: s(0.73), y1: s(0.73), r: 0.06 * scale },
      color: WHITE,
    },
    { shape: { kind: "rect", x0: s(0.465), y0: s(0.45), x1: s(0.535), y1: s(0.64), r: 0 }, color: TEAL },
    {
      shape: {
        kind: "poly",
        points: [
          [s(0.37), s(0.49)],
          [s(0.5), s(0.35)],
          [s(0.63), s(0.49)],
        ],
      },
      color: TEAL,
    },
  ];
}

function inRoundRect(x, y, { x0, y0, x1, y1, r }) {
  if (x < x0 || x > x1 || y < y0 || y > y1) return false;
  const cx = Math.min(Math.max(x, x0 + r), x1 - r);
  const cy = Math.min(Math.max(y, y0 + r), y1 - r);
  return (x - cx) ** 2 + (y - cy) ** 2 <= r * r;
}

function inPoly(x, y, points) {
  let inside = false;
  for (let i = 0, j = points.length - 1; i < points.length; j = i++) {
    const [xi, yi] = points[i];
    const [xj, yj] = points[j];
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

const inside = (x, y, shape) =>
  shape.kind === "rect" ? inRoundRect(x, y, shape) : inPoly(x, y, shape.points);

/** Colour at one point: the topmost shape wins; undefined outside the background. */
function colourAt(x, y, background, layers) {
  if (!inside(x, y, background)) return undefined;
  let colour = TEAL;
  for (const { shape, color } of layers) if (inside(x, y, shape)) colour = color;
  return colour;
}

function render(size, maskable) {
  const background = { kind: "rect", x0: 0, y0: 0, x1: 1, y1: 1, r: maskable ? 0 : 0.2 };
  // The maskable icon must keep its content inside the central 80% circle the launcher may crop to.
  const layers = shapes(maskable ? 0.78 : 1);
  const samples = 4;
  const rgba = Buffer.alloc(size * size * 4);
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      let r = 0,
        g = 0,
        b = 0,
        a = 0;
      for (let sy = 0; sy < samples; sy++) {
        for (let sx = 0; sx < samples; sx++) {
          const c = colourAt(
            (px + (sx + 0.5) / samples) / size,
            (py + (sy + 0.5) / samples) / size,
            background,
            layers,
          );
          if (!c) continue;
          r += c[0];
          g += c[1];
          b += c[2];
          a += 1;
        }
      }
      const o = (py * size + px) * 4;
      rgba[o] = a ? Math.round(r / a) : 0;
      rgba[o + 1] = a ? Math.round(g / a) : 0;
      rgba[o + 2] = a ? Math.round(b / a) : 0;
      rgba[o + 3] = Math.round((255 * a) / (samples * samples));
    }
  }
  return encodePng(size, rgba);
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes) {
  let c = 0xffffffff;
  for (const b of bytes) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type, data) {
  const out = Buffer.alloc(12 + data.length);
  out.writeUInt32BE(data.length, 0);
  out.write(type, 4, "latin1");
  data.copy(out, 8);
  out.writeUInt32BE(crc32(out.subarray(4, 8 + data.length)), 8 + data.length);
  return out;
}

function encodePng(size, rgba) {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header[8] = 8; // bit depth
  header[9] = 6; // RGBA
  const raw = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++) rgba.copy(raw, y * (size * 4 + 1) + 1, y * size * 4, (y + 1) * size * 4);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", header),
    chunk("IDAT", deflateSync(raw, { level: 9 })),
    chunk("IEND", Buffer.alloc(0)),
  ]);
}

function svg() {
  const hex = (c) => `#${c.map((v) => v.toString(16).padStart(2, "0")).join("")}`;
  const f = (v) => +(v * 64).toFixed(2);
  const parts = shapes(1).map(({ shape, color }) =>
    shape.kind === "rect"
      ? `<rect x="${f(shape.x0)}" y="${f(shape.y0)}" width="${f(shape.x1 - shape.x0)}" height="${f(shape.y1 - shape.y0)}"${shape.r ? ` rx="${f(shape.r)}"` : ""} fill="${hex(color)}"/>`
      : `<path d="M${shape.points.map(([x, y]) => `${f(x)} ${f(y)}`).join("L")}Z" fill="${hex(color)}"/>`,
  );
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64"><rect width="64" height="64" rx="12.8" fill="${hex(TEAL)}"/>${parts.join("")}</svg>\n`;
}

for (const [name, size, maskable] of [
  ["icon-192.png", 192, false],
  ["icon-512.png", 512, false],
  ["icon-maskable-512.png", 512, true],
  ["apple-touch-icon.png", 180, true],
]) {
  writeFileSync(new URL(name, OUT), render(size, maskable));
}
writeFileSync(new URL("icon.svg", OUT), svg());
console.log("icons written to public/");
