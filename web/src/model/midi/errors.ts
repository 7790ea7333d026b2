/** MIDI file errors shown to the user. */

/**
 * A MIDI file that cannot be opened at all. The message is a sentence for the user, saying why
 * (and, where there is one, what to do about it).
 */
export class MidiFormatError extends Error {
  override readonly name = "MidiFormatError";
}
