-- Cantus book-keeping schema, version 1 (SQLite).
-- Times are UTC text 'yyyy-MM-ddTHH:mm:ss.ffffffZ' (fixed width, so they sort as text).
-- JSON columns are text checked with json_valid; booleans are 0/1.
-- Blob bytes live in files under the data directory; the blobs table records them.

CREATE TABLE users (
    id            TEXT    NOT NULL PRIMARY KEY,
    name          TEXT    NOT NULL UNIQUE,
    display_name  TEXT    NOT NULL,
    password_hash TEXT,
    is_admin      INTEGER NOT NULL DEFAULT 0 CHECK (is_admin IN (0, 1)),
    disabled      INTEGER NOT NULL DEFAULT 0 CHECK (disabled IN (0, 1)),
    created_at    TEXT    NOT NULL
) STRICT;

CREATE TABLE api_tokens (
    id           TEXT NOT NULL PRIMARY KEY,
    user_id      TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    name         TEXT NOT NULL,
    token_hash   TEXT NOT NULL UNIQUE,
    prefix       TEXT NOT NULL,
    created_at   TEXT NOT NULL,
    last_used_at TEXT,
    revoked_at   TEXT
) STRICT;
CREATE INDEX api_tokens_user ON api_tokens (user_id);

CREATE TABLE blobs (
    sha256     TEXT    NOT NULL PRIMARY KEY CHECK (length(sha256) = 64),
    length     INTEGER NOT NULL CHECK (length >= 0),
    created_at TEXT    NOT NULL,
    touched_at TEXT    NOT NULL
) STRICT;

CREATE TABLE melodies (
    id          TEXT    NOT NULL PRIMARY KEY,
    owner_id    TEXT    NOT NULL REFERENCES users (id) ON DELETE RESTRICT,
    name        TEXT    NOT NULL,
    source      TEXT    NOT NULL CHECK (source IN ('upload', 'recorded', 'sample')),
    tempo_bpm   REAL    NOT NULL,
    bars        INTEGER NOT NULL,
    steps       INTEGER NOT NULL,
    midi_sha256 TEXT    NOT NULL REFERENCES blobs (sha256) ON DELETE RESTRICT,
    repairs     TEXT    NOT NULL DEFAULT '[]' CHECK (json_valid(repairs)),
    created_at  TEXT    NOT NULL
) STRICT;
CREATE INDEX melodies_owner ON melodies (owner_id, created_at);
CREATE INDEX melodies_midi ON melodies (midi_sha256);

CREATE TABLE models (
    id             TEXT    NOT NULL PRIMARY KEY,
    owner_id       TEXT    REFERENCES users (id) ON DELETE RESTRICT,
    name           TEXT    NOT NULL,
    description    TEXT    NOT NULL DEFAULT '',
    tags           TEXT    NOT NULL DEFAULT '[]' CHECK (json_valid(tags)),
    genre          TEXT,
    architecture   TEXT    NOT NULL DEFAULT '{}' CHECK (json_valid(architecture)),
    config         TEXT    NOT NULL DEFAULT '{}' CHECK (json_valid(config)),
    evaluation     TEXT    CHECK (evaluation IS NULL OR json_valid(evaluation)),
    weights_sha256 TEXT    REFERENCES blobs (sha256) ON DELETE RESTRICT,
    source_path    TEXT,
    parent_id      TEXT    REFERENCES models (id) ON DELETE SET NULL,
    is_sample      INTEGER NOT NULL CHECK (is_sample IN (0, 1)),
    created_at     TEXT    NOT NULL,
    updated_at     TEXT    NOT NULL,
    CHECK ((is_sample = 1) = (owner_id IS NULL))
) STRICT;
CREATE UNIQUE INDEX models_owner_name ON models (owner_id, name) WHERE owner_id IS NOT NULL;
CREATE UNIQUE INDEX models_sample_name ON models (name) WHERE owner_id IS NULL;
CREATE INDEX models_weights ON models (weights_sha256);
CREATE INDEX models_parent ON models (parent_id);

CREATE TABLE datasets (
    id             TEXT    NOT NULL PRIMARY KEY,
    owner_id       TEXT    REFERENCES users (id) ON DELETE RESTRICT,
    name           TEXT    NOT NULL,
    kind           TEXT    NOT NULL CHECK (kind IN ('jsb-chorales', 'lab-snippets', 'midi-zip')),
    tags           TEXT    NOT NULL DEFAULT '[]' CHECK (json_valid(tags)),
    description    TEXT    NOT NULL DEFAULT '',
    pieces         INTEGER NOT NULL DEFAULT 0,
    archive_sha256 TEXT    REFERENCES blobs (sha256) ON DELETE RESTRICT,
    state          TEXT    NOT NULL CHECK (state IN ('available', 'missing', 'importing')),
    created_at     TEXT    NOT NULL
) STRICT;
CREATE UNIQUE INDEX datasets_owner_name ON datasets (owner_id, name) WHERE owner_id IS NOT NULL;
CREATE UNIQUE INDEX datasets_builtin_name ON datasets (name) WHERE owner_id IS NULL;
CREATE INDEX datasets_archive ON datasets (archive_sha256);

CREATE TABLE compositions (
    id           TEXT    NOT NULL PRIMARY KEY,
    owner_id     TEXT    NOT NULL REFERENCES users (id) ON DELETE RESTRICT,
    melody_id    TEXT    NOT NULL REFERENCES melodies (id) ON DELETE RESTRICT,
    model_id     TEXT    NOT NULL REFERENCES models (id) ON DELETE RESTRICT,
    options      TEXT    NOT NULL DEFAULT '{}' CHECK (json_valid(options)),
    seed         INTEGER NOT NULL,
    candidates   INTEGER NOT NULL,
    steps        INTEGER NOT NULL,
    midi_sha256  TEXT    NOT NULL REFERENCES blobs (sha256) ON DELETE RESTRICT,
    wav_sha256   TEXT    REFERENCES blobs (sha256) ON DELETE RESTRICT,
    png_sha256   TEXT    REFERENCES blobs (sha256) ON DELETE RESTRICT,
    critic_score REAL,
    timings      TEXT    NOT NULL DEFAULT '{}' CHECK (json_valid(timings)),
    share_token  TEXT    UNIQUE,
    shared_at    TEXT,
    created_at   TEXT    NOT NULL
) STRICT;
CREATE INDEX compositions_owner ON compositions (owner_id, created_at);
CREATE INDEX compositions_melody ON compositions (melody_id);
CREATE INDEX compositions_model ON compositions (model_id);
CREATE INDEX compositions_midi ON compositions (midi_sha256);
CREATE INDEX compositions_wav ON compositions (wav_sha256);
CREATE INDEX compositions_png ON compositions (png_sha256);

CREATE TABLE training_jobs (
    id               TEXT    NOT NULL PRIMARY KEY,
    owner_id         TEXT    NOT NULL REFERENCES users (id) ON DELETE RESTRICT,
    name             TEXT    NOT NULL,
    base_model_id    TEXT    REFERENCES models (id) ON DELETE SET NULL,
    dataset_id       TEXT    REFERENCES datasets (id) ON DELETE SET NULL,
    tags             TEXT    NOT NULL DEFAULT '[]' CHECK (json_valid(tags)),
    hyperparameters  TEXT    NOT NULL DEFAULT '{}' CHECK (json_valid(hyperparameters)),
    architecture     TEXT    NOT NULL DEFAULT '{}' CHECK (json_valid(architecture)),
    state            TEXT    NOT NULL CHECK (state IN ('queued', 'preparing', 'training', 'evaluating', 'completed', 'failed', 'canceled')),
    iteration        INTEGER NOT NULL DEFAULT 0,
    iterations       INTEGER NOT NULL,
    eta_seconds      INTEGER,
    cancel_requested INTEGER NOT NULL DEFAULT 0 CHECK (cancel_requested IN (0, 1)),
    fence            TEXT,
    fence_epoch      INTEGER NOT NULL DEFAULT 0,
    attempts         INTEGER NOT NULL DEFAULT 0,
    error            TEXT,
    result_model_id  TEXT    REFERENCES models (id) ON DELETE SET NULL,
    created_at       TEXT    NOT NULL,
    started_at       TEXT,
    updated_at       TEXT    NOT NULL,
    finished_at      TEXT
) STRICT;
CREATE INDEX training_jobs_owner ON training_jobs (owner_id, created_at);
CREATE INDEX training_jobs_state ON training_jobs (state);
CREATE INDEX training_jobs_base_model ON training_jobs (base_model_id);
CREATE INDEX training_jobs_dataset ON training_jobs (dataset_id);
CREATE INDEX training_jobs_result_model ON training_jobs (result_model_id);

CREATE TABLE job_losses (
    job_id           TEXT    NOT NULL REFERENCES training_jobs (id) ON DELETE CASCADE,
    iteration        INTEGER NOT NULL,
    critic           REAL    NOT NULL,
    generator        REAL    NOT NULL,
    gradient_penalty REAL    NOT NULL,
    wasserstein      REAL    NOT NULL,
    seconds          REAL    NOT NULL,
    PRIMARY KEY (job_id, iteration)
) STRICT, WITHOUT ROWID;

CREATE TABLE job_metrics (
    job_id           TEXT    NOT NULL REFERENCES training_jobs (id) ON DELETE CASCADE,
    iteration        INTEGER NOT NULL,
    similarity_index REAL,
    metrics          TEXT    NOT NULL DEFAULT '{}' CHECK (json_valid(metrics)),
    PRIMARY KEY (job_id, iteration)
) STRICT, WITHOUT ROWID;

CREATE TABLE job_samples (
    job_id      TEXT    NOT NULL REFERENCES training_jobs (id) ON DELETE CASCADE,
    iteration   INTEGER NOT NULL,
    midi_sha256 TEXT    NOT NULL REFERENCES blobs (sha256) ON DELETE RESTRICT,
    png_sha256  TEXT    REFERENCES blobs (sha256) ON DELETE RESTRICT,
    PRIMARY KEY (job_id, iteration)
) STRICT, WITHOUT ROWID;
CREATE INDEX job_samples_midi ON job_samples (midi_sha256);
CREATE INDEX job_samples_png ON job_samples (png_sha256);

CREATE TABLE job_checkpoints (
    job_id      TEXT    NOT NULL REFERENCES training_jobs (id) ON DELETE CASCADE,
    iteration   INTEGER NOT NULL,
    blob_sha256 TEXT    NOT NULL REFERENCES blobs (sha256) ON DELETE RESTRICT,
    created_at  TEXT    NOT NULL,
    PRIMARY KEY (job_id, iteration)
) STRICT, WITHOUT ROWID;
CREATE INDEX job_checkpoints_blob ON job_checkpoints (blob_sha256);

CREATE TABLE job_attempt_errors (
    job_id  TEXT    NOT NULL REFERENCES training_jobs (id) ON DELETE CASCADE,
    attempt INTEGER NOT NULL,
    error   TEXT    NOT NULL,
    at      TEXT    NOT NULL,
    PRIMARY KEY (job_id, attempt)
) STRICT, WITHOUT ROWID;

CREATE TABLE evaluations (
    id           TEXT NOT NULL PRIMARY KEY,
    model_id     TEXT NOT NULL REFERENCES models (id) ON DELETE CASCADE,
    owner_id     TEXT NOT NULL REFERENCES users (id) ON DELETE RESTRICT,
    dataset_id   TEXT REFERENCES datasets (id) ON DELETE SET NULL,
    dataset_name TEXT NOT NULL,
    split        TEXT NOT NULL,
    options      TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(options)),
    report       TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(report)),
    created_at   TEXT NOT NULL
) STRICT;
CREATE INDEX evaluations_owner ON evaluations (owner_id, model_id, created_at);
CREATE INDEX evaluations_model ON evaluations (model_id);
CREATE INDEX evaluations_dataset ON evaluations (dataset_id);

-- The user of the embedded single-user mode. Its id is outside the alphabet of generated ids.
INSERT INTO users (id, name, display_name, password_hash, is_admin, disabled, created_at)
VALUES ('local', 'local', 'Local user', NULL, 1, 0, strftime('%Y-%m-%dT%H:%M:%S', 'now') || '.000000Z');
