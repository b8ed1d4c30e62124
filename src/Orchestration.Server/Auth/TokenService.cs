using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Orchestration.Core.Configuration;
using Orchestration.Storage.Users;

namespace Orchestration.Server.Auth;

/// <summary>Issues access tokens (JWT) and opaque refresh tokens; only refresh-token hashes are ever stored.</summary>
public sealed class TokenService(AuthOptions options, TimeProvider time)
{
    public const string Issuer = "orchestration-engine";
    public const string Audience = "orchestration-api";

    public SymmetricSecurityKey SigningKey { get; } = new(Encoding.UTF8.GetBytes(options.SecretKey!));

    public string SigningAlgorithm => options.Algorithm switch
    {
        "HS384" => SecurityAlgorithms.HmacSha384,
        "HS512" => SecurityAlgorithms.HmacSha512,
        _ => SecurityAlgorithms.HmacSha256,
    };

    public string CreateAccessToken(User user)
    {
        var now = time.GetUtcNow().UtcDateTime;
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = Issuer,
            Audience = Audience,
            Subject = new ClaimsIdentity(
            [
                new Claim(JwtRegisteredClaimNames.Sub, user.Id),
                new Claim(JwtRegisteredClaimNames.Email, user.Email),
                new Claim("role", user.Role),
            ]),
            IssuedAt = now,
            NotBefore = now,
            Expires = now.AddMinutes(options.AccessTokenExpireMinutes),
            SigningCredentials = new SigningCredentials(SigningKey, SigningAlgorithm),
        });
    }

    /// <summary>A new random refresh token and the hash under which it is stored.</summary>
    public static (string Token, string Hash) CreateRefreshToken()
    {
        var token = Base64UrlEncoder.Encode(RandomNumberGenerator.GetBytes(32));
        return (token, HashRefreshToken(token));
    }

    public static string HashRefreshToken(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    public double RefreshLifetimeSeconds => options.RefreshTokenExpireDays * 86_400;

    public double AccessLifetimeSeconds => options.AccessTokenExpireMinutes * 60;
}
