import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { test } from "node:test";
import { cells, connect, currents, network, plasticity } from "../../src/model/index.js";

test("toPyNN writes PyNN cells, explicit connection lists, STDP and recordings", () => {
  const net = network({ dt: 0.1, seed: 2 });
  const src = net.population("src", 3, cells.spikeSourceArray({ spikeTimes: [[1], [2, 3], []] }));
  const exc = net.population("exc", 4, cells.lifCurrExp({ tauM: 15, vThresh: -52 }));
  exc.record(["spikes", "v"]);
  exc.initialize({ v: -60 });
  exc.slice(0, 2).inject(currents.dc({ amplitude: 0.5, start: 10, stop: 20 }));
  net.project(src, exc, connect.fixedNumberPost(2), { weight: 0.5, delay: 1.5 });
  net.project(exc, exc, connect.allToAll({ allowSelf: false }), {
    weight: 0.2, plasticity: plasticity.stdp({ timing: plasticity.spikePair({ aPlus: 0.01, aMinus: 0.012 }), weight: plasticity.additive({ wMax: 0.5 }) }),
  }, { label: "recurrent" });
  const script = net.toPyNN({ durationMs: 250 });
  assert.match(script, /^import pyNN\.nest as sim$/m);
  assert.match(script, /sim\.setup\(timestep=0\.1, min_delay=0\.1\)/);
  assert.match(script, /exc = sim\.Population\(4, sim\.IF_curr_exp\(tau_m=15\.0, cm=1\.0, v_rest=-65\.0, v_reset=-65\.0, tau_refrac=0\.1, i_offset=0\.0, tau_syn_E=5\.0, tau_syn_I=5\.0, v_thresh=-52\.0\), label="exc"\)/);
  assert.match(script, /exc\.initialize\(v=-60\.0\)/);
  assert.match(script, /sim\.DCSource\(amplitude=0\.5, start=10\.0, stop=20\.0\)\.inject_into\(exc\[\[0, 1\]\]\)/);
  assert.match(script, /sim\.SpikeSourceArray\(spike_times=\[Sequence\(\[1\.0\]\), Sequence\(\[2\.0, 3\.0\]\), Sequence\(\[\]\)\]\)/);
  // 3 pre × 2 targets listed explicitly; 4 × 3 recurrent pairs.
  const list = script.match(/proj_src_exc_list = \[(.*)\]/)![1]!;
  assert.equal(list.match(/\(/g)!.length, 6);
  const recurrent = script.match(/proj_recurrent_list = \[(.*)\]/)![1]!;
  assert.equal(recurrent.match(/\(/g)!.length, 12);
  // A± are absolute in Cajal, relative to w_max in PyNN.
  assert.match(script, /SpikePairRule\(tau_plus=20\.0, tau_minus=20\.0, A_plus=0\.02, A_minus=0\.024\)/);
  assert.match(script, /AdditiveWeightDependence\(w_min=0\.0, w_max=0\.5\), dendritic_delay_fraction=1\.0\)/);
  assert.match(script, /exc\.record\(\["spikes"\]\)/);
  assert.match(script, /sim\.run\(250\.0\)/);
});

const hasPython = spawnSync("python3", ["-c", "import ast"]).status === 0;

test("every kind of cell, source, current and rule exports to syntactically valid Python", { skip: !hasPython && "python3 is not installed" }, () => {
  const net = network({ dt: 0.1, seed: 2 });
  const src = net.population("src", 3, cells.spikeSourceArray({ spikeTimes: [1, 2] }));
  const poisson = net.population("poisson", 3, cells.spikeSourcePoisson({ rate: 5 }));
  const exc = net.population("exc", 4, cells.lifCondExp());
  const izh = net.population("izh", 2, cells.izhikevich());
  const adex = net.population("adex", 2, cells.adexCondExpIsfaIsta());
  const other = net.population("other", 2, cells.lifCurrExpAdaptive());
  exc.slice(0, 2).inject(currents.ac({ amplitude: 0.5, frequency: 8 }));
  izh.inject(currents.step({ times: [10, 20], amplitudes: [5, 0] }));
  exc.record(["spikes", "v", "gsyn_exc"]);
  izh.view([1]).record("v");
  net.project(src, exc, connect.fixedNumberPost(2), { weight: 0.01, delay: 1.5 });
  net.project(poisson, adex, connect.allToAll(), { weight: 0.01 });
  net.project(exc, izh, connect.allToAll(), { weight: 1, plasticity: plasticity.stdp({ timing: plasticity.triplet(), weight: plasticity.additive() }) });
  net.project(exc, other, connect.fixedProbability(0.5), { weight: 0.1 });
  const script = net.toPyNN();
  const parsed = spawnSync("python3", ["-c", "import ast, sys; ast.parse(sys.stdin.read())"], { input: script });
  assert.equal(parsed.status, 0, parsed.stderr.toString());
  assert.match(script, /# exc→izh: PyNN has no standard triplet rule/);
  assert.match(script, /sim\.StepCurrentSource\(times=\[10\.0, 20\.0\], amplitudes=\[5\.0, 0\.0\]\)\.inject_into\(izh\)/);
});
