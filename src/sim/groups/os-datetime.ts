// Date-time strings as Zephyr's os_mgmt datetime handlers read and write them: reading prints
// "%4d-%02d-%02dT%02d:%02d:%02d" (plus ".%d" milliseconds with CONFIG_MCUMGR_GRP_OS_DATETIME_MS); writing
// accepts 19 to 25 characters and pulls six numbers out with strtol, skipping one delimiter after each.

const MIN_LEN = 19;
const MAX_LEN_EXCLUSIVE = 26;

const FIELDS: readonly { readonly min: number; readonly max: number }[] = [
  { min: 1900, max: 11899 }, // year
  { min: 1, max: 12 }, // month
  { min: 1, max: 31 }, // day
  { min: 0, max: 23 }, // hour
  { min: 0, max: 59 }, // minute
  { min: 0, max: 59 }, // second
];

/** C strtol in base 10 from `pos`: [value, end]; end === pos when nothing was converted. */
function strtol(text: string, pos: number): [number, number] {
  let i = pos;
  while (i < text.length && " \t\n\v\f\r".includes(text[i]!)) i++;
  let sign = 1;
  if (text[i] === "+" || text[i] === "-") {
    if (text[i] === "-") sign = -1;
    i++;
  }
  const digitsStart = i;
  let value = 0;
  while (i < text.length && text[i]! >= "0" && text[i]! <= "9") {
    value = value * 10 + (text.charCodeAt(i) - 48);
    i++;
  }
  if (i === digitsStart) return [0, pos];
  return [sign * value, i];
}

/** Epoch milliseconds for a date-time string, or undefined when Zephyr would answer MGMT_ERR_EINVAL. */
export function parseRtcString(text: string, withMs: boolean): number | undefined {
  if (text.length < MIN_LEN || text.length >= MAX_LEN_EXCLUSIVE) return undefined;
  const values: number[] = [];
  let pos = 0;
  for (const field of FIELDS) {
    if (pos >= text.length) return undefined;
    const [value, end] = strtol(text, pos);
    if (end === pos || value < field.min || value > field.max) return undefined;
    values.push(value);
    pos = end + 1;
  }
  let ms = 0;
  if (withMs && text[pos - 1] === "." && pos < text.length) {
    const [value] = strtol(text, pos);
    if (value < 0 || value > 999) return undefined;
    ms = value;
  }
  const [year = 1970, month = 1, day = 1, hour = 0, minute = 0, second = 0] = values;
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  date.setUTCHours(hour, minute, second, ms);
  return date.getTime();
}

const two = (n: number): string => String(n).padStart(2, "0");

export function formatRtc(epochMs: number, withMs: boolean): string {
  const d = new Date(epochMs);
  const text =
    `${String(d.getUTCFullYear()).padStart(4, " ")}-${two(d.getUTCMonth() + 1)}-${two(d.getUTCDate())}` +
    `T${two(d.getUTCHours())}:${two(d.getUTCMinutes())}:${two(d.getUTCSeconds())}`;
  return withMs ? `${text}.${d.getUTCMilliseconds()}` : text;
}
