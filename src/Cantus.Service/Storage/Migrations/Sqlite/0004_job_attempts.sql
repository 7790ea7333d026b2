-- Every run of a training job, for operators and for checking fencing after the fact: which
-- worker claimed it at which epoch and when, the checkpoint it resumed from, the iteration it
-- reached. Checkpoints record the epoch that wrote them.
CREATE TABLE job_attempts (
    job_id         TEXT    NOT NULL REFERENCES training_jobs (id) ON DELETE CASCADE,
    epoch          INTEGER NOT NULL,
    worker         TEXT    NOT NULL,
    claimed_at     TEXT    NOT NULL,
    resumed_from   INTEGER,
    last_iteration INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (job_id, epoch)
) STRICT, WITHOUT ROWID;

ALTER TABLE job_checkpoints ADD COLUMN fence_epoch INTEGER NOT NULL DEFAULT 0;
