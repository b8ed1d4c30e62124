using Orchestration.Core.Pricing;
using Orchestration.Engine.Models;

namespace Orchestration.Engine.Execution;

/// <summary>Whether another attempt of a failed task may succeed.</summary>
internal static class TaskFailures
{
    /// <summary>Provider errors say so themselves (a 400 or 401 is not transient); an unpriced model stays unpriced;
    /// anything else (timeouts, lost connections, odd answers) is worth another attempt.</summary>
    public static bool IsTransient(Exception ex) => ex switch
    {
        ModelProviderException provider => provider.IsTransient,
        UnpricedModelException => false,
        _ => true,
    };

    /// <summary>How long the provider asked us to wait, when it said.</summary>
    public static TimeSpan? RetryAfter(Exception ex) => (ex as ModelProviderException)?.RetryAfter;
}
