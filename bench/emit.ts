/** Prints one benchmark result as the JSON line every Cajal benchmark emits. ratio = cajal / peer (time). */
export function emit(name: string, cajalS: number, peer: string | null, peerS: number | null, extra: Record<string, unknown> = {}): void {
  const ratio = peerS ? cajalS / peerS : null;
  console.log(JSON.stringify({ name, cajal_s: round(cajalS), peer, peer_s: peerS === null ? null : round(peerS), ratio: ratio === null ? null : round(ratio), ...extra }));
}

function round(x: number): number {
  return Number(x.toPrecision(4));
}
