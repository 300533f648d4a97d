/** Shared builders of the spinnaker backend tests. */
import { cells, connect, network, type Network } from "../../src/model/index.js";
import type { Run } from "../../src/results/run.js";
import { CA3_POPULATIONS } from "../../src/spinnaker/backend/index.js";

/**
 * Vogels & Abbott's CUBA (as in test/sim/cuba.test.ts) at `n` neurons, with the connection
 * probability scaled so every cell keeps the 4000-neuron in-degree (64 excitatory, 16 inhibitory).
 */
export function cuba(n: number, seed: number, dt = 0.1): Network {
  const net = network({ dt, seed });
  const lp = { tauM: 20, vRest: -49, vReset: -60, vThresh: -50, tauRefrac: 5, tauSynE: 5, tauSynI: 10 };
  const nE = Math.round(0.8 * n);
  const exc = net.population("exc", nE, cells.lifCurrExp(lp));
  const inh = net.population("inh", n - nE, cells.lifCurrExp(lp));
  for (const pop of [exc, inh]) pop.initialize({ v: { distribution: "uniform", low: -60, high: -50 } }).record("spikes");
  const p = (0.02 * 4000) / n;
  net.project(exc, [exc, inh], connect.fixedProbability(p), { weight: 0.27, delay: 1 });
  net.project(inh, [exc, inh], connect.fixedProbability(p), { weight: -4.5, delay: 1, receptor: "inhibitory" });
  return net;
}

/** Every spike of the CA3 populations as "t|population|neuron". */
export function ca3SpikeSet(run: Run): Set<string> {
  const out = new Set<string>();
  for (const p of CA3_POPULATIONS) {
    const s = run.spikes(p);
    for (let k = 0; k < s.times.length; k++) out.add(`${s.times[k]}|${p}|${s.neurons[k]}`);
  }
  return out;
}
