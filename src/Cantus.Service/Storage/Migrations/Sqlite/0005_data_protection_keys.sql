-- The web nodes' key ring: ASP.NET Core data-protection keys (they protect sign-in cookies and
-- anti-forgery tokens), one XML element per row as the key manager writes it, shared by every node
-- of the database so that a cookie issued by one node is accepted by the others. Each key's secret
-- part is encrypted before it gets here (AES-256-GCM under a key derived from Cantus:KeyRingSecret);
-- rows are only ever added.
CREATE TABLE data_protection_keys (
    id         INTEGER NOT NULL PRIMARY KEY,
    name       TEXT    NOT NULL,
    xml        TEXT    NOT NULL,
    created_at TEXT    NOT NULL
) STRICT;
