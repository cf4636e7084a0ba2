// Every unit test sees the app's words in English, as a browser set to English would (the browser edges'
// shared I18n instance starts empty until a language is activated).

import { activateLocale } from "../../src/i18n/browser-i18n.js";
import { NAMESPACES } from "../../src/i18n/locales.js";

await activateLocale("en", NAMESPACES);
