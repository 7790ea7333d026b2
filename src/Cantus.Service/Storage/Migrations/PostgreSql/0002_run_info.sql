-- The record of a training run (RunInfo JSON: options, architecture, voice names, the training
-- data's fingerprint): written by the run that starts the job, read by every run that resumes it.
ALTER TABLE training_jobs ADD COLUMN run_info JSONB;
