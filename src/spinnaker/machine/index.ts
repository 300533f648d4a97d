/** The SpiNNaker1 machine model: chip constants, boards, geometry. */
export * from "./spin1.js";
export * from "./machine.js";
export * from "./boards.js";
export * from "./messages.js";
