namespace Orchestration.Storage.Rag;

/// <summary>The schema of a knowledge database file (its own file, not a migration of the main database).</summary>
internal static class RagSchema
{
    public const int Version = 1;

    // NOTE: chunks_fts keeps its own copy of the chunk text (not an external-content table) so that it can also index
    // the document's type_name; its rowid is the chunk id. Chunks are added and removed in the same transaction as
    // their FTS rows, so the two cannot drift.
    public const string Sql = """
        CREATE TABLE IF NOT EXISTS rag_meta (
            key   TEXT PRIMARY KEY,
            value TEXT NOT NULL
        );
        CREATE TABLE IF NOT EXISTS documents (
            id           TEXT PRIMARY KEY,
            source       TEXT NOT NULL,
            type_name    TEXT,
            text         TEXT NOT NULL,
            metadata     TEXT,
            content_hash TEXT NOT NULL UNIQUE,
            chunk_count  INTEGER NOT NULL,
            created_at   REAL NOT NULL
        );
        CREATE INDEX IF NOT EXISTS ix_documents_source ON documents (source);
        CREATE INDEX IF NOT EXISTS ix_documents_type_name ON documents (type_name COLLATE NOCASE);
        CREATE TABLE IF NOT EXISTS chunks (
            id          INTEGER PRIMARY KEY,
            document_id TEXT NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
            ordinal     INTEGER NOT NULL,
            text        TEXT NOT NULL,
            embedding   BLOB NOT NULL,
            UNIQUE (document_id, ordinal)
        );
        CREATE VIRTUAL TABLE IF NOT EXISTS chunks_fts USING fts5 (
            text, type_name, tokenize = 'porter unicode61 remove_diacritics 2'
        );
        INSERT INTO rag_meta (key, value) VALUES ('schema_version', '1') ON CONFLICT (key) DO NOTHING;
        """;
}
