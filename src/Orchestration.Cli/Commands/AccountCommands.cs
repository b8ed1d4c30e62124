using System.CommandLine;
using Orchestration.Cli.Client;

namespace Orchestration.Cli.Commands;

internal static class AccountCommands
{
    public static Command Login()
    {
        var email = new Option<string>("--email") { Description = "Account email.", Required = true };
        var register = new Option<bool>("--register") { Description = "Create the account first (the first account of a server is its admin)." };
        var command = new Command("login", "Sign in and remember the session (password from $ORCH_PASSWORD or standard input).") { email, register };
        command.SetClientAction(async (client, parse, output, ct) =>
        {
            var password = Environment.GetEnvironmentVariable("ORCH_PASSWORD") ?? (await Console.In.ReadLineAsync(ct))?.Trim()
                ?? throw new CliException("No password: set ORCH_PASSWORD or pipe it on standard input.");
            if (parse.GetValue(register))
            {
                await client.PostAsync("/api/auth/register", new { email = parse.GetValue(email), password, display_name = "" }, ct);
            }
            var login = await client.PostAsync("/api/auth/login", new { email = parse.GetValue(email), password }, ct);
            new Credentials(client.Credentials.Server, login.GetProperty("access_token").GetString(),
                login.GetProperty("refresh_token").GetString(), parse.GetValue(email)).Save();
            var user = login.GetProperty("user");
            await output.WriteLineAsync($"Signed in to {client.Credentials.Server} as {user.GetProperty("email").GetString()} ({user.GetProperty("role").GetString()}).");
        });
        return command;
    }

    public static Command Budget()
    {
        var command = new Command("budget", "Show spend against the daily and monthly caps.");
        command.SetClientAction(async (client, parse, output, ct) =>
        {
            var b = await client.GetAsync("/api/usage/budget", ct);
            await output.WriteLineAsync($"daily:    {Table.Money(b.GetProperty("daily_spent_usd").GetDouble())} of {Table.Money(b.GetProperty("daily_limit_usd").GetDouble())} ({b.GetProperty("daily_pct").GetDouble():0.#}%)");
            await output.WriteLineAsync($"monthly:  {Table.Money(b.GetProperty("monthly_spent_usd").GetDouble())} of {Table.Money(b.GetProperty("monthly_limit_usd").GetDouble())} ({b.GetProperty("monthly_pct").GetDouble():0.#}%)");
            await output.WriteLineAsync($"reserved: {Table.Money(b.GetProperty("reserved_usd").GetDouble())} (calls in flight)");
        });
        return command;
    }
}
