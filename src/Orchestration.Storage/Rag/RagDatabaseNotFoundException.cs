namespace Orchestration.Storage.Rag;

/// <summary>The name is not one of the configured knowledge databases (<c>rag.databases</c>).</summary>
public sealed class RagDatabaseNotFoundException(string database)
    : Exception($"There is no knowledge database named '{database}'.")
{
    public string Database { get; } = database;
}
