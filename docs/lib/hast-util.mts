/** Small helpers over hast trees shared by the site's plugins. */
import type { Element, ElementContent, Nodes, Properties } from "hast";

/** The text content of a node (like the DOM's `textContent`). */
export function textOf(node: Nodes): string {
  if (node.type === "text") return node.value;
  if ("children" in node) return node.children.map((child) => textOf(child)).join("");
  return "";
}

/** The class list of an element. */
export function classesOf(node: Element): string[] {
  const value: unknown = node.properties.className;
  if (Array.isArray(value)) return value.map(String);
  return typeof value === "string" ? value.split(/\s+/).filter(Boolean) : [];
}

/** Whether an element has a class. */
export function hasClass(node: Element, name: string): boolean {
  return classesOf(node).includes(name);
}

/** Builds an element: `h("div", { className: ["x"] }, [child, "text"])`. */
export function h(tagName: string, properties: Properties = {}, children: readonly (ElementContent | string)[] = []): Element {
  return {
    type: "element",
    tagName,
    properties,
    children: children.map((child) => (typeof child === "string" ? { type: "text", value: child } : child)),
  };
}
