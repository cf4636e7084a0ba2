// The few DOM helpers the element needs instead of a framework: build an element with attributes, handlers
// and children in one call. Text is always set as text (never HTML), so manifest strings cannot inject markup.

export type Child = Node | string | false | undefined | null;

export interface ElementSpec {
  readonly class?: string;
  readonly part?: string;
  readonly attrs?: Readonly<Record<string, string>>;
  readonly onClick?: (event: Event) => void;
}

export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  spec: ElementSpec = {},
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  if (spec.class) el.className = spec.class;
  if (spec.part) el.setAttribute("part", spec.part);
  for (const [name, value] of Object.entries(spec.attrs ?? {})) el.setAttribute(name, value);
  if (spec.onClick) el.addEventListener("click", spec.onClick);
  el.append(...nodes(children));
  return el;
}

/** The children that are something (conditional `cond && h(...)` leaves false or undefined behind). */
export function nodes(children: readonly Child[]): Node[] {
  const out: Node[] = [];
  for (const child of children) {
    if (child === false || child === undefined || child === null || child === "") continue;
    out.push(typeof child === "string" ? document.createTextNode(child) : child);
  }
  return out;
}

export function button(
  label: string,
  onClick: () => void,
  kind: "primary" | "secondary" = "primary",
): HTMLButtonElement {
  return h(
    "button",
    { class: `btn ${kind}`, part: `button ${kind}`, attrs: { type: "button" }, onClick },
    label,
  );
}

/** A <slot> with fallback content: the page's own element replaces the fallback when it provides one. */
export function slot(name: string, ...fallback: Child[]): HTMLSlotElement {
  return h("slot", { attrs: { name } }, ...fallback);
}
