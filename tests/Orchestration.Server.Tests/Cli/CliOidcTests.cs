using System.Text;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.WebUtilities;
using Orchestration.Server.Auth.Oidc;
using Orchestration.Server.Tests.Auth;
using Orchestration.Server.Tests.Infrastructure;

namespace Orchestration.Server.Tests.Cli;

/// <summary>
/// `orch login --provider` and `orch identity link`: the browser sign-in of a native app (RFC 8252) against a loopback
/// OpenID Connect provider. The test plays the person at the provider, then the browser coming back to the CLI's
/// 127.0.0.1 listener.
/// </summary>
[Collection(nameof(CliTests))]
public sealed partial class CliOidcTests : IAsyncLifetime
{
    private FakeOidcProvider _idp = null!;
    private OrchestrationApp _app = null!;
    private readonly string _home = Path.Combine(Path.GetTempPath(), "orch-cli-tests", Guid.NewGuid().ToString("N"));

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        Directory.CreateDirectory(_home);
        _idp = await FakeOidcProvider.StartAsync();
        // Only loopback redirects on any port (and the web UI's callback) are allowed.
        _app = await OrchestrationApp.StartAsync($$"""
            { "auth": { "oidc_providers": [ { "name": "corp", "display_name": "Corp SSO", "issuer": "{{_idp.Issuer}}",
                "client_id": "orch", "client_secret": "client-secret" } ],
              "oidc_redirect_uris": [ "http://127.0.0.1/callback", "https://orch.example/auth/callback/corp" ] } }
            """);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.DisposeAsync();
        await _idp.DisposeAsync();
        Directory.Delete(_home, recursive: true);
    }

    [Fact]
    public async Task Login_through_a_provider_signs_in_from_the_browser_and_remembers_the_session()
    {
        var output = new LiveWriter();
        var login = CliRunner.RunStreamingAsync(_app.BaseAddress, _home, output, "login", "--provider", "corp", "--no-browser");

        var (url, redirect) = await LinkAsync(output, login);
        Assert.Matches(@"^http://127\.0\.0\.1:\d+/callback$", redirect);
        var (code, state) = _idp.Authorize(url, "sub-cli", "cli-oidc@corp.example");
        using var browser = new HttpClient();
        var page = await browser.GetStringAsync($"{redirect}?code={code}&state={state}", Ct);
        Assert.Contains("close this tab", page, StringComparison.Ordinal);

        var result = (await login).Succeeded();
        Assert.Contains($"Signed in to {_app.BaseAddress} as cli-oidc@corp.example", result.Output, StringComparison.Ordinal);
        var me = (await CliRunner.RunAsync(_app.BaseAddress, _home, "me")).Succeeded().Output;
        Assert.Contains("providers: corp", me, StringComparison.Ordinal);
        Assert.Contains("password:  no", me, StringComparison.Ordinal);
        var identities = (await CliRunner.RunAsync(_app.BaseAddress, _home, "identities")).Succeeded().Output;
        Assert.Matches(@"\ncorp\s+\d{4}-\d\d-\d\d [0-9:]+[^\n]*\s+cli-oidc@corp\.example\n", identities);
        Assert.Contains("offered here: corp (Corp SSO)", identities, StringComparison.Ordinal);
        // The provider is this account's only way in, so it stays linked.
        (await CliRunner.RunAsync(_app.BaseAddress, _home, "identity", "unlink", "corp")).Failed("400", "only way");
    }

    [Fact]
    public async Task A_password_user_links_a_provider_and_a_refusal_at_the_provider_is_one_line()
    {
        var user = await _app.CreateUserAsync("linker@example.com");
        using var home = CliHome.For(_app, user);

        var refused = new LiveWriter();
        var refusedRun = CliRunner.RunStreamingAsync(_app.BaseAddress, home.Path, refused, "identity", "link", "corp", "--no-browser");
        var (url, redirect) = await LinkAsync(refused, refusedRun);
        var state = QueryHelpers.ParseQuery(new Uri(url).Query)["state"];
        using var browser = new HttpClient();
        await browser.GetStringAsync($"{redirect}?error=access_denied&error_description=The%20user%20said%20no&state={state}", Ct);
        (await refusedRun).Failed("The provider refused the sign-in (access_denied: The user said no).");

        var output = new LiveWriter();
        var link = CliRunner.RunStreamingAsync(_app.BaseAddress, home.Path, output, "identity", "link", "corp", "--no-browser");
        (url, redirect) = await LinkAsync(output, link);
        var (code, granted) = _idp.Authorize(url, "sub-linker", "linker@corp.example");
        await browser.GetStringAsync($"{redirect}?code={code}&state={granted}", Ct);
        Assert.Contains("Linked corp (linker@corp.example) to your account.", (await link).Succeeded().Output, StringComparison.Ordinal);

        Assert.Contains("providers: corp", (await home.RunAsync("me")).Succeeded().Output, StringComparison.Ordinal);
        Assert.Contains("Unlinked corp.", (await home.RunAsync("identity", "unlink", "corp")).Succeeded().Output, StringComparison.Ordinal);
        var identities = (await home.RunAsync("identities", "--json")).Succeeded().Output;
        Assert.Equal("[]", identities.Trim());
    }

    [Theory]
    [InlineData("login")]
    [InlineData("login --email a@example.com --provider corp")]
    [InlineData("login --provider corp --register")]
    public async Task Login_takes_a_password_or_a_provider(string line)
    {
        var result = await CliRunner.RunAsync(_app.BaseAddress, _home, line.Split(' '));
        Assert.Equal(2, result.Exit);
        Assert.Matches("--email|--register", result.Error.Split('\n')[0]);
    }

    [Theory]
    [InlineData("http://127.0.0.1/callback", "http://127.0.0.1:49152/callback", true)]
    [InlineData("http://127.0.0.1/callback", "http://127.0.0.1/callback", true)]
    [InlineData("http://[::1]/callback", "http://[::1]:8123/callback", true)]
    [InlineData("http://127.0.0.1/callback", "http://127.0.0.1:49152/other", false)]
    [InlineData("http://127.0.0.1/callback", "http://localhost:49152/callback", false)]
    [InlineData("http://localhost/callback", "http://localhost:49152/callback", false)]
    [InlineData("https://orch.example/auth/callback/corp", "https://orch.example:8443/auth/callback/corp", false)]
    [InlineData("http://127.0.0.1/callback", "https://127.0.0.1:49152/callback", false)]
    public void Loopback_ip_redirects_are_allowed_on_any_port_and_nothing_else_is(string allowed, string requested, bool expected) =>
        Assert.Equal(expected, OidcFlow.Allows(allowed, new Uri(requested)));

    [Fact]
    public async Task A_redirect_outside_the_list_is_refused_before_the_browser_is_sent_anywhere()
    {
        using var client = _app.CreateClient();
        var response = await client.GetAsync($"/api/auth/oidc/corp/login?redirect_uri={Uri.EscapeDataString("http://localhost:4000/callback")}", Ct);
        await response.AssertProblemAsync(System.Net.HttpStatusCode.UnprocessableEntity, "auth.oidc_redirect_uris");
    }

    /// <summary>The link the CLI printed and the redirect URI it carries; fails with the CLI's answer if it ended first.</summary>
    private static async Task<(string Url, string Redirect)> LinkAsync(LiveWriter output, Task<CliResult> run)
    {
        var printed = await output.WaitForAsync(SignInLink(), run);
        var url = printed.Groups[1].Value;
        return (url, QueryHelpers.ParseQuery(new Uri(url).Query)["redirect_uri"].ToString());
    }

    [GeneratedRegex(@"in your browser: (\S+)\n(?:.*\n)*Waiting for")]
    private static partial Regex SignInLink();

    /// <summary>A thread-safe writer a test can wait on while the command runs.</summary>
    private sealed class LiveWriter : TextWriter
    {
        private readonly StringBuilder _text = new();
        private readonly SemaphoreSlim _changed = new(0);

        public override Encoding Encoding => Encoding.UTF8;

        public override void Write(char value)
        {
            lock (_text)
            {
                _text.Append(value);
            }
            _changed.Release();
        }

        public override void Write(string? value)
        {
            lock (_text)
            {
                _text.Append(value);
            }
            _changed.Release();
        }

        public override string ToString()
        {
            lock (_text)
            {
                return _text.ToString();
            }
        }

        public async Task<Match> WaitForAsync(Regex pattern, Task<CliResult> run)
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Ct);
            timeout.CancelAfter(TimeSpan.FromSeconds(30));
            while (true)
            {
                var match = pattern.Match(ToString().ReplaceLineEndings("\n"));
                if (match.Success)
                {
                    return match;
                }
                if (run.IsCompleted)
                {
                    var result = await run;
                    Assert.Fail($"orch ended (exit {result.Exit}) before printing the link: {result.Error}{ToString()}");
                }
                await Task.WhenAny(_changed.WaitAsync(timeout.Token), run);
                timeout.Token.ThrowIfCancellationRequested();
            }
        }

        protected override void Dispose(bool disposing)
        {
            _changed.Dispose();
            base.Dispose(disposing);
        }
    }
}
