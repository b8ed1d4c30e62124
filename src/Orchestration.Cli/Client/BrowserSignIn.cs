using System.Diagnostics;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Logging;

namespace Orchestration.Cli.Client;

/// <summary>
/// Signs in (or links an account) through an OpenID Connect provider the way native apps do (RFC 8252): a listener on a
/// free 127.0.0.1 port is the redirect URI, the browser goes to the provider, and the provider sends it back to the
/// listener with the code, which the server then exchanges (docs/api.md, "GET /api/auth/oidc/{provider}/login").
/// </summary>
internal static class BrowserSignIn
{
    /// <summary>How long the provider's answer is waited for: a person is typing a password and perhaps a second factor.</summary>
    public static readonly TimeSpan Patience = TimeSpan.FromMinutes(5);

    /// <summary>Runs the flow and answers what the server said to the completed code: the login body for
    /// <c>callback</c>, the linked identity for <c>link</c>.</summary>
    /// <param name="complete">The server path that takes {code, state, state_token, redirect_uri}.</param>
    public static async Task<JsonElement> RunAsync(OrchClient client, string provider, string complete, bool openBrowser, TextWriter output, CancellationToken cancellationToken)
    {
        await using var listener = await Listener.StartAsync(cancellationToken);
        var redirect = listener.RedirectUri;
        var start = await client.GetAsync($"/api/auth/oidc/{Uri.EscapeDataString(provider)}/login?redirect_uri={Uri.EscapeDataString(redirect)}", cancellationToken);
        var url = start.GetProperty("authorization_url").GetString()!;
        var state = QueryHelpers.ParseQuery(new Uri(url).Query).TryGetValue("state", out var s) ? s.ToString() : "";
        await output.WriteLineAsync($"Sign in with {provider} in your browser: {url}");
        if (openBrowser && !TryOpen(url))
        {
            await output.WriteLineAsync("(no browser could be opened here: open the link above on this machine)");
        }
        await output.WriteLineAsync($"Waiting for the provider to send the browser back to {redirect} ...");
        await output.FlushAsync(cancellationToken);

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(Patience);
        IReadOnlyDictionary<string, string> answer;
        try
        {
            answer = await listener.Answer.WaitAsync(timeout.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new CliException($"No answer from the provider within {Patience.TotalMinutes:0} minutes: run the command again.");
        }
        if (answer.TryGetValue("error", out var error))
        {
            var description = answer.TryGetValue("error_description", out var d) && d.Length > 0 ? $": {d}" : "";
            throw new CliException($"The provider refused the sign-in ({error}{description}).");
        }
        if (answer.GetValueOrDefault("state") != state || string.IsNullOrEmpty(answer.GetValueOrDefault("code")))
        {
            throw new CliException("The browser came back without this sign-in's state or code: run the command again.");
        }
        return await client.PostAsync(complete, new
        {
            code = answer["code"],
            state,
            state_token = start.GetProperty("state_token").GetString(),
            redirect_uri = redirect,
        }, cancellationToken);
    }

    /// <summary>Opens <paramref name="url"/> in the desktop's browser; false where there is no desktop or no opener.</summary>
    private static bool TryOpen(string url)
    {
        ProcessStartInfo startInfo;
        if (OperatingSystem.IsWindows())
        {
            startInfo = new ProcessStartInfo(url) { UseShellExecute = true };
        }
        else if (OperatingSystem.IsMacOS()
            || Environment.GetEnvironmentVariable("DISPLAY") is not null || Environment.GetEnvironmentVariable("WAYLAND_DISPLAY") is not null)
        {
            startInfo = new ProcessStartInfo(OperatingSystem.IsMacOS() ? "open" : "xdg-open") { RedirectStandardError = true, RedirectStandardOutput = true };
            startInfo.ArgumentList.Add(url);
        }
        else
        {
            return false;
        }
        try
        {
            using var process = Process.Start(startInfo);
            return process is not null;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return false;
        }
    }

    /// <summary>The loopback redirect target: answers the browser with a page to close and hands the query over once.</summary>
    private sealed class Listener : IAsyncDisposable
    {
        private const string Page = """
            <!doctype html><html lang="en"><head><meta charset="utf-8"><title>orch</title></head>
            <body style="font-family:sans-serif"><p>Back in the terminal: you can close this tab.</p></body></html>
            """;

        private readonly WebApplication _app;
        private readonly TaskCompletionSource<IReadOnlyDictionary<string, string>> _answer = new(TaskCreationOptions.RunContinuationsAsynchronously);

        private Listener(WebApplication app) => _app = app;

        public string RedirectUri { get; private set; } = "";

        public Task<IReadOnlyDictionary<string, string>> Answer => _answer.Task;

        public static async Task<Listener> StartAsync(CancellationToken cancellationToken)
        {
            var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [], ContentRootPath = AppContext.BaseDirectory });
            builder.WebHost.UseUrls("http://127.0.0.1:0");
            builder.Logging.ClearProviders();
            var listener = new Listener(builder.Build());
            listener._app.MapGet("/callback", (HttpContext context) =>
            {
                // Only a request carrying an answer ends the wait; a browser's extra requests (a favicon) do not.
                if (context.Request.Query.ContainsKey("code") || context.Request.Query.ContainsKey("error"))
                {
                    listener._answer.TrySetResult(context.Request.Query.ToDictionary(q => q.Key, q => q.Value.ToString()));
                }
                return Results.Content(Page, "text/html; charset=utf-8");
            });
            await listener._app.StartAsync(cancellationToken);
            listener.RedirectUri = listener._app.Urls.First().TrimEnd('/') + "/callback";
            return listener;
        }

        public ValueTask DisposeAsync() => _app.DisposeAsync();
    }
}
