/**
 * The mapping report a notebook shows (spinnaker.md §8.5): where each population runs, its key
 * space, and every chip's routing-table size before and after compression.
 */
import type { Mapping } from "./mapper.js";

/** One population's share of the machine. */
export interface PopulationPlacementReport {
  readonly label: string;
  readonly model: string;
  readonly nAtoms: number;
  readonly cores: readonly { readonly x: number; readonly y: number; readonly p: number; readonly lo: number; readonly hi: number }[];
  /** Key and mask of the whole population, as hexadecimal strings; undefined if it sends nothing. */
  readonly key?: string;
  readonly mask?: string;
}

/** One chip's multicast table. */
export interface TableReport {
  readonly x: number;
  readonly y: number;
  readonly uncompressed: number;
  readonly loaded: number;
  readonly compressed: boolean;
  /** Key spaces passing the chip by default routing (no entry needed). */
  readonly defaultRouted: number;
}

/** The whole report. */
export interface MappingReport {
  readonly machine: string;
  readonly coresUsed: number;
  readonly chipsUsed: number;
  readonly keyBits: { readonly population: number; readonly core: number; readonly atom: number; readonly colour: number };
  readonly populations: readonly PopulationPlacementReport[];
  readonly tables: readonly TableReport[];
}

const hex = (n: number) => `0x${(n >>> 0).toString(16).padStart(8, "0")}`;

/** Summarises a mapping. */
export function mappingReport(m: Mapping): MappingReport {
  const populations = m.graph.vertices.map((v, a): PopulationPlacementReport => {
    const cores = m.vertices.filter((mv) => mv.appVertex === a).map((mv) => {
      const p = m.placements[mv.index]!;
      return { x: p.x, y: p.y, p: p.p, lo: mv.lo, hi: mv.hi };
    });
    const key = m.keys.populations[a];
    return { label: v.label, model: v.model, nAtoms: v.nAtoms, cores, ...(key && { key: hex(key.key), mask: hex(key.mask) }) };
  });
  const tables = [...m.tables.values()].map((t): TableReport => ({
    x: t.uncompressed.x, y: t.uncompressed.y, uncompressed: t.uncompressed.entries.length, loaded: t.entries.length,
    compressed: t.compressed, defaultRouted: t.uncompressed.defaultRouted.length,
  }));
  return {
    machine: m.machine.name, coresUsed: m.vertices.length, chipsUsed: new Set(m.placements.map((p) => p.chip)).size,
    keyBits: { population: m.keys.apBits, core: m.keys.coreBits, atom: m.keys.atomBits, colour: m.keys.colourBits },
    populations, tables,
  };
}

/** The report as plain text lines (for `text/plain` output). */
export function formatMappingReport(r: MappingReport): string {
  const lines = [
    `${r.machine}: ${r.coresUsed} cores on ${r.chipsUsed} chips; key bits population ${r.keyBits.population}, core ${r.keyBits.core}, neuron ${r.keyBits.atom} (of which colour ${r.keyBits.colour})`,
  ];
  for (const p of r.populations) {
    const where = p.cores.map((c) => `(${c.x},${c.y},${c.p})[${c.lo}:${c.hi}]`).join(" ");
    lines.push(`  ${p.label} (${p.model}, ${p.nAtoms}): ${where}${p.key ? `  key ${p.key}/${p.mask}` : ""}`);
  }
  for (const t of r.tables) {
    lines.push(`  router (${t.x},${t.y}): ${t.uncompressed} entries${t.compressed ? ` → ${t.loaded} after compression` : ""}${t.defaultRouted ? `, ${t.defaultRouted} default-routed` : ""}`);
  }
  return lines.join("\n");
}
