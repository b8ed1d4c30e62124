using System.CommandLine;
using System.Text.Json;
using Orchestration.Cli.Client;

namespace Orchestration.Cli.Commands;

/// <summary>`orch login` and `orch budget`: the session and the caps it spends under.</summary>
internal static class AccountCommands
{
    public static Command Login()
    {
        var email = new Option<string?>("--email") { Description = "Account email: sign in with its password." };
        var register = new Option<bool>("--register") { Description = "Create the account first (the first account of a server is its admin)." };
        var provider = new Option<string?>("--provider") { Description = "Sign in through this OpenID Connect provider in the browser instead (see `orch identities`)." };
        var noBrowser = new Option<bool>("--no-browser") { Description = "With --provider: print the sign-in link, do not open a browser." };
        var command = new Command("login", "Sign in and remember the session: with a password (from $ORCH_PASSWORD or standard input), or through a provider in the browser.")
        {
            email, register, provider, noBrowser,
        };
        command.Validators.Add(result =>
        {
            var byEmail = result.GetValue(email) is not null;
            var byProvider = result.GetValue(provider) is not null;
            if (byEmail == byProvider)
            {
                result.AddError("Give --email (password sign-in) or --provider (sign-in through a provider), not both or neither.");
            }
            else if (byProvider && result.GetValue(register))
            {
                result.AddError("--register goes with --email: a provider's first sign-in makes the account.");
            }
        });
        command.SetClientAction(async (client, parse, output, ct) =>
        {
            JsonElement login;
            if (parse.GetValue(provider) is { } name)
            {
                login = await BrowserSignIn.RunAsync(client, name, $"/api/auth/oidc/{Uri.EscapeDataString(name)}/callback", !parse.GetValue(noBrowser), output, ct);
            }
            else
            {
                var password = Environment.GetEnvironmentVariable("ORCH_PASSWORD") ?? (await Console.In.ReadLineAsync(ct))?.Trim()
                    ?? throw new CliException("No password: set ORCH_PASSWORD or pipe it on standard input.");
                if (parse.GetValue(register))
                {
                    await client.PostAsync("/api/auth/register", new { email = parse.GetValue(email), password, display_name = "" }, ct);
                }
                login = await client.PostAsync("/api/auth/login", new { email = parse.GetValue(email), password }, ct);
            }
            var user = login.GetProperty("user");
            new Credentials(client.Credentials.Server, login.GetProperty("access_token").GetString(),
                login.GetProperty("refresh_token").GetString(), user.GetProperty("email").GetString()).Save();
            await output.WriteLineAsync($"Signed in to {client.Credentials.Server} as {user.GetProperty("email").GetString()} ({user.GetProperty("role").GetString()}).");
        });
        return command;
    }

    /// <summary>`orch budget` (and `orch usage budget`): how full the caps are.</summary>
    public static Command Budget(string name)
    {
        var json = JsonOutput.Option();
        var command = new Command(name, "Show how full the daily and monthly caps are, with your spend (everyone's for an admin).") { json };
        command.SetClientAction(async (client, parse, output, ct) =>
        {
            var b = await client.GetAsync("/api/usage/budget", ct);
            if (parse.GetValue(json))
            {
                await JsonOutput.WriteAsync(output, b);
                return;
            }
            string Line(string period) =>
                b.GetProperty("scope").GetString() == "own"
                    // Not an admin: how full the installation's cap is, and the caller's own spend (never everyone's).
                    ? $"cap {Table.Money(b.GetProperty($"{period}_limit_usd").GetDouble())}, {b.GetProperty($"{period}_pct").GetDouble():0.#}% used "
                      + $"({b.GetProperty($"{period}_level").GetString()}); you spent {Table.Money(b.GetProperty($"{period}_spent_usd").GetDouble())}"
                    : $"{Table.Money(b.GetProperty($"{period}_spent_usd").GetDouble())} of {Table.Money(b.GetProperty($"{period}_limit_usd").GetDouble())} "
                      + $"({b.GetProperty($"{period}_pct").GetDouble():0.#}%, {b.GetProperty($"{period}_level").GetString()})";
            await output.WriteLineAsync($"daily:    {Line("daily")}");
            await output.WriteLineAsync($"monthly:  {Line("monthly")}");
            await output.WriteLineAsync($"reserved: {Table.Money(b.GetProperty("reserved_usd").GetDouble())} (calls in flight{(b.GetProperty("scope").GetString() == "own" ? ", yours" : "")})");
            if (await SimulatedProvider.IsActiveAsync(client, ct))
            {
                await output.WriteLineAsync(SimulatedProvider.Note);
            }
        });
        return command;
    }
}
