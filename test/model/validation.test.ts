import assert from "node:assert/strict";
import { test } from "node:test";
import { CajalError, type Problem } from "../../src/core/errors.js";
import { cells, connect, currents, network, plasticity } from "../../src/model/index.js";
import { lif } from "../../src/model/cells/neuron/lif.js";
import { exponential } from "../../src/model/cells/synapse/exponential.js";
import { staticThreshold } from "../../src/model/cells/threshold/static.js";
import * as msg from "../../src/model/messages.js";
import "../../src/sim/index.js";

/** Runs `f`, expects a CajalError, returns its problems. */
async function problemsOf(f: () => unknown): Promise<readonly Problem[]> {
  try {
    await f();
  } catch (e) {
    assert.ok(e instanceof CajalError, `expected a CajalError, got ${String(e)}`);
    return e.problems;
  }
  assert.fail("expected a CajalError, nothing was thrown");
}

const lifCurrExpNames = new Map<string, string>(
  [lif, exponential, staticThreshold].flatMap((d) => Object.entries(d.params).map(([k, s]) => [k, s.pynn] as [string, string])),
);

// Each row: what the user wrote, and the exact problems the catalogue says they get.
const cases: { name: string; run: () => unknown; expected: Problem[] }[] = [
  {
    name: "PyNN's snake_case name is recognised and translated",
    run: () => cells.lifCurrExp({ tau_m: 10 } as never),
    expected: [msg.unknownParameter("IF_curr_exp", "tau_m", lifCurrExpNames)],
  },
  {
    name: "a misspelt name gets a did-you-mean",
    run: () => cells.lifCurrExp({ vTresh: -50 } as never),
    expected: [msg.unknownParameter("IF_curr_exp", "vTresh", lifCurrExpNames)],
  },
  {
    name: "a negative time constant is out of range",
    run: () => cells.lifCurrExp({ tauM: -20 }),
    expected: [msg.outOfRange("IF_curr_exp.neuron.tauM", "tauM", -20, lif.params.tauM)],
  },
  {
    name: "NaN is reported as not a number",
    run: () => cells.lifCurrExp({ cm: NaN }),
    expected: [msg.notANumber("IF_curr_exp.neuron.cm", "cm", NaN, lif.params.cm)],
  },
  {
    name: "a string is reported as not a number",
    run: () => cells.lifCurrExp({ vRest: "-65" as unknown as number }),
    expected: [msg.notANumber("IF_curr_exp.neuron.vRest", "vRest", "-65", lif.params.vRest)],
  },
  {
    name: "several problems are reported together",
    run: () => cells.lifCurrExp({ tau_m: 10, cm: 0, tauSynE: -1 } as never),
    expected: [
      msg.unknownParameter("IF_curr_exp", "tau_m", lifCurrExpNames),
      msg.outOfRange("IF_curr_exp.neuron.cm", "cm", 0, lif.params.cm),
      msg.outOfRange("IF_curr_exp.synapse.tauSynE", "tauSynE", -1, exponential.params.tauSynE),
    ],
  },
  {
    name: "a reset at or above threshold is refused",
    run: () => cells.lifCurrExp({ vReset: -50, vThresh: -50 }),
    expected: [msg.resetNotBelowThreshold("IF_curr_exp", -50, -50)],
  },
  {
    name: "a probability above 1",
    run: () => connect.fixedProbability(1.5),
    expected: [msg.badProbability("connect.fixedProbability.p", 1.5)],
  },
  {
    name: "a per-neuron spike list of the wrong length",
    run: () => network().population("src", 3, cells.spikeSourceArray({ spikeTimes: [[1], [2]] })),
    expected: [msg.wrongSize("src.cell.spikeTimes", "the list of spike-time lists", 2, 3)],
  },
  {
    name: "a negative spike time",
    run: () => cells.spikeSourceArray({ spikeTimes: [5, -1] }),
    expected: [msg.badSpikeTime("SpikeSourceArray.spikeTimes", -1)],
  },
  {
    name: "two populations with one label",
    run: () => { const net = network(); net.population("a", 1, cells.lifCurrExp()); net.population("a", 2, cells.lifCurrExp()); },
    expected: [msg.duplicateLabel("a", "population", "a")],
  },
  {
    name: "a population size that is not a whole number",
    run: () => network().population("a", 2.5, cells.lifCurrExp()),
    expected: [msg.badInteger("a.size", "the population size", 2.5, "a whole number ≥ 1")],
  },
  {
    name: "recording a variable the cell does not have",
    run: () => network().population("a", 1, cells.lifCurrExp()).record("u"),
    expected: [msg.notRecordable("a.record", "u", cells.lifCurrExp().recordable)],
  },
  {
    name: "a slice outside the population",
    run: () => network().population("a", 10, cells.lifCurrExp()).slice(5, 11),
    expected: [msg.indexOutOfRange("a.slice(5, 11)", [5, 11], 10)],
  },
  {
    name: "initial values of the wrong length",
    run: () => network().population("a", 3, cells.lifCurrExp()).initialize({ v: [-65, -60] }),
    expected: [msg.wrongSize("a.initialize.v", "the list of initial values", 2, 3)],
  },
  {
    name: "an unknown receptor and a bad weight together",
    run: () => {
      const net = network();
      const a = net.population("a", 2, cells.lifCurrExp());
      net.project(a, a, connect.allToAll(), { weight: { distribution: "uniform", low: 1, high: 0 } }, { receptor: "gaba" as never });
    },
    expected: [msg.badReceptor("a→a.receptor", "gaba"), msg.badDistribution("a→a.weight", "uniform(1, 0) needs finite low ≤ high.")],
  },
  {
    name: "a projection onto a spike source",
    run: () => {
      const net = network();
      const a = net.population("a", 2, cells.lifCurrExp());
      const s = net.population("s", 2, cells.spikeSourcePoisson({ rate: 5 }));
      net.project(a, s, connect.oneToOne(), { weight: 1 });
    },
    expected: [msg.projectionOntoSource("a→s", "s")],
  },
  {
    name: "a rate rule on a spiking projection",
    run: () => {
      const net = network();
      const a = net.population("a", 2, cells.lifCurrExp());
      net.project(a, a, connect.allToAll(), { weight: 1, plasticity: plasticity.oja({ rate: 0.1 }) });
    },
    expected: [msg.plasticityNotForSpikes("a→a.plasticity", "oja")],
  },
  {
    name: "a current injected into a spike source",
    run: () => network().population("s", 2, cells.spikeSourcePoisson()).inject(currents.dc()),
    expected: [msg.projectionOntoSource("s.inject", "s")],
  },
  {
    name: "step-current times that go backwards, and too few amplitudes",
    run: () => currents.step({ times: [10, 5], amplitudes: [1] }),
    expected: [
      msg.badSetup("currents.step.times", "the list of times", [10, 5], "increasing times ≥ 0 ms"),
      msg.wrongSize("currents.step.amplitudes", "the list of amplitudes", 1, 2),
    ],
  },
  {
    name: "a duration that is not whole timesteps",
    run: () => network({ dt: 0.1 }).run(10.05),
    expected: [msg.notWholeSteps("net.run", 10.05, 0.1)],
  },
  {
    name: "an unknown backend",
    run: () => network().run(10, { backend: "brain" }),
    expected: [msg.unknownBackend("net.run.backend", "brain", ["reference"])],
  },
];

for (const c of cases) {
  test(`validation: ${c.name}`, async () => {
    const problems = await problemsOf(c.run);
    assert.deepEqual(problems, c.expected);
  });
}

test("validation: problems found when connections are drawn are all reported at run time", async () => {
  const net = network({ dt: 0.1 });
  const a = net.population("a", 5, cells.lifCurrExp());
  const b = net.population("b", 5, cells.lifCondExp());
  net.project(a, b, connect.fixedNumberPre(4, { allowSelf: true }), { weight: -0.1, delay: 0.05 }, { receptor: "excitatory" });
  net.project(a, a, connect.fixedNumberPost(5, { allowSelf: false }), { weight: -0.5 });
  net.project(a, a, connect.allToAll(), { weight: 2, plasticity: plasticity.stdp({ timing: plasticity.spikePair(), weight: plasticity.additive({ wMax: 1 }) }) }, { label: "plastic" });
  net.project(b, a, connect.oneToOne(), { weight: 0.1, receptor: "inhibitory" });
  const problems = await problemsOf(() => net.run(10));
  assert.deepEqual(problems, [
    msg.badWeightSign("a→b.weight", -0.1, "excitatory", "conductance"),
    msg.badDelay("a→b.delay", 0.05, 0.1),
    msg.tooManyPartners("a→a.connector", 5, 4, false),
    msg.badWeightSign("a→a.weight", -0.5, "excitatory", "current"), // checked although no connection was drawn
    msg.weightOutsideBounds("plastic.weight", 2, 0, 1),
    msg.badWeightSign("b→a.weight", 0.1, "inhibitory", "current"),
  ]);
  assert.deepEqual(problems.map((p) => p.ruleId),
    ["bad-weight-sign", "bad-delay", "too-many-partners", "bad-weight-sign", "weight-outside-bounds", "bad-weight-sign"]);
});

test("validation: a network cannot change after it ran, until reset()", async () => {
  const net = network();
  net.population("a", 1, cells.lifCurrExp());
  await net.run(1);
  assert.deepEqual(await problemsOf(() => net.population("b", 1, cells.lifCurrExp())),
    [msg.changedAfterRun('net.population("b")', 'net.population("b")')]);
  net.reset();
  net.population("b", 1, cells.lifCurrExp());
  assert.equal(net.timeMs(), 0);
});

test("the unknown-parameter message tells PyNN users the Cajal name", () => {
  const p = msg.unknownParameter("IF_curr_exp", "tau_syn_E", lifCurrExpNames);
  assert.equal(p.fix, "PyNN's `tau_syn_E` is `tauSynE` in Cajal.");
  assert.equal(msg.unknownParameter("X", "tauMM", lifCurrExpNames).fix, "did you mean `tauM`?");
  assert.equal(msg.unknownParameter("X", "zzzzzz", lifCurrExpNames).fix, undefined);
});

test("cells carry PyNN's defaults and units", () => {
  const c = cells.lifCurrExp();
  assert.deepEqual(c.params, { tauM: 20, cm: 1, vRest: -65, vReset: -65, tauRefrac: 0.1, iOffset: 0, tauSynE: 5, tauSynI: 5, vThresh: -50 });
  assert.equal(cells.lifCondExp().params.eRevI, -70);
  assert.equal(cells.lifCurrAlpha().params.tauSynE, 0.5);
  assert.deepEqual(cells.izhikevich().params, { a: 0.02, b: 0.2, c: -65, d: 2, iOffset: 0, vThresh: 30 });
  assert.deepEqual(cells.izhikevich().initial, { v: -70, u: -14 });
  const adex = cells.adexCondExpIsfaIsta();
  assert.equal(adex.pynn, "EIF_cond_exp_isfa_ista");
  assert.equal(adex.params.eRevI, -80);
  assert.equal(adex.params.tauW, 144);
  assert.deepEqual(cells.spikeSourcePoisson().params, { rate: 1, start: 0, duration: 1e10 });
});

test("a network's description is plain data that survives JSON", () => {
  const net = network({ dt: 0.1, seed: 3 });
  const exc = net.population("exc", 10, cells.lifCurrExp({ tauM: 15 }));
  exc.slice(0, 5).record("v");
  exc.record("spikes");
  exc.view([1, 3]).initialize({ v: -60 });
  net.project(exc, exc, connect.fixedProbability(0.5), { weight: { distribution: "normal", mean: 0.2, sd: 0.01 }, delay: 1.5 });
  const spec = net.spec();
  assert.deepEqual(JSON.parse(JSON.stringify(net)), spec);
  assert.deepEqual(spec.recordings, [
    { population: "exc", variable: "v", indices: [0, 1, 2, 3, 4] },
    { population: "exc", variable: "spikes", indices: [0, 1, 2, 3, 4, 5, 6, 7, 8, 9] },
  ]);
  assert.deepEqual(spec.populations[0]!.initial, [{ variable: "v", indices: [1, 3], value: -60 }]);
});

test("a network shows itself as tables of populations and projections", () => {
  const net = network({ dt: 0.1, seed: 3 });
  const exc = net.population("exc", 80, cells.lifCurrExp());
  exc.slice(0, 5).record("v");
  net.project(exc, exc, connect.fixedProbability(0.1), { weight: 0.2, delay: 1.5 });
  const text = net.toMimeBundle()["text/plain"]!;
  assert.match(text, /^Network: dt 0\.1 ms, seed 3$/m);
  assert.match(text, /^exc\s+80\s+IF_curr_exp\s+v \(5\)\s*$/m);
  assert.match(text, /^exc→exc\s+fixedProbability\(p: 0\.1, allowSelf: true\)\s+0\.2\s+1\.5\s+excitatory\s+static\s*$/m);
  assert.match(net.toMimeBundle()["text/html"]!, /<td>IF_curr_exp<\/td>/);
});
