namespace Orchestration.Server.Auth;

public sealed record RegisterRequest(string? Email, string? Password, string? DisplayName);

public sealed record LoginRequest(string? Email, string? Password);

public sealed record RefreshRequest(string? RefreshToken);

public sealed record UserDto(string Id, string Email, string DisplayName, string Role);

public sealed record MeDto(string Id, string Email, string DisplayName, string Role, bool HasPassword, IReadOnlyList<string> LinkedProviders);

public sealed record TokenPairDto(string AccessToken, string RefreshToken, string TokenType, double ExpiresIn, UserDto User);
