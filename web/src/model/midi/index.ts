/** Standard MIDI File reading and writing, without a library. */
export { MidiFormatError } from "./errors";
export { MAX_MIDI_BYTES, MAX_MIDI_NOTES } from "./parse";
export { readMidi, type MidiReadResult } from "./read";
export { writeMidi } from "./write";
