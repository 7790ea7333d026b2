/** One colour per voice; the melody always gold, so it stands out from the voices the model wrote. */
const voices = ["#4fa3e0", "#5cc98a", "#c77ddb", "#e07a5f", "#7fd1c7", "#d6c75b", "#9aa7ff", "#ff8fb1"];

/** The melody's colour. */
export const MELODY_COLOR = "#e0a526";

/** The colour of the <paramref name="index" />th accompaniment track. */
export function voiceColor(index: number): string {
  return voices[((index % voices.length) + voices.length) % voices.length]!;
}
