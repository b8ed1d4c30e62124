namespace Orchestration.Server.Events;

/// <summary>POST /api/events/{projectId}/token: a stream token for one project, good for <paramref name="ExpiresIn"/> seconds.</summary>
public sealed record StreamTokenResponse(string Token, double ExpiresIn);
