/** The toolchain profiles whose numerics the runtime reproduces (spinnaker.md §0.1). */
export type FixedProfile = "spynnaker7" | "spynnaker6";

/** Every profile the emulator runs: the two fixed-point stacks and the unquantised `float` cross-check. */
export type EmuProfile = FixedProfile | "float";
