/**
 * Problems found while building the site, as data (rule id, place, reason), in the manner of vfile
 * messages: a page with a bad formula still builds, and the build prints what went wrong and where.
 */

/** One problem. */
export interface Message {
  readonly level: "warning" | "error";
  readonly ruleId: string;
  /** Page or file (and cell) where it happened. */
  readonly place: string;
  readonly reason: string;
}

/** A list of messages that plugins append to. */
export interface Messages {
  readonly list: readonly Message[];
  warn(ruleId: string, place: string, reason: string): void;
  error(ruleId: string, place: string, reason: string): void;
}

/** Creates an empty message list. */
export function createMessages(): Messages {
  const list: Message[] = [];
  return {
    list,
    warn: (ruleId, place, reason) => void list.push({ level: "warning", ruleId, place, reason }),
    error: (ruleId, place, reason) => void list.push({ level: "error", ruleId, place, reason }),
  };
}

/** One line per message: `place: warning reason [rule-id]`. */
export function formatMessage(message: Message): string {
  return `${message.place}: ${message.level} ${message.reason} [${message.ruleId}]`;
}
