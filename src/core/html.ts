/** Escapes text for HTML element content and attribute values (&, <, >, ", '). */
export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
