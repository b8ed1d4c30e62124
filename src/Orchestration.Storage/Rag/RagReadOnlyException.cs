namespace Orchestration.Storage.Rag;

/// <summary>A write to a database in the original product's layout, which is only ever read.</summary>
public sealed class RagReadOnlyException(string database)
    : Exception($"The knowledge database '{database}' is an external database (the original product's layout) and is only read: " +
        "documents cannot be added to it or removed from it. Point another name of 'rag.databases' at a new file to ingest documents.")
{
    public string Database { get; } = database;
}
