/** The toolchain profiles whose numerics the runtime reproduces (spinnaker.md §0.1). */
export type FixedProfile = "spynnaker7" | "spynnaker6";
