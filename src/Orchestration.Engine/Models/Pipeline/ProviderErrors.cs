using System.ClientModel;
using System.Net;
using System.Text.Json;
using Anthropic.Exceptions;
using Orchestration.Core.Pricing;

namespace Orchestration.Engine.Models.Pipeline;

/// <summary>Turns what each SDK throws into one <see cref="ModelProviderException"/> saying whether it is worth retrying.</summary>
internal static class ProviderErrors
{
    // 529 is Anthropic's "overloaded"; 408/409/425 are worth another try by every provider's own guidance.
    private static readonly HashSet<int> TransientStatuses = [408, 409, 425, 429, 500, 502, 503, 504, 529];

    /// <summary>False for what is not the provider's failure: our own refusals and the caller's cancellation.</summary>
    public static bool IsProviderFailure(Exception ex, CancellationToken cancellationToken) => ex switch
    {
        BudgetExceededException or UnpricedModelException => false,
        OperationCanceledException when cancellationToken.IsCancellationRequested => false,
        _ => true,
    };

    public static ModelProviderException Normalize(string provider, Exception ex, HttpAttempt? attempt)
    {
        if (ex is ModelProviderException known)
        {
            return known;
        }
        var status = StatusOf(ex) ?? (attempt?.StatusCode is { } recorded && (int)recorded >= 400 ? (int)recorded : null);
        var retryAfter = attempt?.RetryAfter;
        bool transient;
        string what;
        if (status is { } code)
        {
            transient = TransientStatuses.Contains(code);
            what = code switch
            {
                429 => "rate limited (429)",
                529 => "overloaded (529)",
                >= 500 => $"failed with {code}",
                _ => $"refused the request ({code})",
            };
        }
        else
        {
            // No HTTP answer at all: a lost connection, a timeout or a broken stream is worth another try.
            transient = ex is HttpRequestException or IOException or TimeoutException or OperationCanceledException
                        or AnthropicIOException or AnthropicSseException or ClientResultException;
            what = ex switch
            {
                OperationCanceledException or TimeoutException => "timed out",
                // It answered, but not in its protocol: saying "could not be reached" would send the operator to the network.
                JsonException or AnthropicInvalidDataException => "sent an answer that could not be read",
                _ => "could not be reached or broke off",
            };
        }
        return new ModelProviderException(provider, $"Model provider '{provider}' {what}: {ex.Message}", transient, status, retryAfter, ex);
    }

    private static int? StatusOf(Exception ex) => ex switch
    {
        AnthropicApiException api => (int)api.StatusCode,
        ClientResultException { Status: > 0 } result => result.Status,
        HttpRequestException { StatusCode: { } code } => (int)code,
        _ when ex.InnerException is HttpRequestException { StatusCode: { } inner } => (int)inner,
        _ => null,
    };

    internal static bool IsTransientStatus(HttpStatusCode status) => TransientStatuses.Contains((int)status);
}
