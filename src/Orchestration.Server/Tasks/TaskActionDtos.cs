namespace Orchestration.Server.Tasks;

public sealed record BulkTaskActionRequest(List<string>? TaskIds, string? Action);

public sealed record BulkFailure(string Id, string Reason);

public sealed record BulkTaskActionResponse(List<string> Succeeded, List<BulkFailure> Failed);
