// Reads what the browser supports once at start (asking the Bluetooth adapter takes a moment).

import { useEffect, useState } from "react";
import {
  detectLinkSupport,
  readBrowserEnv,
  type LinkKind,
  type LinkSupport,
} from "../../web/capabilities.js";

export function useLinkSupport(): Readonly<Record<LinkKind, LinkSupport>> | undefined {
  const [support, setSupport] = useState<Readonly<Record<LinkKind, LinkSupport>> | undefined>();
  useEffect(() => {
    let live = true;
    void readBrowserEnv().then((env) => live && setSupport(detectLinkSupport(env)));
    return () => {
      live = false;
    };
  }, []);
  return support;
}
