-- A composition's result can be revised (the console's editor stores an edited MIDI): when it last was.
-- The WAV and PNG of the old MIDI are dropped by the revision itself (wav_sha256, png_sha256 set NULL).
ALTER TABLE compositions ADD COLUMN revised_at TEXT;
