namespace Orchestration.Storage.Transfer;

/// <summary>An import document that cannot be stored; nothing was written. The API answers 422.</summary>
public sealed class TransferException(string message) : Exception(message);
