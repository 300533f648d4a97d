/**
 * Execution cache for the notebook runner: a notebook is executed again only when something that
 * can change its outputs changed — its cells' sources, the compiled library (`dist/`), the run mode
 * (quick/full), or extra inputs such as the lockfile. Outputs and execution counts are not part of
 * the key, so saving an executed copy over the source does not invalidate it.
 *
 * Use from the runner:
 *
 *     const cache = await openExecutionCache("build/cache/executions.json");
 *     const key = await executionKey({ notebookFile, distDir: "dist", mode: "quick" });
 *     if (cache.isFresh(notebookFile, key, executedFile)) skip;
 *     else { run(); cache.record(notebookFile, key, { status }); await cache.save(); }
 */
import { createHash } from "node:crypto";
import { existsSync } from "node:fs";
import { mkdir, readdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";

/** What decides whether a notebook must run again. */
export interface ExecutionKeyInput {
  /** The notebook to execute (its cells' type and source are hashed). */
  readonly notebookFile: string;
  /** The compiled library the cells import; every file under it is hashed (path and bytes). */
  readonly distDir: string;
  /** Run mode, e.g. "quick" or "full". */
  readonly mode: string;
  /** More files whose bytes matter (e.g. package-lock.json, the kernel's files). Missing ones hash as absent. */
  readonly extraFiles?: readonly string[];
}

/** The hash of a notebook's cells (type + source), ignoring outputs, counts and metadata. */
export function notebookSourceHash(notebookJson: string): string {
  const notebook = JSON.parse(notebookJson) as { cells?: { cell_type?: string; source?: string | string[] }[] };
  const hash = createHash("sha256");
  for (const cell of notebook.cells ?? []) {
    const source = Array.isArray(cell.source) ? cell.source.join("") : (cell.source ?? "");
    hash.update(`${cell.cell_type ?? "?"}\u0000${source}\u0000`);
  }
  return hash.digest("hex");
}

/** The hash of every file under `dir` (sorted relative paths and contents); "absent" when it does not exist. */
export async function directoryHash(dir: string): Promise<string> {
  if (!existsSync(dir)) return "absent";
  const hash = createHash("sha256");
  const files: string[] = [];
  const walk = async (sub: string) => {
    for (const entry of await readdir(path.join(dir, sub), { withFileTypes: true })) {
      const rel = path.join(sub, entry.name);
      if (entry.isDirectory()) await walk(rel);
      else if (entry.isFile()) files.push(rel);
    }
  };
  await walk("");
  files.sort();
  for (const rel of files) {
    hash.update(`${rel.split(path.sep).join("/")}\u0000`);
    hash.update(await readFile(path.join(dir, rel)));
    hash.update("\u0000");
  }
  return hash.digest("hex");
}

/** The cache key of one execution: sha256 over the notebook's cells, `dist/`, the mode and extra files. */
export async function executionKey(input: ExecutionKeyInput): Promise<string> {
  const hash = createHash("sha256");
  hash.update(`notebook:${notebookSourceHash(await readFile(input.notebookFile, "utf8"))}\n`);
  hash.update(`dist:${await directoryHash(input.distDir)}\n`);
  hash.update(`mode:${input.mode}\n`);
  for (const file of input.extraFiles ?? []) {
    const bytes = existsSync(file) ? createHash("sha256").update(await readFile(file)).digest("hex") : "absent";
    hash.update(`file:${file}:${bytes}\n`);
  }
  return hash.digest("hex");
}

/** What the cache remembers about one notebook's last execution. */
export interface CacheEntry {
  readonly key: string;
  readonly executedAt: string;
  /** Anything the runner wants back on a hit (status, seconds, claim counts). */
  readonly result?: Readonly<Record<string, unknown>>;
}

/** The cache, stored as one JSON file keyed by notebook path. */
export interface ExecutionCache {
  /** True when the last execution had this key and its executed file (if given) still exists. */
  isFresh(notebookFile: string, key: string, executedFile?: string): boolean;
  /** The stored entry, if any. */
  get(notebookFile: string): CacheEntry | undefined;
  /** Remembers an execution (call after a run, passed or failed: a failure is a result too). */
  record(notebookFile: string, key: string, result?: Record<string, unknown>): void;
  /** Forgets a notebook (e.g. after a timeout, so it runs again next time). */
  forget(notebookFile: string): void;
  /** Writes the cache file. */
  save(): Promise<void>;
}

/** Opens (or starts) the cache stored at `file`. A corrupt file is treated as empty. */
export async function openExecutionCache(file: string): Promise<ExecutionCache> {
  let entries: Record<string, CacheEntry> = {};
  if (existsSync(file)) {
    try {
      const parsed = JSON.parse(await readFile(file, "utf8")) as { entries?: Record<string, CacheEntry> };
      entries = parsed.entries ?? {};
    } catch {
      entries = {};
    }
  }
  const norm = (notebookFile: string) => path.relative(process.cwd(), path.resolve(notebookFile)).split(path.sep).join("/");
  return {
    isFresh(notebookFile, key, executedFile) {
      const entry = entries[norm(notebookFile)];
      return entry?.key === key && (executedFile === undefined || existsSync(executedFile));
    },
    get: (notebookFile) => entries[norm(notebookFile)],
    record(notebookFile, key, result) {
      entries[norm(notebookFile)] = { key, executedAt: new Date().toISOString(), ...(result ? { result } : {}) };
    },
    forget(notebookFile) {
      delete entries[norm(notebookFile)];
    },
    async save() {
      await mkdir(path.dirname(file), { recursive: true });
      await writeFile(file, JSON.stringify({ version: 1, entries }, null, 1) + "\n");
    },
  };
}
