/**
 * The two sanitising schemas (hast-util-sanitize) of the site. Everything HTML that comes from a
 * notebook — raw HTML in markdown cells and `text/html` outputs — goes through one of them; only the
 * builder's own renderers (KaTeX, highlighting, vega figures, claims tables) add elements after that.
 */
import { defaultSchema, type Schema } from "hast-util-sanitize";

const defaultAttributes = defaultSchema.attributes ?? {};

/**
 * Markdown cells: GitHub's rules, plus the classes that mark math for the KaTeX step
 * (`math-inline`, `math-display`) so they survive until it runs, and `data:` image sources.
 */
export const markdownSchema: Schema = {
  ...defaultSchema,
  attributes: {
    ...defaultAttributes,
    code: [["className", /^language-./, "math-inline", "math-display"]],
  },
  // data: images come from notebook attachments; an <img> cannot run what a data URI holds.
  protocols: { ...defaultSchema.protocols, src: ["http", "https", "data"] },
};

/** Classes an output's tables and progress bars may keep (DataFrame renderers, our progress bar). */
const outputClasses = /^(dataframe|cajal-[a-z-]+|[a-z]+-table|index_name|blank|level\d+|row_heading|col_heading|data|row\d+|col\d+)$/;

/**
 * `text/html` outputs: GitHub's rules, plus class names for tables, the `<progress>` element, and
 * images only as `data:` URIs (a notebook's HTML must not make the page fetch anything).
 * Scripts, event handlers, `style` and `javascript:` URLs are removed.
 */
export const outputHtmlSchema: Schema = {
  ...defaultSchema,
  tagNames: [...(defaultSchema.tagNames ?? []), "progress", "caption", "colgroup", "col"],
  attributes: {
    ...defaultAttributes,
    "*": [...(defaultAttributes["*"] ?? []), ["className", outputClasses]],
    progress: ["value", "max"],
    col: ["span"],
    colgroup: ["span"],
  },
  protocols: { ...defaultSchema.protocols, src: ["data"] },
};
