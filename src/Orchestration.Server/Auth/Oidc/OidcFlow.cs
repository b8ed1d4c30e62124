using System.Collections.Concurrent;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;
using Orchestration.Core.Configuration;
using Orchestration.Server.Infrastructure;

namespace Orchestration.Server.Auth.Oidc;

/// <summary>What a provider says about the person who signed in (from a validated id_token).</summary>
public sealed record ExternalIdentity(string Provider, string Subject, string? Email, bool EmailVerified, string? Name);

/// <summary>
/// The authorization-code flow with PKCE against configured OpenID Connect providers. The state, nonce and code verifier
/// travel in a short-lived, encrypted `state_token` (ASP.NET Core data protection), so the server keeps no session.
/// </summary>
public sealed class OidcFlow(AuthOptions options, IDataProtectionProvider protection, IHttpClientFactory httpClients, TimeProvider time)
{
    private static readonly TimeSpan StateLifetime = TimeSpan.FromMinutes(10);
    private readonly ConcurrentDictionary<string, ConfigurationManager<OpenIdConnectConfiguration>> _metadata = new();
    private readonly ITimeLimitedDataProtector _protector = protection.CreateProtector("oidc-state").ToTimeLimitedDataProtector();

    private sealed record State(string Provider, string State_, string Nonce, string Verifier, string RedirectUri);

    public async Task<(string AuthorizationUrl, string StateToken)> StartAsync(string providerName, string redirectUri, CancellationToken cancellationToken)
    {
        var provider = Provider(providerName);
        CheckRedirect(redirectUri);
        var config = await MetadataFor(provider).GetConfigurationAsync(cancellationToken);
        var state = new State(provider.Name, Random(), Random(), Random(), redirectUri);
        var challenge = Base64UrlEncoder.Encode(SHA256.HashData(Encoding.ASCII.GetBytes(state.Verifier)));
        var query = new Dictionary<string, string?>
        {
            ["response_type"] = "code", ["client_id"] = provider.ClientId, ["redirect_uri"] = redirectUri, ["scope"] = provider.Scopes,
            ["state"] = state.State_, ["nonce"] = state.Nonce, ["code_challenge"] = challenge, ["code_challenge_method"] = "S256",
        };
        var url = Microsoft.AspNetCore.WebUtilities.QueryHelpers.AddQueryString(config.AuthorizationEndpoint, query);
        var token = _protector.Protect(JsonSerializer.Serialize(state), time.GetUtcNow().Add(StateLifetime));
        return (url, token);
    }

    public async Task<ExternalIdentity> CompleteAsync(
        string providerName, string code, string state, string stateToken, string redirectUri, CancellationToken cancellationToken)
    {
        var provider = Provider(providerName);
        State saved;
        try
        {
            saved = JsonSerializer.Deserialize<State>(_protector.Unprotect(stateToken))!;
        }
        catch (CryptographicException)
        {
            throw Invalid("The sign-in attempt expired or its state_token is invalid; start again.");
        }
        if (saved.Provider != provider.Name || !CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(saved.State_), Encoding.UTF8.GetBytes(state))
            || saved.RedirectUri != redirectUri)
        {
            throw Invalid("The sign-in state does not match this request; start again.");
        }

        var config = await MetadataFor(provider).GetConfigurationAsync(cancellationToken);
        using var response = await httpClients.CreateClient("oidc").PostAsync(config.TokenEndpoint, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "authorization_code", ["code"] = code, ["redirect_uri"] = redirectUri,
            ["client_id"] = provider.ClientId, ["client_secret"] = provider.ClientSecret, ["code_verifier"] = saved.Verifier,
        }), cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw Invalid($"The provider refused the authorization code ({(int)response.StatusCode}).");
        }
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken));
        if (!body.RootElement.TryGetProperty("id_token", out var idToken) || idToken.GetString() is not { } jwt)
        {
            throw Invalid("The provider returned no id_token.");
        }
        var result = await new JsonWebTokenHandler().ValidateTokenAsync(jwt, new TokenValidationParameters
        {
            ValidIssuer = config.Issuer,
            ValidAudience = provider.ClientId,
            IssuerSigningKeys = config.SigningKeys,
            ClockSkew = TimeSpan.FromMinutes(2),
        });
        if (!result.IsValid)
        {
            throw Invalid("The provider's id_token is not valid.");
        }
        var claims = result.ClaimsIdentity;
        if (claims.FindFirst("nonce")?.Value != saved.Nonce)
        {
            throw Invalid("The id_token's nonce does not match this sign-in.");
        }
        var subject = claims.FindFirst("sub")?.Value ?? claims.FindFirst(ClaimTypes.NameIdentifier)?.Value ?? throw Invalid("The id_token has no subject.");
        var email = claims.FindFirst("email")?.Value ?? claims.FindFirst(ClaimTypes.Email)?.Value;
        var verified = string.Equals(claims.FindFirst("email_verified")?.Value, "true", StringComparison.OrdinalIgnoreCase);
        return new ExternalIdentity(provider.Name, subject, email, verified, claims.FindFirst("name")?.Value);
    }

    public OidcProviderOptions Provider(string name) =>
        options.OidcProviders.FirstOrDefault(p => p.Name == name) ?? throw new ResourceNotFoundException($"The sign-in provider '{name}'");

    private void CheckRedirect(string redirectUri)
    {
        if (!Uri.TryCreate(redirectUri, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
        {
            throw new RequestValidationException(new Dictionary<string, string[]> { ["redirect_uri"] = ["'redirect_uri' must be an absolute http(s) URL."] });
        }
        if (options.OidcRedirectUris.Count > 0 && !options.OidcRedirectUris.Any(allowed => Allows(allowed, uri)))
        {
            throw new RequestValidationException(new Dictionary<string, string[]> { ["redirect_uri"] = ["'redirect_uri' is not one of 'auth.oidc_redirect_uris'."] });
        }
    }

    /// <summary>
    /// An allowed redirect URI matches exactly; a loopback IP one (http://127.0.0.1/callback, http://[::1]/callback)
    /// matches any port, as RFC 8252 section 7.3 asks for native apps such as `orch login --provider`, which listen on
    /// whatever port is free.
    /// </summary>
    internal static bool Allows(string allowed, Uri requested)
    {
        if (allowed == requested.OriginalString)
        {
            return true;
        }
        return Uri.TryCreate(allowed, UriKind.Absolute, out var pattern) && pattern.Scheme == "http" && requested.Scheme == "http"
            && pattern.HostNameType is UriHostNameType.IPv4 or UriHostNameType.IPv6 && pattern.IsLoopback
            && pattern.Host == requested.Host && pattern.AbsolutePath == requested.AbsolutePath && pattern.Query == requested.Query;
    }

    private ConfigurationManager<OpenIdConnectConfiguration> MetadataFor(OidcProviderOptions provider) =>
        _metadata.GetOrAdd(provider.Name, _ =>
        {
            var issuer = provider.Issuer.TrimEnd('/');
            var loopback = Uri.TryCreate(issuer, UriKind.Absolute, out var u) && u.IsLoopback;
            return new ConfigurationManager<OpenIdConnectConfiguration>(
                issuer + "/.well-known/openid-configuration",
                new OpenIdConnectConfigurationRetriever(),
                new HttpDocumentRetriever(httpClients.CreateClient("oidc")) { RequireHttps = !loopback });
        });

    /// <summary>A failed sign-in is a 400 problem that says what went wrong.</summary>
    private static BadHttpRequestException Invalid(string message) => new(message, StatusCodes.Status400BadRequest);

    private static string Random() => Base64UrlEncoder.Encode(RandomNumberGenerator.GetBytes(32));
}
